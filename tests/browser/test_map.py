"""A coordinator opens the network map, filters it, replays it and clicks a member."""

from __future__ import annotations

import datetime as dt
import re
from typing import Any

import pytest

from tests.browser.login import log_in
from tests.maps.conftest import TODAY, frozen, story  # noqa: F401  (fixtures)
from warmnet.network.models import Member, Network

pytestmark = pytest.mark.django_db(transaction=True)


def _node_ids(page: Any) -> set[str]:
    return set(page.locator("svg.map a.node").evaluate_all("els => els.map(e => e.dataset.member)"))


def test_the_coordinator_filters_replays_and_opens_a_member(
    story: Network,  # noqa: F811
    live_server: Any,
    page: Any,
    shoot: Any,
) -> None:
    log_in(page, live_server.url, "alice")
    page.goto(f"{live_server.url}/n/{story.slug}/")
    page.locator("nav.sections a[href$='/map/']").click()
    page.wait_for_load_state()
    everyone = _node_ids(page)
    assert len(everyone) > 30
    assert page.locator(".map-legend li").count() >= 5
    shoot(page, "map-01-network")

    # filter by organisation: the picture is swapped in place (HTMX) and the URL follows
    member = Member.objects.filter(network=story).order_by("pk")[3]
    with page.expect_response(lambda r: "/map/" in r.url and "organisation=" in r.url):
        page.select_option("#id_organisation", str(member.organisation_id))
    page.wait_for_function(
        "n => document.querySelectorAll('svg.map a.node').length < n", arg=len(everyone)
    )
    ours = _node_ids(page)
    expected = {
        str(pk)
        for pk in Member.objects.filter(
            network=story, organisation_id=member.organisation_id, left_on__isnull=True
        ).values_list("pk", flat=True)
    }
    assert ours and ours <= expected
    assert f"organisation={member.organisation_id}" in page.url
    shoot(page, "map-02-filtered")

    # back to everyone, then replay: move the slider to the first months
    with page.expect_response(lambda r: "/map/" in r.url):
        page.select_option("#id_organisation", "")
    page.wait_for_function(
        "n => document.querySelectorAll('svg.map a.node').length == n", arg=len(everyone)
    )
    with page.expect_response(lambda r: "as_of=" in r.url):
        page.locator("#replay").fill("3")
    early = page.locator("#id_as_of").input_value()
    assert early < TODAY.isoformat()
    page.wait_for_function(
        "d => document.querySelector('#map-title') && "
        "document.querySelector('#map-picture').dataset.asOf === d",
        arg=early,
    )
    day = dt.date.fromisoformat(early)
    joined_later = {
        str(pk)
        for pk in Member.objects.filter(network=story, joined_on__gt=day).values_list(
            "pk", flat=True
        )
    }
    assert joined_later and not _node_ids(page) & joined_later
    shoot(page, "map-03-replayed")

    # click a node: the member's page
    node = page.locator("svg.map a.node").first
    pk = node.get_attribute("data-member")
    node.click()
    page.wait_for_url(re.compile(rf"/members/{pk}/$"))
    assert page.locator("section.member-insights").count() == 1
    assert page.locator("ul.not-met li").count() >= 1
    shoot(page, "member-01-page")


def test_the_maps_work_on_a_tablet(
    story: Network,  # noqa: F811
    live_server: Any,
    browser: Any,
    shoot: Any,
) -> None:
    context = browser.new_context(viewport={"width": 768, "height": 1024}, locale="nl-NL")
    page = context.new_page()
    try:
        log_in(page, live_server.url, "alice")
        page.goto(f"{live_server.url}/n/{story.slug}/map/")
        box = page.locator("svg.map").bounding_box()
        assert box is not None and box["width"] <= 768
        assert page.evaluate("document.documentElement.scrollWidth") <= 768
        shoot(page, "map-tablet-network")
        page.goto(f"{live_server.url}/n/{story.slug}/map/organisations/")
        assert page.locator("svg.map a.node").count() >= 5
        shoot(page, "map-tablet-organisations")
        member = Member.objects.filter(network=story).order_by("pk")[5]
        page.goto(f"{live_server.url}/n/{story.slug}/members/{member.pk}/")
        shoot(page, "member-tablet-page")
        # keyboard: the first node is reachable with Tab and opens with Enter
        page.goto(f"{live_server.url}/n/{story.slug}/map/")
        page.locator("svg.map a.node").first.focus()
        focused = page.evaluate("document.activeElement.getAttribute('data-member')")
        assert focused
        page.keyboard.press("Enter")
        page.wait_for_url(re.compile(rf"/members/{focused}/$"))
    finally:
        context.close()
