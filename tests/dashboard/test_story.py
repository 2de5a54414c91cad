"""One story on the dashboard: one headline verdict (the recent drift in one sentence),
"what to do next" led by the next milestone with a countdown and each thing once, and
warmth that explains itself next to weeks without relationship activity."""

from __future__ import annotations

import datetime as dt
import html
import re
from collections.abc import Callable
from types import SimpleNamespace
from typing import Any

import numpy as np
import pytest
from django.test import Client
from django.utils import translation

from tests.dashboard.conftest import ScenarioNetwork
from warmnet.dossiers.models import Milestone, MilestoneKind
from warmnet.engine.scenario import Scenario, Verdict
from warmnet.engine.signals import Signal, SignalKind, Subject
from warmnet.engine.texts import Message
from warmnet.engine.workdays import is_open
from warmnet.insights import story
from warmnet.insights.service import analysis_for


def _verdict(scenario: Scenario, first: str = "2026-06", last: str = "2026-11") -> Verdict:
    return Verdict(scenario, 0.8, {}, Message("scenario.unclear", {}), [], first, last, 6)


def _signal(kind: SignalKind, action: str, severity: int = 2, **params: Any) -> Signal:
    return Signal(
        kind, severity, Subject("network"), Message("signal.talking_shop", {"months": 3}),
        Message(action, params), [],
    )  # fmt: skip


def _analysis(overall: Scenario, recent: Scenario, signals: list[Signal] = ()) -> Any:  # type: ignore[assignment]
    scenario = SimpleNamespace(overall=_verdict(overall), recent=_verdict(recent))
    warmth = SimpleNamespace(total_warm_ties=12)
    settings = SimpleNamespace(half_life_days=90.0)
    result = SimpleNamespace(
        scenario=scenario, signals=list(signals), warmth=warmth, settings=settings
    )
    return SimpleNamespace(result=result)


def test_the_drift_is_one_sentence_and_only_when_the_recent_months_differ() -> None:
    with translation.override("en"):
        same = _analysis(Scenario.CONTENT_FIRST, Scenario.CONTENT_FIRST).result.scenario
        assert story.drift_sentence(same) == ""
        drift = _analysis(Scenario.KICKOFF_THEN_CONTENT, Scenario.CONTENT_FIRST)
        sentence = story.drift_sentence(drift.result.scenario)
    assert sentence.startswith("Over the whole history: kick-off then content; lately")
    assert "June 2026 to November 2026" in sentence
    assert "where this scenario leads" in sentence
    assert sentence.count(".") == 1 and "%" not in sentence  # no second certainty
    with translation.override("nl"):
        dutch = story.drift_sentence(drift.result.scenario)
    assert "juni 2026" in dutch and "Over de hele geschiedenis" in dutch


def test_the_next_moment_counts_down_in_weeks_or_days() -> None:
    today = dt.date(2026, 11, 28)
    milestones = [
        ("Convenant", "covenant", dt.date(2026, 1, 31)),
        ("Besluit dijkversterking", "decision", dt.date(2027, 1, 15)),
        ("Later", "decision", dt.date(2027, 3, 1)),
    ]
    moment = story.next_moment(milestones, today)
    assert moment is not None and moment.title == "Besluit dijkversterking"
    with translation.override("nl"):
        assert moment.text == "Besluit dijkversterking over 7 weken — plan vóór 15 januari"
    with translation.override("en"):
        assert moment.text == "Besluit dijkversterking in 7 weeks — plan before 15 January"
        soon = story.next_moment(milestones, dt.date(2027, 1, 6))
        assert soon is not None and soon.countdown == "in 9 days"
    assert story.next_moment(milestones, dt.date(2027, 3, 1)) is None


def test_what_to_do_next_says_each_thing_once() -> None:
    """The scenario's "plan a relationship activity" and a gap's "plan an informal
    meeting" ask the same: one step.  Three cold members: one step."""
    signals = [
        _signal(SignalKind.RELATIONSHIP_GAP, "action.plan_informal", 3),
        _signal(SignalKind.COLD_MEMBER, "action.find_buddy", 1, member="An"),
        _signal(SignalKind.COLD_MEMBER, "action.find_buddy", 1, member="Bo"),
        _signal(SignalKind.POINT_STUCK, "action.revisit_point", 2, point="Dijk"),
    ]
    analysis = _analysis(Scenario.KICKOFF_THEN_CONTENT, Scenario.CONTENT_FIRST, signals)
    moment = story.NextMoment("Besluit", "decision", dt.date(2027, 1, 15), 48)
    with translation.override("en"):
        steps = story.next_steps(analysis, signals, moment, limit=5)
    assert steps == [
        "Besluit in 7 weeks — plan before 15 January",
        "Plan a relationship activity before the next hard moment in the content.",
        'Put "Dijk" back on the agenda, or agree to park it.',
        "Pair An with a buddy from another organisation.",
    ]


def test_warmth_explains_itself_next_to_weeks_without_relationship_activity() -> None:
    gap = Signal(
        SignalKind.RELATIONSHIP_GAP, 2, Subject("network"),
        Message("signal.relationship_gap", {"weeks": 11, "since": "2026-09-10"}),
        Message("action.plan_informal"), [],
    )  # fmt: skip
    with translation.override("en"):
        assert story.warmth_lag_sentence(_analysis(Scenario.TOGETHER, Scenario.TOGETHER)) == ""
        text = story.warmth_lag_sentence(_analysis(Scenario.TOGETHER, Scenario.TOGETHER, [gap]))
    assert "11 weeks without relationship activity" in text
    assert "90 days" in text


def _text(response: Any) -> str:
    return html.unescape(response.content.decode())


@pytest.mark.django_db
def test_the_dashboard_tells_one_story(
    scenario_network: Callable[..., ScenarioNetwork], alice_client: Client
) -> None:
    net = scenario_network("kickoff-then-content")
    Milestone.objects.filter(network=net.network, date__gt=net.as_of).delete()
    Milestone.objects.create(
        network=net.network,
        kind=MilestoneKind.DECISION,
        title="Besluit dijkversterking",
        date=net.as_of + dt.timedelta(days=48),
    )
    page = _text(alice_client.get(net.url, HTTP_ACCEPT_LANGUAGE="en"))
    verdicts = re.findall(r'class="verdict-label" data-scenario="(\w+)"', page)
    assert len(verdicts) == 1
    # one certainty on the page: the headline's
    assert len(re.findall(r'class="confidence-word" title="\d+%', page)) == 1
    scenario = analysis_for(net.network, net.as_of).result.scenario
    drift = re.findall(r'<p class="drift"[^>]*>(.*?)</p>', page, re.S)
    assert len(drift) == (scenario.recent.scenario is not scenario.overall.scenario)
    steps_html = re.search(r'<ol class="steps">(.*?)</ol>', page, re.S)
    assert steps_html
    items = [re.sub(r"<[^>]+>", "", li).strip() for li in steps_html.group(1).split("</li>")[:-1]]
    assert items[0].startswith("Besluit dijkversterking in 7 weeks — plan before ")
    assert 'class="next-moment"' in steps_html.group(1)
    assert len(items) == len(set(items))
    assert not (
        any(i.startswith("Plan a relationship activity") for i in items)
        and any(i.startswith("Plan an informal meeting") for i in items)
    )


@pytest.mark.django_db
def test_suggestions_are_grouped_and_each_has_a_working_day_of_its_own(
    scenario_network: Callable[..., ScenarioNetwork], alice_client: Client
) -> None:
    net = scenario_network("kickoff-then-content")
    analysis = analysis_for(net.network, net.as_of)
    page = _text(alice_client.get(net.url, HTTP_ACCEPT_LANGUAGE="en"))
    cards = re.search(r'<ul class="cards suggestion-cards">(.*?)</section>', page, re.S)
    assert cards
    types = re.findall(r'<li class="suggestion[^"]*" data-type="(\w+)"', cards.group(1))
    engine_types = [s.type.value for s in analysis.result.suggestions]
    assert len(engine_types) > len(set(engine_types)), "the network has similar suggestions"
    # one card per type of suggestion, in the engine's order
    assert types == list(dict.fromkeys(engine_types))
    pieces = re.split(r'<li class="suggestion[^"]*" data-type="\w+">', cards.group(1))[1:]
    for kind, card in zip(types, pieces, strict=True):
        n = engine_types.count(kind)
        assert card.count('class="button primary plan"') == n
        assert (f"{n} options" in card) == (n > 1)
    days = [
        dt.date.fromisoformat(d) for d in re.findall(r'<time datetime="([\d-]+)"', cards.group(1))
    ]
    assert len(days) == len(engine_types) == len(set(days))
    for day in days:
        assert day.weekday() < 5 and day > net.as_of
        assert is_open(np.datetime64(day.isoformat(), "D")), day
