"""The cast of the calendar examples in docs/examples/calendar/, as members of network A.

Anneke, Joël, Priya and Marieke have the e-mail addresses the example calendars use;
Sjoerd is a member without one, so in the calendars he is an attendee who cannot be
matched.  "Today" is 1 November 2026: repeating events are expanded a year ahead.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from tests.transfer.conftest import EXAMPLES
from warmnet.activities.models import Activity
from warmnet.network.models import Member, Network, Organisation, OrganisationKind, Role
from warmnet.transfer.calendar.events import CalendarEvent, Limits
from warmnet.transfer.calendar.reader import read_calendar
from warmnet.transfer.calendar.service import CalendarReport, import_calendar
from warmnet.transfer.report import Problems

CALENDARS = EXAMPLES / "calendar"
TODAY = dt.date(2026, 11, 1)
OUTLOOK = CALENDARS / "outlook-week.ics"
GOOGLE = CALENDARS / "google-agenda.ics"
APPLE = CALENDARS / "apple-agenda.ics"
INVITATION = CALENDARS / "uitnodiging-onderhandeling.ics"

CAST = [
    ("Anneke de Vries", "Gemeente Assen", "anneke.devries@assen.example", Role.COORDINATOR),
    ("Joël Bakker", "Bakker & Zonen", "joel@bakker.example", Role.CORE_TEAM),
    ("Priya Ramdin", "Provincie Drenthe", "p.ramdin@drenthe.example", Role.PARTICIPANT),
    ("Marieke Hoekstra", "Rijksuniversiteit Groningen", "m.hoekstra@rug.example", Role.OBSERVER),
    ("Sjoerd Wiersma", "Waterschap Hunze en Aa's", "", Role.PARTICIPANT),
]


@pytest.fixture
def cast(network_a: Network, org_a: Organisation) -> dict[str, Member]:
    return make_cast(network_a)


def make_cast(network: Network) -> dict[str, Member]:
    """The examples' people as members of ``network``, by first name."""
    members = {}
    for name, org_name, email, role in CAST:
        org, _created = Organisation.objects.get_or_create(
            network=network, name=org_name, defaults={"kind": OrganisationKind.OTHER}
        )
        members[name.split()[0]] = Member.objects.create(
            network=network,
            organisation=org,
            name=name,
            email=email,
            role=role,
            joined_on=dt.date(2025, 1, 1),
        )
    return members


@pytest.fixture
def calendar_import() -> Callable[..., CalendarReport]:
    def run(network: Network, *paths: Path, **options: Any) -> CalendarReport:
        options.setdefault("today", TODAY)
        return import_calendar(network, [(p, p.name) for p in paths], **options)

    return run


def read(path: Path, *, max_events: int = 2000, horizon_days: int = 365) -> list[CalendarEvent]:
    """The events of one file, failing the test on any problem."""
    errors, warnings = Problems(), Problems()
    limits = Limits(TODAY, max_events, horizon_days)
    events = read_calendar(path, path.name, errors, warnings, limits)
    assert not errors, [str(p) for p in errors.kept]
    return events


def by_title(network: Network, title: str) -> list[Activity]:
    return list(Activity.objects.filter(network=network, title=title).order_by("start"))


@pytest.fixture
def write_ics(tmp_path: Path) -> Callable[[str, str], Path]:
    def write(name: str, content: str) -> Path:
        path = tmp_path / name
        path.write_text(content, encoding="utf-8", newline="")
        return path

    return write
