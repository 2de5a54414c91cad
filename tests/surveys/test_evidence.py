"""The survey as evidence for the scenario verdict: used where strong enough, shown in
the dashboard's verdict evidence."""

from __future__ import annotations

import datetime as dt
import re
from typing import Any

import pytest
import time_machine
from django.test import Client

from tests.surveys.conftest import TODAY, answer, close
from warmnet.network.models import Member
from warmnet.surveys.evidence import verdict_evidence

pytestmark = pytest.mark.django_db

AT = time_machine.travel(dt.datetime(2025, 3, 10, 12, tzinfo=dt.UTC), tick=False)


@pytest.fixture(autouse=True)
def _frozen() -> Any:
    with AT:
        yield


def _everyone(tokens: dict[int, str], crowd: dict[str, list[Member]], limit: int = 99) -> None:
    people = [m for ms in crowd.values() for m in ms][:limit]
    for m in people:
        answer(tokens[m.pk], trust=4, disagree=5, progress=2)


def _evidence_block(client: Client, slug: str, as_of: dt.date = TODAY) -> str:
    html = client.get(f"/n/{slug}/", {"as_of": as_of.isoformat()}).content.decode()
    found = re.search(r'<div class="survey-evidence".*?</div>', html, re.S)
    return found.group(0) if found else ""


def test_a_strong_round_is_evidence_for_each_track(
    invited: Any, crowd: Any, network_a: Any, alice_client: Client
) -> None:
    survey, tokens = invited()
    _everyone(tokens, crowd)
    assert _evidence_block(alice_client, network_a.slug) == ""  # not closed yet
    close(survey)
    ev = verdict_evidence(network_a, TODAY, "talking_shop")
    assert ev is not None and ev.strong
    content, relationship = ev.tracks
    assert (content.track, content.figures, content.level) == (
        "content",
        [("progress", "2,0", 15)],
        "low",
    )
    assert relationship.level == "high" and relationship.mean == 4.5
    # relationship without content progress: the members confirm a talking shop ...
    assert ev.comparison == "agrees"
    # ... and contradict a verdict that both tracks move together, or content first
    assert verdict_evidence(network_a, TODAY, "together").comparison == "differs"  # type: ignore[union-attr]
    assert verdict_evidence(network_a, TODAY, "content_first").comparison == "differs"  # type: ignore[union-attr]
    assert verdict_evidence(network_a, TODAY, "insufficient_data").comparison == ""  # type: ignore[union-attr]

    block = _evidence_block(alice_client, network_a.slug)
    assert 'data-strong="yes"' in block
    assert "15 van 15 uitgenodigden hebben geantwoord" in block
    assert "“we boeken inhoudelijk vooruitgang” 2,0" in block
    assert f"/surveys/{survey.pk}/" in block


def test_a_round_that_reached_too_few_is_named_but_not_used(
    invited: Any, crowd: Any, network_a: Any, alice_client: Client
) -> None:
    survey, tokens = invited()
    _everyone(tokens, crowd, limit=5)  # 5 of 15: a third
    close(survey)
    ev = verdict_evidence(network_a, TODAY, "talking_shop")
    assert ev is not None and not ev.strong and ev.reason == "response" and ev.tracks == []
    block = _evidence_block(alice_client, network_a.slug)
    assert 'data-strong="no"' in block
    assert "2,0" not in block and "4,5" not in block


def test_an_old_round_is_not_evidence_and_a_later_day_does_not_see_the_future(
    invited: Any, crowd: Any, network_a: Any
) -> None:
    survey, tokens = invited()
    _everyone(tokens, crowd)
    close(survey)
    later = verdict_evidence(network_a, TODAY + dt.timedelta(days=400), "together")
    assert later is not None and not later.strong and later.reason == "old"
    assert verdict_evidence(network_a, TODAY - dt.timedelta(days=1), "together") is None


def test_a_question_below_k_gives_no_evidence(invited: Any, crowd: Any, network_a: Any) -> None:
    survey, tokens = invited(k=5)
    for m in [m for ms in crowd.values() for m in ms][:7]:
        answer(tokens[m.pk], trust=4)  # progress and disagree left blank by everyone
    close(survey)
    ev = verdict_evidence(network_a, TODAY, "talking_shop")
    assert ev is not None and ev.strong
    assert [t.track for t in ev.tracks] == ["relationship"]
    assert ev.tracks[0].figures == [("trust", "4,0", 7)]
