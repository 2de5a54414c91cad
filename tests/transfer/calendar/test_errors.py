"""Bad calendars get a clear message naming the file, event, line, field and value, and
nothing is saved: broken lines, unknown time zones, no events, a cut-off file, too many
events (10,000, or an endless rule that would make them)."""

from __future__ import annotations

import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from django.test import override_settings
from django.utils import translation

from tests.transfer.calendar.conftest import APPLE, OUTLOOK, TODAY
from tests.transfer.conftest import row_counts
from warmnet.network.models import Network
from warmnet.transfer.calendar.service import CalendarReport
from warmnet.transfer.report import Problem

HEAD = "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//Test//Warmnet//EN\r\n"
TAIL = "END:VCALENDAR\r\n"


def event(uid: str, *lines: str, summary: str = "Overleg") -> str:
    body = [
        "BEGIN:VEVENT",
        f"UID:{uid}",
        f"SUMMARY:{summary}",
        "DTSTAMP:20261101T100000Z",
        *lines,
        "END:VEVENT",
    ]
    return "\r\n".join(body) + "\r\n"


def calendar(*events: str) -> str:
    return HEAD + "".join(events) + TAIL


GOOD = event("good-1", "DTSTART;TZID=Europe/Amsterdam:20261110T090000", "DURATION:PT1H")


@pytest.fixture
def check(
    network_a: Network,
    cast: Any,
    write: Callable[[str, str | bytes], Path],
    calendar_import: Callable[..., CalendarReport],
) -> Callable[..., list[Problem]]:
    """Import ``content`` as a file; assert it failed and saved nothing; the problems."""

    def check(content: str | bytes, name: str = "agenda.ics") -> list[Problem]:
        before = row_counts(network_a)
        report = calendar_import(network_a, write(name, content))
        assert not report.ok
        assert row_counts(network_a) == before
        assert report.plan is None
        return report.errors.kept

    return check


def test_a_broken_line_is_named_by_its_line(check: Callable[..., list[Problem]]) -> None:
    broken = event("b-1", "DTSTART;TZID=Europe/Amsterdam 20261110T090000", summary="Stuurgroep")
    (problem,) = check(calendar(GOOD, broken))
    # header 3 lines, GOOD 7 lines; the broken event begins on line 11, DTSTART on 15
    assert problem.line == 15
    assert problem.value == "DTSTART;TZID=Europe/Amsterdam 20261110T090000"
    assert problem.sheet == "Stuurgroep"
    assert "not a calendar line" in problem.reason


def test_an_unknown_time_zone(check: Callable[..., list[Problem]]) -> None:
    bad = event("tz-1", "DTSTART;TZID=Mars/Olympus:20261110T090000", "DURATION:PT1H")
    (problem,) = check(calendar(GOOD, bad), "export.ics")
    assert (problem.file, problem.sheet, problem.line, problem.column, problem.value) == (
        "export.ics",
        "Overleg",
        15,
        "DTSTART",
        "Mars/Olympus",
    )
    assert "time zone is unknown" in problem.reason


def test_an_unknown_time_zone_is_explained_in_dutch(check: Callable[..., list[Problem]]) -> None:
    bad = event("tz-1", "DTSTART;TZID=Mars/Olympus:20261110T090000")
    with translation.override("nl"):
        (problem,) = check(calendar(bad))
    assert "tijdzone" in problem.reason and "onbekend" in problem.reason


def test_a_windows_zone_name_without_its_description_is_still_known(
    network_a: Network,
    cast: Any,
    write: Callable[[str, str | bytes], Path],
    calendar_import: Callable[..., CalendarReport],
) -> None:
    # Exchange sometimes leaves the VTIMEZONE out of an invitation
    content = calendar(
        event("w-1", "DTSTART;TZID=W. Europe Standard Time:20260701T090000", "DURATION:PT1H")
    )
    report = calendar_import(network_a, write("uitnodiging.ics", content))
    assert report.ok, report.as_text()
    assert report.plan is not None
    assert report.plan.rows[0].event.start.isoformat() == "2026-07-01T09:00:00+02:00"


def test_an_unreadable_date_and_rule(check: Callable[..., list[Problem]]) -> None:
    problems = check(
        calendar(
            event("d-1", "DTSTART:2026111XT090000", summary="Borrel"),
            event("r-1", "DTSTART:20261110T090000Z", "RRULE:FREQ=SOMETIMES", summary="Lunch"),
        )
    )
    assert [(p.sheet, p.column, p.value) for p in problems] == [
        ("Borrel", "DTSTART", "2026111XT090000"),
        ("Lunch", "RRULE", "FREQ=SOMETIMES"),
    ]
    assert problems[0].line == 8 and problems[1].line == 15
    assert "not a date" in problems[0].reason
    assert "repetition rule" in problems[1].reason


def test_an_end_before_the_start_and_an_event_of_weeks(
    check: Callable[..., list[Problem]],
) -> None:
    problems = check(
        calendar(
            event("e-1", "DTSTART:20261110T090000Z", "DTEND:20261110T080000Z"),
            event("e-2", "DTSTART:20261110T090000Z", "DTEND:20261201T090000Z", summary="Reis"),
            event("e-3", "DTEND:20261110T090000Z", summary="Zonder begin"),
        )
    )
    assert [(p.sheet, p.column) for p in problems] == [
        ("Overleg", "DTEND"),
        ("Reis", "DTEND"),
        ("Zonder begin", "DTSTART"),
    ]
    assert "ends before it starts" in problems[0].reason
    assert "at most 14 days" in problems[1].reason
    assert "needs a start" in problems[2].reason


def test_a_file_without_events_or_not_a_calendar_at_all(
    check: Callable[..., list[Problem]],
) -> None:
    (empty,) = check(calendar())
    assert "holds no events" in empty.reason
    (csv,) = check("Naam;Organisatie\r\nAnneke;Assen\r\n", "leden.ics")
    assert "not a calendar file" in csv.reason and csv.value.startswith("Naam")


def test_a_cut_off_file(check: Callable[..., list[Problem]]) -> None:
    content = calendar(GOOD, event("c-1", "DTSTART:20261110T090000Z"))
    problems = check(content[: content.rindex("END:VEVENT")])
    assert [(p.line, p.column, p.value) for p in problems] == [
        (1, "BEGIN", "VCALENDAR"),
        (11, "BEGIN", "VEVENT"),
    ]
    assert all("never ended" in p.reason for p in problems)


def test_one_bad_file_keeps_the_good_one_out_too(
    network_a: Network,
    cast: Any,
    write: Callable[[str, str | bytes], Path],
    calendar_import: Callable[..., CalendarReport],
) -> None:
    before = row_counts(network_a)
    bad = write("kapot.ics", calendar(event("x", "DTSTART;TZID=Nowhere:20261110T090000")))
    report = calendar_import(network_a, OUTLOOK, bad)
    assert [p.file for p in report.errors.kept] == ["kapot.ics"]
    assert row_counts(network_a) == before


def test_ten_thousand_events_are_refused_before_they_are_parsed(
    check: Callable[..., list[Problem]],
) -> None:
    events = [
        event(f"n-{i}", f"DTSTART:2026{1 + i % 12:02d}{1 + i % 28:02d}T090000Z", "DURATION:PT1H")
        for i in range(10_000)
    ]
    started = time.process_time()
    (problem,) = check(calendar(*events))
    assert time.process_time() - started < 5  # a generous bound: it is refused unparsed
    assert problem.value == "10000"
    assert "at most 2000" in problem.reason


def test_an_endless_rule_is_bounded_by_the_limit(check: Callable[..., list[Problem]]) -> None:
    # every minute, for ever: without a bound this would be half a million occurrences a year
    (problem,) = check(calendar(event("m-1", "DTSTART:20261101T090000Z", "RRULE:FREQ=MINUTELY")))
    assert "more than 2000 events" in problem.reason


@override_settings(WARMNET_CALENDAR_MAX_EVENTS=10)
def test_the_limit_is_a_setting(check: Callable[..., list[Problem]]) -> None:
    (problem,) = check(APPLE.read_bytes(), APPLE.name)
    assert "more than 10 events" in problem.reason


def test_the_limit_counts_all_files_of_one_import(
    network_a: Network,
    calendar_import: Callable[..., CalendarReport],
) -> None:
    with override_settings(WARMNET_CALENDAR_MAX_EVENTS=20):
        report = calendar_import(network_a, APPLE, OUTLOOK, today=TODAY)
    assert not report.ok
    assert "at most 4 can be imported" in report.errors.kept[0].reason
