"""A coordinator logs in to the demo network and walks every section, in Dutch and English."""

from __future__ import annotations

import re
from io import StringIO
from typing import Any

import pytest

from tests.browser.login import log_in
from warmnet.generate.management.commands.demo import DEMO_NAME, ensure_logins, ensure_network

PASSWORD = "gedeelde-visie-2025"


@pytest.fixture
def demo(transactional_db: Any) -> Any:
    network = ensure_network(StringIO())
    ensure_logins(network, {"coordinator": PASSWORD, "deelnemer": PASSWORD})
    return network


def test_the_coordinator_walks_every_section_in_dutch_then_english(
    demo: Any, live_server: Any, page: Any, shoot: Any
) -> None:
    log_in(page, live_server.url, "coordinator", PASSWORD)
    assert page.url.rstrip("/").endswith(f"/n/{demo.slug}")
    sections = page.locator("nav.sections a")
    labels = sections.all_inner_texts()
    assert len(labels) >= 9, labels
    for language in ("nl", "en"):
        assert page.locator("html").get_attribute("lang") == language
        for index in range(len(labels)):
            link = page.locator("nav.sections a").nth(index)
            name = link.inner_text()
            link.click()
            page.wait_for_load_state()
            assert page.locator("nav.sections a[aria-current=page]").inner_text() == name
            assert DEMO_NAME in page.locator("header.top").inner_text()
            assert page.locator("h1").count() >= 1
            slug = re.sub(r"\W+", "-", name.lower()).strip("-")
            shoot(page, f"foundation-{language}-{index:02d}-{slug}")
        if language == "nl":
            assert "Leden" in page.locator("nav.sections").inner_text()
            with page.expect_navigation():
                page.select_option("#language", "en")
    assert "Members" in page.locator("nav.sections").inner_text()


def test_a_participant_sees_no_write_buttons_and_no_audit_log(
    demo: Any, live_server: Any, page: Any
) -> None:
    log_in(page, live_server.url, "deelnemer", PASSWORD)
    nav = page.locator("nav.sections").inner_text()
    assert "Logboek" not in nav and "Audit log" not in nav
    page.goto(f"{live_server.url}/n/{demo.slug}/members/")
    assert page.locator("a.button.primary").count() == 0
    response = page.goto(f"{live_server.url}/n/{demo.slug}/members/new/")
    assert response.status == 403
