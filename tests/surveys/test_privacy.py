"""Participation (not answers) for a person's access export; erasure; retention."""

from __future__ import annotations

import datetime as dt
from io import StringIO
from typing import Any

import pytest
import time_machine
from django.core.management import call_command

from tests.surveys.conftest import answer, close
from warmnet.network.models import Member
from warmnet.surveys.models import Invitation, OpenAnswer, Response, SurveyRound
from warmnet.surveys.privacy import erase_participation, participation_of

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _frozen() -> Any:
    with time_machine.travel(dt.datetime(2025, 3, 10, 12, tzinfo=dt.UTC), tick=False):
        yield


def test_a_persons_export_holds_participation_and_no_answers(invited: Any) -> None:
    _survey, tokens = invited()
    bob = Member.objects.get(name="Bob Jansen")
    answer(tokens[bob.pk], trust=1, open_text="alleen voor mij")
    rows = participation_of(bob)
    assert rows == [
        {
            "survey_round": "Voorjaar 2025",
            "opens_on": "2025-03-07",
            "closes_on": "2025-03-21",
            "invited_on": "2025-03-10",
            "language": "nl",
            "reminders": 0,
            "answered": True,
            "answers": "not linked to the person; see docs/survey.md",
        }
    ]
    assert "alleen voor mij" not in repr(rows) and "trust" not in repr(rows)


def test_erasing_a_person_leaves_the_anonymous_answers_as_they_are(invited: Any) -> None:
    _survey, tokens = invited()
    bob = Member.objects.get(name="Bob Jansen")
    answer(tokens[bob.pk], trust=1)
    before = list(Response.objects.values_list("id", "trust", "organisation_id"))
    assert erase_participation(bob) >= 1
    assert not Invitation.objects.filter(member=bob).exists()
    assert list(Response.objects.values_list("id", "trust", "organisation_id")) == before


def test_answers_go_after_the_retention_period_and_the_figures_stay(
    invited: Any, crowd: Any, settings: Any
) -> None:
    survey, tokens = invited(k=3)
    for m in crowd["Gemeente Assen"]:
        answer(tokens[m.pk], trust=4, open_text="tekst")
    survey = close(survey)
    figures = survey.results["items"]
    settings.SURVEY_RETENTION_DAYS = 30
    out = StringIO()
    call_command("survey_maintenance", "--today", "2025-04-05", stdout=out)
    assert "deleted: 0" in out.getvalue()  # 26 days after closing (10 March): kept
    call_command("survey_maintenance", "--today", "2025-04-12", stdout=out)
    assert "deleted: 1" in out.getvalue()
    kept = SurveyRound.objects.get(pk=survey.pk)
    assert not Response.objects.exists() and not OpenAnswer.objects.exists()
    assert not Invitation.objects.exists()
    assert kept.results["items"] == figures
    assert kept.results["open_answers"] is None and kept.results["open_answers_deleted"]


def test_the_maintenance_command_closes_rounds_past_their_last_day(invited: Any) -> None:
    survey, _tokens = invited()
    out = StringIO()
    call_command("survey_maintenance", "--today", "2025-03-22", stdout=out)
    assert "closed: 1" in out.getvalue()
    assert SurveyRound.objects.get(pk=survey.pk).results is not None


def test_a_bad_retention_setting_stops_the_start(settings: Any) -> None:
    from warmnet.surveys.checks import check_retention

    settings.SURVEY_RETENTION_DAYS = 0
    (error,) = check_retention()
    assert "WARMNET_SURVEY_RETENTION_DAYS" in error.msg
