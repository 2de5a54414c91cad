"""Automatic reminders: a periodic job reminds those who have not answered, on a set day
before the round closes, once, and tells nobody who they are."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
import time_machine
from django.test import Client

from tests.surveys.conftest import TODAY, answer, links_by_email, make_round, outbox
from warmnet.background.periodic import jobs
from warmnet.network.models import AuditEntry, Member
from warmnet.surveys.models import SurveyRound
from warmnet.surveys.tasks import survey_housekeeping

pytestmark = pytest.mark.django_db

JOB = "warmnet.surveys.tasks.survey_housekeeping"


@pytest.fixture(autouse=True)
def _base(settings: Any) -> None:
    settings.WARMNET_BASE_URL = "http://testserver"


def _on(day: dt.date) -> Any:
    return time_machine.travel(dt.datetime.combine(day, dt.time(9), tzinfo=dt.UTC), tick=False)


def _run(day: dt.date) -> dict[str, int]:
    with _on(day):
        result: dict[str, int] = survey_housekeeping.call()
    return result


def test_the_job_is_periodic() -> None:
    assert JOB in {j.name for j in jobs()}


def test_those_who_did_not_answer_are_reminded_once_on_the_set_day(
    invited: Any, network_a: Any, alice_client: Client
) -> None:
    survey, tokens = invited()  # closes TODAY + 11; reminder 3 days before: TODAY + 8
    assert survey.remind_days_before == 3
    bob = Member.objects.get(name="Bob Jansen")
    with _on(TODAY):
        answer(tokens[bob.pk], trust=3)
    before = len(outbox())
    assert _run(TODAY + dt.timedelta(days=7))["reminders"] == 0
    assert len(outbox()) == before

    assert _run(TODAY + dt.timedelta(days=8))["reminders"] == 14
    fresh = links_by_email(before)
    assert len(fresh) == 14 and "bob@example.org" not in fresh
    assert all("Herinnering" in m.subject for m in outbox()[before:])
    alice = Member.objects.get(name="Alice de Vries")
    assert fresh[alice.email] != tokens[alice.pk]
    survey.refresh_from_db()
    assert survey.auto_reminded_on == TODAY + dt.timedelta(days=8)

    # once: again the same day, the next day, nothing more
    assert _run(TODAY + dt.timedelta(days=8))["reminders"] == 0
    assert _run(TODAY + dt.timedelta(days=9))["reminders"] == 0
    assert len(outbox()) == before + 14

    # nobody learns who: the audit row holds a count, the round page counts only
    entry = AuditEntry.objects.filter(action="remind").get()
    assert entry.changes == {"reminded": 14}
    with _on(TODAY + dt.timedelta(days=9)):
        page = alice_client.get(f"/n/{network_a.slug}/surveys/{survey.pk}/").content.decode()
    assert "Bob Jansen" not in page
    assert "1 van 15" in page


def test_a_round_that_asks_for_no_automatic_reminder_gets_none(invited: Any) -> None:
    survey, _tokens = invited()
    SurveyRound.objects.filter(pk=survey.pk).update(remind_days_before=0)
    before = len(outbox())
    for days in range(0, 12):
        _run(TODAY + dt.timedelta(days=days))
    assert len(outbox()) == before


def test_a_missed_day_is_caught_up_while_the_round_is_open_and_never_after(
    invited: Any, network_a: Any
) -> None:
    # a round whose invitations were never sent: the reminder waits for them
    waiting = make_round(network_a)
    _run(TODAY + dt.timedelta(days=9))
    waiting.refresh_from_db()
    assert waiting.auto_reminded_on is None
    waiting.delete()
    invited()
    before = len(outbox())
    # the worker was down on TODAY + 8; on TODAY + 10 the reminder still goes out
    assert _run(TODAY + dt.timedelta(days=10))["reminders"] == 15
    second, _ = invited()
    SurveyRound.objects.filter(pk=second.pk).update(auto_reminded_on=None)
    # a round past its last day is closed by the job, and reminds nobody
    after = len(outbox())
    result = _run(TODAY + dt.timedelta(days=12))
    assert result["reminders"] == 0 and result["rounds_closed"] == 2
    assert len(outbox()) == after
    assert before < after


def test_the_reminder_day_is_chosen_with_the_round_and_checked(
    crowd: Any, network_a: Any, alice_client: Client
) -> None:
    url = f"/n/{network_a.slug}/surveys/new/"
    data = {
        "title": "Najaar",
        "opens_on": "2099-01-01",
        "closes_on": "2099-01-20",
        "remind_days_before": "99",
        "whole_network": "on",
        "items": ["trust"],
    }
    bad = alice_client.post(url, data)
    assert bad.status_code == 400
    assert "60" in bad.content.decode()
    assert not SurveyRound.objects.exists()
    data["remind_days_before"] = "5"
    assert alice_client.post(url, data).status_code == 302
    assert SurveyRound.objects.get().remind_days_before == 5
