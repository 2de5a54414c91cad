"""The dashboard in real Chromium: log in, read the verdict of each scenario, open the
evidence down to a period's activities.  Screenshots go to artifacts/screenshots/."""

from __future__ import annotations

import datetime as dt
import re
from typing import Any

import pytest

from tests.browser.axe import describe, serious_violations
from tests.browser.conftest import ARTIFACTS
from tests.browser.login import TABLET, log_in
from tests.dashboard.conftest import EXPECTED, START, make_scenario_network
from warmnet.dossiers.models import Milestone, MilestoneKind
from warmnet.generate.management.commands.demo import (
    DEMO_NAME,
    DEMO_SCENARIO,
    DEMO_SEED,
    DEMO_SLUG,
)
from warmnet.generate.synth import generate_network
from warmnet.generate.writer import write_network
from warmnet.network.models import Member, Network, Organisation, Role

pytestmark = pytest.mark.django_db(transaction=True)


def test_each_scenario_shows_its_verdict_and_evidence(
    live_server: Any, page: Any, shoot: Any, alice: Any
) -> None:
    networks = {s: make_scenario_network(s, (alice, Role.COORDINATOR)) for s in EXPECTED}
    log_in(page, live_server.url, "alice")
    for scenario, net in networks.items():
        page.set_viewport_size({"width": 1280, "height": 900})
        page.goto(live_server.url + net.url)
        verdict = page.locator("h2.verdict-label")
        assert verdict.get_attribute("data-scenario") == EXPECTED[scenario]
        evidence = page.locator("details#verdict-evidence")
        assert not evidence.locator("li").first.is_visible()
        evidence.locator("summary").click()
        assert evidence.locator("li").first.is_visible()
        assert evidence.locator("li").count() >= 2
        shoot(page, f"dashboard-{scenario}")
        page.set_viewport_size(TABLET)
        shoot(page, f"dashboard-{scenario}-tablet")

    # the numbers behind the chart, and one period's activities, in place (HTMX)
    page.set_viewport_size({"width": 1280, "height": 900})
    page.goto(live_server.url + networks["kickoff-then-content"].url)
    page.locator("details#chart-numbers summary").click()
    page.locator("details#chart-numbers tbody a").nth(3).click()
    panel = page.locator("#period-panel")
    panel.locator("table a").first.wait_for()
    assert "/activities/" in (panel.locator("table a").first.get_attribute("href") or "")
    shoot(page, "dashboard-period-panel")


def _demo_network(alice: Any) -> tuple[Any, Network]:
    """The demo network as `warmnet demo` makes it, with Alice as a coordinator."""
    g = generate_network(
        DEMO_SEED,
        "demo",
        DEMO_SCENARIO,
        start=START,
        years=2.0,
        region="Groene Delta",
        name=DEMO_NAME,
    )
    network = write_network(g, DEMO_SLUG).network
    Member.objects.create(
        network=network,
        organisation=Organisation.objects.filter(network=network).first(),
        name="Alice de Vries",
        role=Role.COORDINATOR,
        joined_on=START,
        user=alice,
    )
    return g, network


def test_the_demo_dashboard_reads_at_a_glance(
    live_server: Any, page: Any, shoot: Any, alice: Any
) -> None:
    """The demo network's first screen: the picture in the README."""
    g, _network = _demo_network(alice)
    as_of = g.end + dt.timedelta(days=14)
    log_in(page, live_server.url, "alice")
    page.set_viewport_size({"width": 1280, "height": 1060})
    page.goto(f"{live_server.url}/n/{DEMO_SLUG}/?as_of={as_of.isoformat()}")
    assert (
        page.locator("h2.verdict-label").get_attribute("data-scenario") == EXPECTED[DEMO_SCENARIO]
    )
    assert page.locator("section.next-step a.plan").is_visible()
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / "dashboard.png"))
    shoot(page, "dashboard-demo-full")
    page.set_viewport_size(TABLET)
    shoot(page, "dashboard-demo-tablet")
    # keyboard: the evidence opens from the keyboard
    page.locator("details#verdict-evidence summary").focus()
    page.keyboard.press("Enter")
    assert page.locator("details#verdict-evidence").get_attribute("open") is not None


def test_a_participant_reads_the_dashboard_without_plan_buttons(
    live_server: Any, page: Any, shoot: Any, alice: Any, bob: Any
) -> None:
    net = make_scenario_network("together", (alice, Role.COORDINATOR), (bob, Role.PARTICIPANT))
    log_in(page, live_server.url, "bob")
    page.goto(live_server.url + net.url)
    assert page.locator(".verdict-label").get_attribute("data-scenario") == "together"
    assert page.locator("a.plan").count() == 0
    assert page.locator("nav.sections a[href$='/map/']").count() == 0
    shoot(page, "dashboard-participant")


def test_the_demo_dashboard_tells_one_story_on_a_phone(
    live_server: Any, page: Any, shoot: Any, alice: Any
) -> None:
    """390 px wide, in Dutch: one verdict with its drift in a sentence, what to do next led
    by the coming decision's countdown, similar suggestions in one card; no page wider
    than the phone, no serious accessibility violation."""
    g, network = _demo_network(alice)
    as_of = g.end + dt.timedelta(days=14)
    Milestone.objects.filter(network=network, date__gt=as_of).delete()
    Milestone.objects.create(
        network=network,
        kind=MilestoneKind.DECISION,
        title="Besluit dijkversterking",
        date=as_of + dt.timedelta(days=49),
    )
    log_in(page, live_server.url, "alice")
    page.set_viewport_size({"width": 390, "height": 844})
    page.goto(f"{live_server.url}/n/{DEMO_SLUG}/?as_of={as_of.isoformat()}")
    assert page.locator("h2.verdict-label").count() == 1
    # one certainty on the page, the headline's, in a word with its figure in a tooltip
    assert page.locator("span.confidence-word").count() == 1
    assert re.fullmatch(
        r"\d+%.*", page.locator("span.confidence-word").get_attribute("title") or ""
    )
    first_step = page.locator("ol.steps li").first
    assert first_step.get_attribute("class") == "next-moment"
    assert first_step.inner_text().startswith("Besluit dijkversterking over 7 weken — plan vóór ")
    steps = page.locator("ol.steps li").all_inner_texts()
    assert len(steps) == len(set(steps))
    types = page.locator("li.suggestion").evaluate_all("els => els.map(e => e.dataset.type)")
    assert len(types) == len(set(types))
    assert page.evaluate("document.documentElement.scrollWidth") <= 390
    violations = serious_violations(page)
    assert not violations, describe(violations)
    shoot(page, "dashboard-story-phone")
