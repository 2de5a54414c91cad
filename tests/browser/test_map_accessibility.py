"""The maps on a phone and a desktop, in Dutch and English: no page wider than the screen, and
axe-core finds nothing serious or critical.  With WARMNET_DOCS_SCREENSHOTS=1 the phone and
desktop pictures of the network map are written to docs/screenshots/ (where they are kept)."""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

import pytest

from tests.browser.axe import describe, serious_violations
from tests.browser.login import log_in
from tests.maps.conftest import frozen, story  # noqa: F401  (fixtures)
from warmnet.dossiers.models import Point
from warmnet.network.models import Network

pytestmark = pytest.mark.django_db(transaction=True)

PHONE = {"width": 390, "height": 844}
DESKTOP = {"width": 1366, "height": 900}
DOCS = Path(__file__).resolve().parents[2] / "docs" / "screenshots"
SCREENS = [("phone", PHONE), ("desktop", DESKTOP)]
LANGUAGES = [("nl", "nl-NL"), ("en", "en-GB")]


def _context(browser: Any, base: str, viewport: dict[str, int], language: str, locale: str) -> Any:
    """A browser context in ``language`` (Dutch unless the language switch says otherwise)."""
    context = browser.new_context(viewport=viewport, locale=locale)
    context.add_cookies([{"name": "django_language", "value": language, "url": base}])
    return context


def _check(page: Any, width: int) -> None:
    assert page.evaluate("document.documentElement.scrollWidth") <= width
    violations = serious_violations(page)
    assert not violations, describe(violations)


def test_the_network_map_fits_the_screen_and_passes_axe(
    story: Network,  # noqa: F811
    live_server: Any,
    browser: Any,
    shoot: Any,
) -> None:
    for screen, viewport in SCREENS:
        for language, locale in LANGUAGES:
            _network_map(story, live_server, browser, shoot, screen, viewport, language, locale)


def _network_map(
    story: Network,  # noqa: F811
    live_server: Any,
    browser: Any,
    shoot: Any,
    screen: str,
    viewport: dict[str, int],
    language: str,
    locale: str,
) -> None:
    context = _context(browser, live_server.url, viewport, language, locale)
    page = context.new_page()
    page.set_default_timeout(15_000)
    try:
        log_in(page, live_server.url, "alice")
        page.goto(f"{live_server.url}/n/{story.slug}/map/")
        page.wait_for_selector("#map-canvas[data-ready=true]", state="attached")
        assert page.locator("html").get_attribute("lang") == language
        box = page.locator("#map-canvas").bounding_box()
        assert box is not None and box["width"] <= viewport["width"]
        _check(page, viewport["width"])
        # with a person in focus and the suggestions open, too
        page.locator("#id_q").press_sequentially(
            page.evaluate("window.warmnetMap.data.nodes.label[0]")[:4]
        )
        page.wait_for_selector("#map-suggestions [role=option]")
        _check(page, viewport["width"])
        page.keyboard.press("Enter")
        page.wait_for_function("() => window.warmnetMap.focus !== null")
        page.wait_for_timeout(450)  # the camera's move
        _check(page, viewport["width"])
        shoot(page, f"map-{screen}-{language}")
        if language == "nl" and os.environ.get("WARMNET_DOCS_SCREENSHOTS"):
            page.locator("#map-filters").scroll_into_view_if_needed()
            page.locator("h1").scroll_into_view_if_needed()
            page.locator("#map-canvas").scroll_into_view_if_needed()
            DOCS.mkdir(parents=True, exist_ok=True)
            page.screenshot(path=str(DOCS / f"map-{screen}.png"))
    finally:
        context.close()


def test_the_organisation_map_and_a_fault_line_pass_axe(
    story: Network,  # noqa: F811
    live_server: Any,
    browser: Any,
    shoot: Any,
) -> None:
    for screen, viewport in SCREENS:
        for language, locale in LANGUAGES:
            _organisation_map_and_fault_line(
                story, live_server, browser, shoot, screen, viewport, language, locale
            )


def _organisation_map_and_fault_line(
    story: Network,  # noqa: F811
    live_server: Any,
    browser: Any,
    shoot: Any,
    screen: str,
    viewport: dict[str, int],
    language: str,
    locale: str,
) -> None:
    context = _context(browser, live_server.url, viewport, language, locale)
    page = context.new_page()
    page.set_default_timeout(15_000)
    point = Point.objects.filter(network=story, kind=0).order_by("pk").first()
    assert point is not None
    try:
        log_in(page, live_server.url, "alice")
        page.goto(f"{live_server.url}/n/{story.slug}/map/organisations/")
        assert page.locator("svg.map a.node").count() >= 5
        _check(page, viewport["width"])
        shoot(page, f"organisation-map-{screen}-{language}")
        page.goto(f"{live_server.url}/n/{story.slug}/map/points/{point.pk}/")
        _check(page, viewport["width"])
        shoot(page, f"faultline-{screen}-{language}")
    finally:
        context.close()
