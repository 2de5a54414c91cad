"""The dashboard: the verdict of each scenario with its evidence, warmth, signals, roles."""

from __future__ import annotations

import html
import re
from collections.abc import Callable
from typing import Any

import pytest
from django.test import Client

from tests.dashboard.conftest import EXPECTED, ScenarioNetwork
from warmnet.insights.service import analysis_for
from warmnet.insights.texts import render_message, scenario_label
from warmnet.network.models import Member, Network, Role


def _text(response: Any) -> str:
    return html.unescape(response.content.decode())


@pytest.mark.parametrize("scenario", list(EXPECTED))
def test_it_shows_the_verdict_of_each_scenario_with_its_evidence(
    scenario: str, scenario_network: Callable[..., ScenarioNetwork], alice_client: Client
) -> None:
    net = scenario_network(scenario)
    response = alice_client.get(net.url)
    assert response.status_code == 200
    page = _text(response)
    code = EXPECTED[scenario]
    assert f'class="verdict-label" data-scenario="{code}"' in page
    assert scenario_label(code).capitalize() in page
    verdict = analysis_for(net.network, net.as_of).result.scenario.overall
    assert verdict.scenario.value == code
    assert render_message(verdict.message) in page
    for evidence in verdict.evidence:
        assert render_message(evidence) in page
    assert '<details class="evidence"' in page


def test_a_period_opens_to_the_activities_behind_its_figures(
    scenario_network: Callable[..., ScenarioNetwork], alice_client: Client
) -> None:
    net = scenario_network("kickoff-then-content")
    page = _text(alice_client.get(net.url))
    links = re.findall(r'href="(/n/[^"]+/insights/period/\?period=[^"]+)"', page)
    assert links, "the chart links each period to its activities"
    response = alice_client.get(links[len(links) // 2])
    assert response.status_code == 200
    detail = _text(response)
    assert "content and" in detail and "relationship person-hours" in detail
    assert re.search(rf'href="/n/{net.network.slug}/activities/\d+/"', detail)


def test_the_period_panel_answers_htmx_with_the_panel_only(
    scenario_network: Callable[..., ScenarioNetwork], alice_client: Client
) -> None:
    net = scenario_network("together")
    url = f"/n/{net.network.slug}/insights/period/?period=2025-06&as_of={net.as_of}"
    response = alice_client.get(url, headers={"HX-Request": "true"})
    assert response.status_code == 200
    assert "<html" not in response.content.decode()
    assert alice_client.get(url.replace("2025-06", "2025-13")).status_code == 404


def test_signals_are_shown_by_severity_with_their_actions(
    scenario_network: Callable[..., ScenarioNetwork], alice_client: Client
) -> None:
    net = scenario_network("kickoff-then-content")
    page = _text(alice_client.get(net.url))
    signals = analysis_for(net.network, net.as_of).result.signals
    assert signals
    severities = [int(s) for s in re.findall(r'<h3 class="severity sev(\d)"', page)]
    assert severities == sorted(severities, reverse=True)
    assert render_message(signals[0].message) in page
    assert render_message(signals[0].action) in page


def test_warmth_shows_the_index_its_trend_and_cold_members(
    scenario_network: Callable[..., ScenarioNetwork], alice_client: Client
) -> None:
    net = scenario_network("content-first")
    page = _text(alice_client.get(net.url))
    warmth = analysis_for(net.network, net.as_of).result.warmth
    assert f"<strong>{round(100 * warmth.index)}%</strong>" in page
    assert "3 months earlier" in page and "6 months earlier" in page
    assert "/members/" in page
    if warmth.cold.size:
        assert "cold member" in page


def test_the_coordinator_gets_plan_buttons(
    scenario_network: Callable[..., ScenarioNetwork], alice_client: Client
) -> None:
    net = scenario_network("content-first")
    page = _text(alice_client.get(net.url))
    assert "/activities/plan/?" in page


@pytest.mark.parametrize("role", [Role.PARTICIPANT, Role.OBSERVER])
def test_participants_and_observers_see_the_whole_but_nobody_elses_warmth(
    scenario_network: Callable[..., ScenarioNetwork], bob: Any, bob_client: Client, role: int
) -> None:
    """Ties, cold members and the map are relationship data about people: for those who
    run the network. Others get the verdict about the whole and their own page."""
    net = scenario_network("content-first", (bob, role))
    response = bob_client.get(net.url)
    assert response.status_code == 200
    page = _text(response)
    analysis = analysis_for(net.network, net.as_of)
    assert 'class="verdict-label" data-scenario="content_first"' in page
    assert "/activities/plan/" not in page
    cold = [analysis.lookup.member(r) for r in analysis.result.warmth.cold.tolist()]
    bob_name = Member.objects.get(network=net.network, user=bob).name
    assert cold and not any(name in page for name in cold if name != bob_name)
    slug = net.network.slug
    for url in (
        f"/n/{slug}/map/",
        f"/n/{slug}/map/organisations/",
        f"/n/{slug}/insights/cold-members/",
        f"/n/{slug}/insights/period/?period=2025-06",
    ):
        assert bob_client.get(url).status_code == 403, url
    someone = Member.objects.filter(network=net.network).exclude(user=bob).first()
    assert someone is not None
    other = _text(bob_client.get(f"/n/{slug}/members/{someone.pk}/"))
    assert "member-insights" not in other
    own = Member.objects.get(network=net.network, user=bob)
    assert "member-insights" in _text(bob_client.get(f"/n/{slug}/members/{own.pk}/"))


def test_the_coordinator_of_another_network_gets_404(
    scenario_network: Callable[..., ScenarioNetwork], carol_client: Client
) -> None:
    net = scenario_network("together")
    assert carol_client.get(net.url).status_code == 404
    assert carol_client.get(f"/n/{net.network.slug}/insights/period/").status_code == 404
    assert carol_client.get(f"/n/{net.network.slug}/insights/cold-members/").status_code == 404


def test_an_empty_network_says_there_is_not_enough_history(
    network_a: Network, alice_client: Client
) -> None:
    page = _text(alice_client.get(f"/n/{network_a.slug}/?as_of=2026-11-01"))
    assert 'data-scenario="insufficient_data"' in page
    assert "No activities recorded yet" in page


def test_cold_members_are_listed_in_full_a_page_at_a_time(
    scenario_network: Callable[..., ScenarioNetwork], alice_client: Client
) -> None:
    net = scenario_network("content-first")
    response = alice_client.get(f"/n/{net.network.slug}/insights/cold-members/?as_of={net.as_of}")
    assert response.status_code == 200
    cold = analysis_for(net.network, net.as_of).result.warmth.cold
    assert response.content.decode().count("/members/") >= min(len(cold), 50)


def _steps(page: str) -> list[str]:
    found = re.search(r'<ol class="steps">(.*?)</ol>', page, re.S)
    assert found, "the dashboard lists what to do next"
    return [re.sub(r"<[^>]+>", "", item).strip() for item in found.group(1).split("</li>")[:-1]]


def test_what_to_do_next_starts_with_the_relationship_programme_when_content_dominates(
    scenario_network: Callable[..., ScenarioNetwork], alice_client: Client
) -> None:
    net = scenario_network("kickoff-then-content")
    page = _text(alice_client.get(net.url))
    steps = _steps(page)
    # after the coming milestone's countdown (tests/dashboard/test_story.py)
    assert " — plan before " in steps[0]
    assert steps[1] == "Plan a relationship activity before the next hard moment in the content."
    assert len(steps) == len(set(steps)) <= 3


def test_a_network_that_works_together_gets_no_scenario_step(
    scenario_network: Callable[..., ScenarioNetwork], alice_client: Client
) -> None:
    net = scenario_network("together")
    steps = _steps(_text(alice_client.get(net.url)))
    assert "Plan a relationship activity before the next hard moment in the content." not in steps
