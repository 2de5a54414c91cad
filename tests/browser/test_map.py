"""A coordinator explores the network map in Chromium: draw, search, focus, filter, replay,
the table alternative, and the map on a phone."""

from __future__ import annotations

import datetime as dt
import re
from typing import Any

import pytest
from django.utils import translation
from django.utils.formats import date_format

from tests.browser.login import log_in
from tests.maps.conftest import TODAY, frozen, story  # noqa: F401  (fixtures)
from warmnet.network.models import Member, Network

pytestmark = pytest.mark.django_db(transaction=True)


def _active(network: Network, day: dt.date) -> set[str]:
    members = Member.objects.filter(network=network, joined_on__lte=day)
    return {str(m.pk) for m in members if m.left_on is None or m.left_on > day}


def _open_map(page: Any, base: str, network: Network, query: str = "") -> None:
    page.goto(f"{base}/n/{network.slug}/map/{query}")
    page.wait_for_selector("#map-canvas[data-ready=true]", state="attached")


def _nodes(page: Any) -> set[str]:
    return set(page.evaluate("window.warmnetMap.graph.nodes()"))


def _visible(page: Any) -> set[str]:
    return set(
        page.evaluate(
            "(() => { const m = window.warmnetMap;"
            " return m.graph.nodes().filter(n => !m.visible || m.visible.has(n)); })()"
        )
    )


def _neighbours(page: Any, key: str) -> set[str]:
    """Whom ``key`` has a tie with in the tie kinds shown (the working layer starts off)."""
    return set(
        page.evaluate(
            "k => { const m = window.warmnetMap; const out = new Set();"
            " m.graph.forEachEdge(k, (e, a, s, t) => {"
            " if (m.layers.has(a.layer)) out.add(s === k ? t : s); });"
            " return [...out]; }",
            key,
        )
    )


def test_the_map_draws_everyone_and_focuses_a_person_found_by_search(
    story: Network,  # noqa: F811
    live_server: Any,
    page: Any,
    shoot: Any,
) -> None:
    log_in(page, live_server.url, "alice")
    page.goto(f"{live_server.url}/n/{story.slug}/")
    page.locator("nav.sections a[href$='/map/']").click()
    page.wait_for_selector("#map-canvas[data-ready=true]", state="attached")
    assert _nodes(page) == _active(story, TODAY)
    assert page.evaluate("window.warmnetMap.graph.size") > 100
    assert page.locator(".map-legend a[data-org]").count() >= 8
    assert page.locator("#map-canvas canvas").count() >= 2
    shoot(page, "map-01-network")

    # search by part of a name: a listbox of suggestions, chosen with the keyboard
    member = Member.objects.filter(network=story).order_by("-pk")[2]
    page.locator("#id_q").press_sequentially(member.name[:5])
    option = page.locator("#map-suggestions [role=option]", has_text=member.name)
    assert option.count() == 1
    assert page.get_attribute("#id_q", "aria-expanded") == "true"
    index = page.locator("#map-suggestions [role=option]").all_inner_texts()
    for _ in range(1 + next(i for i, t in enumerate(index) if t.startswith(member.name))):
        page.keyboard.press("ArrowDown")
    page.keyboard.press("Enter")
    page.wait_for_function(
        "k => window.warmnetMap.focus && window.warmnetMap.focus.key === k", arg=str(member.pk)
    )
    assert page.locator("#map-focus-title").inner_text() == member.name
    neighbours = _neighbours(page, str(member.pk))
    listed = set(
        page.locator("#map-focus-list button[data-member]").evaluate_all(
            "b => b.map(x => x.dataset.member)"
        )
    )
    assert listed and listed <= neighbours
    assert len(listed) == min(len(neighbours), 25)
    # each tie in words (the page is Dutch), the hours in its tooltip
    bands = page.locator("#map-focus-list .tie-band").evaluate_all(
        "b => b.map(x => [x.firstChild.textContent, x.title])"
    )
    assert len(bands) == len(listed)
    for word, title in bands:
        assert word in {"sterk", "gemiddeld", "zwak", "nog geen"}
        assert " uur samen in relatieactiviteiten" in title
    focused = page.evaluate("[...window.warmnetMap.focusNodes]")
    assert set(focused) == neighbours | {str(member.pk)}
    shoot(page, "map-02-focus")

    # a neighbour in the list focuses that person; "show everyone" clears the focus
    other = sorted(listed)[0]
    page.locator(f"#map-focus-list button[data-member='{other}']").click()
    page.wait_for_function("k => window.warmnetMap.focus.key === k", arg=other)
    page.locator("#map-focus-clear").click()
    assert page.evaluate("window.warmnetMap.focus") is None
    assert page.locator("#map-focus").is_hidden()

    # clicking a member on the canvas focuses them too
    page.wait_for_timeout(500)  # the camera's way back
    key = page.evaluate(
        "(() => { const g = window.warmnetMap.graph; let best = null, size = 0;"
        " g.forEachNode((k, a) => { if (a.size > size) { best = k; size = a.size; } });"
        " return best; })()"
    )
    point = page.evaluate(
        "k => { const r = window.warmnetMap.renderer;"
        " return r.graphToViewport(r.getGraph().getNodeAttributes(k)); }",
        key,
    )
    box = page.locator("#map-canvas").bounding_box()
    page.mouse.click(box["x"] + point["x"], box["y"] + point["y"])
    page.wait_for_function(
        "k => window.warmnetMap.focus && window.warmnetMap.focus.key === k", arg=key
    )


def test_filters_and_the_organisation_focus_change_the_map_and_the_table(
    story: Network,  # noqa: F811
    live_server: Any,
    page: Any,
) -> None:
    log_in(page, live_server.url, "alice")
    _open_map(page, live_server.url, story)
    everyone = _nodes(page)
    member = Member.objects.filter(network=story).order_by("pk")[3]
    ours = {
        str(pk)
        for pk in Member.objects.filter(organisation=member.organisation).values_list(
            "pk", flat=True
        )
    } & everyone

    # the organisation filter hides the others on the map and narrows the table (HTMX)
    with page.expect_response(lambda r: "organisation=" in r.url):
        page.select_option("#id_organisation", str(member.organisation_id))
    page.wait_for_function(
        "n => document.querySelectorAll('#map-table tbody tr').length == n", arg=len(ours)
    )
    assert _visible(page) == ours
    rows = set(
        page.locator("#map-table tbody tr").evaluate_all("r => r.map(x => x.dataset.member)")
    )
    assert rows == ours
    assert f"organisation={member.organisation_id}" in page.url
    with page.expect_response(lambda r: "/map/" in r.url):
        page.select_option("#id_organisation", "")
    assert _visible(page) == everyone

    # tie kind: working ties can be switched on, relational ties off
    working = page.locator("input[name=layer][value=working]")
    assert not working.is_disabled() and not working.is_checked()
    assert page.locator("#layer-note-working").is_visible()
    working.check()
    shown_working = page.evaluate(
        "(() => { const m = window.warmnetMap; let shown = 0;"
        " m.graph.forEachEdge((e, a) => { if (a.layer === 'working' && m.layers.has(a.layer))"
        " shown++; }); return shown; })()"
    )
    assert shown_working > 0
    working.uncheck()
    page.locator("input[name=layer][value=relational]").uncheck()
    assert (
        re.search(r"\b0 van", page.locator("#map-summary").inner_text())
        or " 0 " in page.locator("#map-summary").inner_text()
    )
    hidden = page.evaluate(
        "(() => { const m = window.warmnetMap; let shown = 0;"
        " m.graph.forEachEdge((e, a) => { if (m.layers.has(a.layer)) shown++; });"
        " return shown; })()"
    )
    assert hidden == 0
    page.locator("input[name=layer][value=relational]").check()

    # the legend focuses an organisation: its people and whoever they have ties with
    org_index = page.evaluate(
        "pk => window.warmnetMap.data.orgs.findIndex(o => o.id === pk)", member.organisation_id
    )
    page.locator(f".map-legend a[data-org='{org_index}']").click()
    page.wait_for_function(
        "() => window.warmnetMap.focus && window.warmnetMap.focus.kind === 'org'"
    )
    focused = set(page.evaluate("[...window.warmnetMap.focusNodes]"))
    expected = set(ours)
    for key in ours:
        expected |= _neighbours(page, key)
    assert focused == expected
    assert (
        page.locator(f".map-legend a[data-org='{org_index}']").get_attribute("aria-current")
        == "true"
    )


def test_the_replay_steps_back_in_time_without_moving_anyone(
    story: Network,  # noqa: F811
    live_server: Any,
    page: Any,
    shoot: Any,
) -> None:
    log_in(page, live_server.url, "alice")
    _open_map(page, live_server.url, story)
    before = page.evaluate(
        "(() => { const g = window.warmnetMap.graph, out = {};"
        " g.forEachNode((k, a) => { out[k] = [a.x, a.y]; }); return out; })()"
    )
    months = page.evaluate("JSON.parse(document.getElementById('map-config').textContent).months")
    day = months[3]
    with page.expect_response(lambda r: "/map/data/" in r.url and f"as_of={day}" in r.url):
        page.locator("#replay").fill("3")
    page.wait_for_function("d => window.warmnetMap.day === d", arg=day)
    # the day in words of the page's language (Dutch by default), not "2025-03-01"
    with translation.override("nl"):
        assert page.locator("#replay-day").inner_text() == date_format(
            dt.date.fromisoformat(day), "j F Y"
        )
    early = _nodes(page)
    assert early == _active(story, dt.date.fromisoformat(day))
    joined_later = {
        str(pk)
        for pk in Member.objects.filter(
            network=story, joined_on__gt=dt.date.fromisoformat(day)
        ).values_list("pk", flat=True)
    }
    assert joined_later and not early & joined_later
    after = page.evaluate(
        "(() => { const g = window.warmnetMap.graph, out = {};"
        " g.forEachNode((k, a) => { out[k] = [a.x, a.y]; }); return out; })()"
    )
    assert all(after[k] == before[k] for k in after if k in before)
    # the table follows the day
    page.wait_for_function("d => document.getElementById('id_as_of').value === d", arg=day)
    page.wait_for_function(
        "n => document.querySelectorAll('#map-table tbody tr').length === n", arg=len(early)
    )
    shoot(page, "map-03-replayed")

    # play runs the months forward and can be paused
    page.locator("#replay-play").click()
    assert page.get_attribute("#replay-play", "aria-pressed") == "true"
    page.wait_for_function("d => window.warmnetMap.day > d", arg=day)
    page.locator("#replay-play").click()
    assert page.get_attribute("#replay-play", "aria-pressed") == "false"


def test_the_table_works_by_keyboard_and_without_javascript(
    story: Network,  # noqa: F811
    live_server: Any,
    page: Any,
    browser: Any,
) -> None:
    log_in(page, live_server.url, "alice")
    _open_map(page, live_server.url, story)
    first_row = page.locator("#map-table tbody tr").first
    key = first_row.get_attribute("data-member")
    button = first_row.locator("button.show-on-map")
    button.focus()
    assert page.evaluate("document.activeElement.dataset.member") == key
    page.keyboard.press("Enter")
    page.wait_for_function(
        "k => window.warmnetMap.focus && window.warmnetMap.focus.key === k", arg=key
    )
    # the table's region scrolls by keyboard too
    assert page.locator("#map-table .table-scroll").get_attribute("tabindex") == "0"

    context = browser.new_context(java_script_enabled=False, locale="nl-NL")
    plain = context.new_page()
    try:
        log_in(plain, live_server.url, "alice")
        plain.goto(f"{live_server.url}/n/{story.slug}/map/")
        assert plain.locator("#map-canvas").is_hidden()
        assert plain.locator("#replay").is_hidden()
        rows = plain.locator("#map-table tbody tr").count()
        assert rows == min(50, len(_active(story, TODAY)))
        member = Member.objects.filter(network=story).order_by("pk")[4]
        plain.fill("#id_q", member.name)
        plain.locator("#map-filters button[type=submit]").click()
        plain.wait_for_url(re.compile(r"q="))
        names = plain.locator("#map-table tbody th a").all_inner_texts()
        assert member.name in names
    finally:
        context.close()
