"""The hand-written exports of Outlook, Google Calendar and Apple Calendar read as they should:
time zones (Windows names, X-WR-TIMEZONE, UTC) land in Europe/Amsterdam across summer time,
repeating events are expanded with their exceptions and moved occurrences, all-day events
become working days, attendees keep their answers."""

from __future__ import annotations

import datetime as dt

from django.utils import timezone

from tests.transfer.calendar.conftest import APPLE, GOOGLE, INVITATION, OUTLOOK, read
from warmnet.activities.models import AttendanceStatus
from warmnet.transfer.calendar.events import CalendarEvent

UTC = dt.UTC


def _local(event: CalendarEvent) -> str:
    return timezone.localtime(event.start).strftime("%Y-%m-%d %H:%M")


def _named(events: list[CalendarEvent], title: str) -> list[CalendarEvent]:
    return sorted((e for e in events if e.title == title), key=lambda e: e.start)


def _people(event: CalendarEvent) -> dict[str, int]:
    return {p.email: p.status for p in event.attendees}


def test_outlook_windows_time_zone_and_summer_time() -> None:
    sessions = _named(read(OUTLOOK), "Werksessie waterberging")
    # weekly on Wednesday 13:30 from 21 October, six times, less 4 November (EXDATE);
    # the 11 November one moved to Thursday 12 November 09:30 (RECURRENCE-ID)
    assert [_local(e) for e in sessions] == [
        "2026-10-21 13:30",
        "2026-10-28 13:30",
        "2026-11-12 09:30",
        "2026-11-18 13:30",
        "2026-11-25 13:30",
    ]
    # summer time ends on 25 October: the same local time is an hour later in UTC
    assert sessions[0].start.astimezone(UTC).hour == 11
    assert sessions[1].start.astimezone(UTC).hour == 12
    assert [e.minutes for e in sessions] == [150, 150, 150, 150, 150]
    moved = sessions[2]
    assert moved.recurrence == "20261111T123000Z"
    assert moved.location == "Provinciehuis Assen, Zaal 1"
    assert _people(moved)["sjoerd.wiersma@hunzeenaas.example"] == AttendanceStatus.DECLINED
    assert len({e.uid for e in sessions}) == 1
    assert len({e.recurrence for e in sessions}) == 5
    assert all(e.recurring for e in sessions)


def test_outlook_attendees_answers_rooms_and_organiser() -> None:
    (meeting,) = _named(read(OUTLOOK), "Stuurgroep Groene Delta")
    assert _local(meeting) == "2026-11-10 09:00"
    assert meeting.minutes == 120
    assert meeting.recurrence == "" and not meeting.recurring
    assert _people(meeting) == {
        "joel@bakker.example": AttendanceStatus.ACCEPTED,
        "p.ramdin@drenthe.example": AttendanceStatus.DECLINED,  # written P.Ramdin@Drenthe...
        "m.hoekstra@rug.example": AttendanceStatus.INVITED,  # TENTATIVE
        "sjoerd.wiersma@hunzeenaas.example": AttendanceStatus.ACCEPTED,
        "j.vandam@rws.example": AttendanceStatus.INVITED,  # NEEDS-ACTION
        # the organiser, not listed as an attendee, is taken to come
        "anneke.devries@assen.example": AttendanceStatus.ACCEPTED,
    }
    # the meeting room (CUTYPE=RESOURCE) is no person
    assert "zaal3@drenthe.example" not in _people(meeting)
    names = {p.email: p.name for p in meeting.attendees}
    assert names["joel@bakker.example"] == "Joël Bakker"
    # the Teams dial-in block below the line of underscores is left out
    assert meeting.description.startswith("Agenda\n1. Opening en mededelingen")
    assert "Teams" not in meeting.description and "____" not in meeting.description


def test_outlook_all_day_cancelled_and_private_events() -> None:
    events = read(OUTLOOK)
    (visit,) = _named(events, "Werkbezoek gemaal en bergingsgebied")
    assert visit.all_day and _local(visit) == "2026-11-13 09:00" and visit.minutes == 8 * 60
    (cancelled,) = _named(events, "Geannuleerd: Intervisie kernteam")
    assert cancelled.cancelled
    (private,) = _named(events, "Tandarts")
    assert private.private and not private.attendees
    (check,) = _named(events, "Afstemming peilbesluit")
    # an organiser written in other capitals is the same address
    assert _people(check)["anneke.devries@assen.example"] == AttendanceStatus.ACCEPTED


def test_google_utc_times_and_a_weekly_series_across_the_spring_change() -> None:
    events = read(GOOGLE)
    (dinner,) = _named(events, "Etentje met de partners")
    assert _local(dinner) == "2026-03-05 18:30"  # 17:30Z in winter
    (walk,) = _named(events, "Lunchwandeling langs de Drentsche Aa")
    assert _local(walk) == "2026-04-02 12:00"  # 10:00Z in summer
    assert walk.minutes == 75
    meetings = _named(events, "Kernteamoverleg")
    # Mondays 10:00 until mid-April, 30 March left out, 6 April moved to Tuesday 14:00
    assert [_local(e) for e in meetings] == [
        "2026-03-16 10:00",
        "2026-03-23 10:00",
        "2026-04-07 14:00",
        "2026-04-13 10:00",
    ]
    assert [e.start.astimezone(UTC).hour for e in meetings] == [9, 9, 12, 8]
    assert meetings[0].description == "Wekelijks kernteamoverleg: planning, signalen, wie belt wie."
    (visit,) = _named(events, "Werkbezoek Hondsrug")
    assert visit.all_day and _local(visit) == "2026-04-15 09:00"
    # Google names people without a name by their address: no name then
    names = {p.email: p.name for p in walk.attendees}
    assert names["sjoerd.wiersma@hunzeenaas.example"] == ""


def test_apple_email_parameters_alarms_and_an_endless_series() -> None:
    events = read(APPLE)
    coffee = _named(events, "Koffie met de partners")
    # monthly on the first Friday without end: expanded up to a year after "today"
    # (1 November 2026), 6 November left out
    days = [timezone.localtime(e.start).date() for e in coffee]
    assert days[0] == dt.date(2026, 9, 4) and dt.date(2026, 11, 6) not in days
    assert days[-1] == dt.date(2027, 10, 1) and len(days) == 13
    assert all(_local(e).endswith("08:30") for e in coffee)
    # Apple's EMAIL parameter beats a urn:uuid address
    assert _people(coffee[0])["m.hoekstra@rug.example"] == AttendanceStatus.INVITED
    (retreat,) = _named(events, "Heidag Groene Delta")
    assert retreat.all_day and retreat.minutes == 2 * 8 * 60
    (dinner,) = _named(events, "Diner met de partners")
    assert dinner.location.startswith("Restaurant De Loohoeve")
    assert _local(dinner) == "2026-10-02 18:30" and dinner.minutes == 180


def test_a_shorter_horizon_expands_fewer_occurrences() -> None:
    coffee = _named(read(APPLE, horizon_days=60), "Koffie met de partners")
    assert [timezone.localtime(e.start).date() for e in coffee][-1] == dt.date(2026, 12, 4)


def test_a_single_invitation() -> None:
    (event,) = read(INVITATION)
    assert event.title == "Onderhandeling grondprijzen"
    assert _local(event) == "2026-11-12 15:00" and event.minutes == 90
    assert event.sequence == 1
    outlook = _named(read(OUTLOOK), "Onderhandeling grondprijzen")[0]
    assert event.uid == outlook.uid
