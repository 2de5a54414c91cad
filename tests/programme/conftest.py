"""A planned activity with three invitees in network A (personas: tests/conftest.py)."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
import time_machine
from django.utils import timezone, translation

from warmnet.activities.actions import invite_members
from warmnet.activities.models import Activity, ActivityKind
from warmnet.network.models import Member, Network, Organisation, Role

#: The clock of these tests: a Monday morning; the activity is on Thursday afternoon.
NOW = dt.datetime(2026, 3, 2, 9, 0, tzinfo=dt.UTC)
START = dt.datetime(2026, 3, 5, 16, 0, tzinfo=dt.UTC)


@pytest.fixture(autouse=True)
def english(settings: Any) -> Any:
    """Pages in English (assertions on msgids); mails follow each member's language."""
    settings.LANGUAGE_CODE = "en"
    with translation.override("en"):
        yield


@pytest.fixture
def clock() -> Any:
    with time_machine.travel(NOW, tick=False) as traveller:
        yield traveller


@pytest.fixture
def guests(network_a: Network, org_a: Organisation, org_a2: Organisation) -> list[Member]:
    """Three members of A to invite: Dutch, English, and one without an e-mail address."""
    made = []
    for name, org, email, language in (
        ("Henk Mulder", org_a, "henk@example.org", "nl"),
        ("Grace Hopper", org_a2, "grace@example.org", "en"),
        ("Piet Zonder", org_a2, "", ""),
    ):
        made.append(
            Member.objects.create(
                network=network_a,
                organisation=org,
                name=name,
                email=email,
                language=language,
                role=Role.PARTICIPANT,
                joined_on=dt.date(2024, 1, 1),
            )
        )
    return made


@pytest.fixture
def activity(network_a: Network, org_a: Organisation, clock: Any) -> Activity:
    return Activity.objects.create(
        network=network_a,
        kind=ActivityKind.INFORMAL_MEETING,
        title="Koffie",
        start=START,
        duration_minutes=90,
        location="Stadhuis Assen, kamer 2",
        host_organisation=org_a,
    )


@pytest.fixture
def invited(activity: Activity, guests: list[Member], alice: Any, run_tasks: Any) -> Activity:
    """The activity with the three guests invited and the worker run once."""
    invite_members(activity.network, alice, activity, guests)
    run_tasks()
    return activity


def at(moment: dt.datetime) -> Any:
    return time_machine.travel(moment, tick=False)


def local(moment: dt.datetime) -> dt.datetime:
    return timezone.localtime(moment)
