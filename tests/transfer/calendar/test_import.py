"""Importing calendars: what the preview says, what is written (all or nothing), and that
importing again, or an invitation for a meeting already imported, changes nothing twice."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import Any

import pytest
from django.db import DatabaseError
from django.utils import timezone

from tests.transfer.calendar.conftest import GOOGLE, INVITATION, OUTLOOK, by_title
from tests.transfer.conftest import EXAMPLES, counts, row_counts
from warmnet.activities.models import Activity, ActivityKind, Attendance, AttendanceStatus
from warmnet.activities.uids import activity_for_uid
from warmnet.network.models import AuditEntry, Member, Network
from warmnet.transfer.calendar import write
from warmnet.transfer.calendar.plan import CANCELLED, NEW, SKIPPED, UNCHANGED
from warmnet.transfer.calendar.service import CalendarReport

Run = Callable[..., CalendarReport]


def _statuses(activity: Activity) -> dict[str, int]:
    return dict(Attendance.objects.filter(activity=activity).values_list("member__name", "status"))


def _version(network: Network) -> int:
    network.refresh_from_db()
    return network.data_version


def test_the_preview_shows_kinds_matches_and_the_unmatched_and_saves_nothing(
    network_a: Network, cast: dict[str, Member], calendar_import: Run
) -> None:
    before = row_counts(network_a)
    report = calendar_import(network_a, OUTLOOK, dry_run=True)
    assert report.ok, report.as_text()
    assert row_counts(network_a) == before
    assert counts(report) == {"activities": (10, 0, 0), "attendance": (25, 0, 0)}
    assert report.plan is not None
    rows = {row.title: row for row in report.plan.rows}
    assert rows["Stuurgroep Groene Delta"].kind == ActivityKind.STEERING_GROUP
    assert "stuurgroep" in rows["Stuurgroep Groene Delta"].kind_note
    assert rows["Netwerkborrel Groene Delta"].kind == ActivityKind.INFORMAL_MEETING
    assert rows["Onderhandeling grondprijzen"].kind == ActivityKind.NEGOTIATION
    assert rows["Werkbezoek gemaal en bergingsgebied"].kind == ActivityKind.WORK_VISIT
    fallback = rows["Afstemming peilbesluit"]
    assert fallback.kind == ActivityKind.WORKING_SESSION and "assumed" in fallback.kind_note
    assert rows["Tandarts"].state == SKIPPED and rows["Tandarts"].kind is None
    assert rows["Geannuleerd: Intervisie kernteam"].state == CANCELLED
    steering = rows["Stuurgroep Groene Delta"]
    assert sorted(steering.people) == [
        ("Anneke de Vries", "accepted"),
        ("Joël Bakker", "accepted"),
        ("Marieke Hoekstra", "invited"),
        ("Priya Ramdin", "declined"),
    ]
    assert {p.email for p in steering.unmatched} == {
        "sjoerd.wiersma@hunzeenaas.example",
        "j.vandam@rws.example",
    }
    assert report.plan.unmatched() == [
        ("sjoerd.wiersma@hunzeenaas.example", "Sjoerd Wiersma", 8),
        ("j.vandam@rws.example", "Jan van Dam", 2),
        ("secretariaat@drenthe.example", "Secretariaat Regio Deal", 1),
    ]
    text = report.as_text()
    assert "Jan van Dam <j.vandam@rws.example> (2 events)" in text


def test_confirm_writes_activities_and_attendance_once(
    network_a: Network,
    cast: dict[str, Member],
    calendar_import: Run,
    alice: Any,
    django_capture_on_commit_callbacks: Any,
) -> None:
    version = _version(network_a)
    # the data version moves after the commit (once per transaction)
    with django_capture_on_commit_callbacks(execute=True):
        report = calendar_import(network_a, OUTLOOK, user=alice)
    assert report.ok, report.as_text()
    assert Activity.objects.filter(network=network_a).count() == 10
    assert Attendance.objects.filter(network=network_a).count() == 25
    assert _version(network_a) == version + 1
    audit = AuditEntry.objects.get(network=network_a, action="import")
    assert audit.user == alice and audit.changes["files"] == ["outlook-week.ics"]

    (steering,) = by_title(network_a, "Stuurgroep Groene Delta")
    assert steering.kind == ActivityKind.STEERING_GROUP
    assert timezone.localtime(steering.start).isoformat() == "2026-11-10T09:00:00+01:00"
    assert steering.duration_minutes == 120
    assert steering.location == "Provinciehuis Assen, Zaal 3; Microsoft Teams-vergadering"
    assert steering.calendar_uid.startswith("040000008200E00074C5B7101A82E008")
    assert steering.calendar_recurrence == ""
    assert _statuses(steering) == {
        "Anneke de Vries": AttendanceStatus.ACCEPTED,
        "Joël Bakker": AttendanceStatus.ACCEPTED,
        "Marieke Hoekstra": AttendanceStatus.INVITED,
        "Priya Ramdin": AttendanceStatus.DECLINED,
    }
    sessions = by_title(network_a, "Werksessie waterberging")
    assert len(sessions) == 5 and len({a.calendar_uid for a in sessions}) == 1
    (visit,) = by_title(network_a, "Werkbezoek gemaal en bergingsgebied")
    assert timezone.localtime(visit.start).time() == dt.time(9, 0)
    assert visit.duration_minutes == 480
    assert not by_title(network_a, "Tandarts")
    assert not by_title(network_a, "Geannuleerd: Intervisie kernteam")


def test_importing_the_same_file_again_changes_nothing(
    network_a: Network, cast: dict[str, Member], calendar_import: Run
) -> None:
    assert calendar_import(network_a, OUTLOOK, GOOGLE).ok
    before = row_counts(network_a)
    version = _version(network_a)
    again = calendar_import(network_a, OUTLOOK, GOOGLE)
    assert again.ok and not again.changed
    assert counts(again) == {"activities": (0, 0, 17), "attendance": (0, 0, 44)}
    assert again.plan is not None
    assert {row.state for row in again.plan.rows} == {UNCHANGED, SKIPPED, CANCELLED}
    assert row_counts(network_a) == before
    assert _version(network_a) == version


def test_an_invitation_for_an_imported_meeting_updates_it_by_uid(
    network_a: Network, cast: dict[str, Member], calendar_import: Run
) -> None:
    assert calendar_import(network_a, OUTLOOK).ok
    (meeting,) = by_title(network_a, "Onderhandeling grondprijzen")
    assert _statuses(meeting)["Priya Ramdin"] == AttendanceStatus.INVITED
    found = activity_for_uid(network_a, meeting.calendar_uid)
    assert found is not None and found.pk == meeting.pk

    report = calendar_import(network_a, INVITATION)
    assert report.ok, report.as_text()
    assert counts(report) == {"activities": (0, 1, 0), "attendance": (0, 1, 2)}
    (moved,) = by_title(network_a, "Onderhandeling grondprijzen")
    assert moved.pk == meeting.pk
    assert timezone.localtime(moved.start).strftime("%H:%M") == "15:00"
    assert moved.duration_minutes == 90
    assert _statuses(moved)["Priya Ramdin"] == AttendanceStatus.ACCEPTED


def test_a_meeting_entered_by_hand_is_taken_up_not_doubled(
    network_a: Network, cast: dict[str, Member], calendar_import: Run
) -> None:
    by_hand = Activity.objects.create(
        network=network_a,
        kind=ActivityKind.MIXED,
        title="netwerkborrel groene delta",
        start=timezone.make_aware(dt.datetime(2026, 11, 12, 16, 30)),
        duration_minutes=60,
        description="Met een persoonlijke ronde.",
    )
    Attendance.objects.create(
        network=network_a,
        activity=by_hand,
        member=cast["Joël"],
        status=AttendanceStatus.ATTENDED,
    )
    report = calendar_import(network_a, OUTLOOK)
    assert report.ok, report.as_text()
    by_hand.refresh_from_db()
    assert Activity.objects.filter(network=network_a, title__iexact=by_hand.title).count() == 1
    # the calendar's title, time, description and UID; the kind chosen in Warmnet
    assert by_hand.title == "Netwerkborrel Groene Delta"
    assert by_hand.description == "Na de stuurgroep even bijpraten, zonder agenda."
    assert timezone.localtime(by_hand.start).strftime("%H:%M") == "17:00"
    assert by_hand.kind == ActivityKind.MIXED
    assert by_hand.calendar_uid
    # attendance recorded on the day outranks the answer to the invitation
    assert _statuses(by_hand)["Joël Bakker"] == AttendanceStatus.ATTENDED


def test_a_second_event_of_the_same_title_on_a_day_gets_its_time(
    network_a: Network, cast: dict[str, Member], calendar_import: Run
) -> None:
    Activity.objects.create(
        network=network_a,
        kind=ActivityKind.WORKING_SESSION,
        title="Stuurgroep Groene Delta",
        start=timezone.make_aware(dt.datetime(2026, 11, 10, 14, 0)),
        duration_minutes=60,
        calendar_uid="another-calendar-event",
    )
    report = calendar_import(network_a, OUTLOOK)
    assert report.ok, report.as_text()
    titles = [a.title for a in by_title(network_a, "Stuurgroep Groene Delta (09:00)")]
    assert titles == ["Stuurgroep Groene Delta (09:00)"]
    assert calendar_import(network_a, OUTLOOK).changed is False


def test_kinds_chosen_in_the_preview_are_used(
    network_a: Network, cast: dict[str, Member], calendar_import: Run
) -> None:
    preview = calendar_import(network_a, OUTLOOK, dry_run=True)
    assert preview.plan is not None
    keys = {row.title: row.key for row in preview.plan.rows}
    choices = {
        keys["Afstemming peilbesluit"]: int(ActivityKind.MIXED),
        keys["Netwerkborrel Groene Delta"]: None,  # do not import
        keys["Tandarts"]: int(ActivityKind.INFORMAL_MEETING),  # private, taken in anyway
    }
    report = calendar_import(network_a, OUTLOOK, choices=choices)
    assert report.ok
    assert by_title(network_a, "Afstemming peilbesluit")[0].kind == ActivityKind.MIXED
    assert not by_title(network_a, "Netwerkborrel Groene Delta")
    assert by_title(network_a, "Tandarts")[0].kind == ActivityKind.INFORMAL_MEETING
    # the next import keeps what was chosen: a matched activity keeps its kind
    again = calendar_import(network_a, OUTLOOK, dry_run=True)
    assert again.plan is not None
    rows = {row.title: row for row in again.plan.rows}
    assert rows["Afstemming peilbesluit"].kind == ActivityKind.MIXED
    assert rows["Afstemming peilbesluit"].state == UNCHANGED
    assert rows["Netwerkborrel Groene Delta"].state == NEW


def test_a_cancelled_meeting_stays_and_the_preview_says_so(
    network_a: Network, cast: dict[str, Member], calendar_import: Run, write_ics: Any
) -> None:
    assert calendar_import(network_a, OUTLOOK).ok
    (meeting,) = by_title(network_a, "Netwerkborrel Groene Delta")
    cancelled = OUTLOOK.read_text(encoding="utf-8").replace(
        "SUMMARY;LANGUAGE=nl:Netwerkborrel Groene Delta",
        "SUMMARY;LANGUAGE=nl:Netwerkborrel Groene Delta\r\nSTATUS:CANCELLED",
    )
    report = calendar_import(network_a, write_ics("outlook-week.ics", cancelled))
    assert report.ok and not report.changed
    assert report.plan is not None
    (row,) = [r for r in report.plan.rows if r.activity is not None and r.activity.pk == meeting.pk]
    assert row.state == CANCELLED and "delete it there" in row.notes[0]
    assert Activity.objects.filter(pk=meeting.pk).exists()


def test_nothing_is_saved_when_the_database_fails_halfway(
    network_a: Network,
    cast: dict[str, Member],
    calendar_import: Run,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    before = row_counts(network_a)
    version = _version(network_a)

    def fail(plan: Any) -> None:
        assert Activity.objects.filter(network=network_a).count() == 10  # written so far
        raise DatabaseError("disk full")

    monkeypatch.setattr(write, "_write_attendance", fail)
    report = calendar_import(network_a, OUTLOOK)
    assert not report.ok and "disk full" in report.errors.kept[0].reason
    assert row_counts(network_a) == before
    assert _version(network_a) == version


def test_another_network_is_never_matched(
    network_a: Network,
    network_b: Network,
    cast: dict[str, Member],
    calendar_import: Run,
) -> None:
    assert calendar_import(network_a, OUTLOOK).ok
    report = calendar_import(network_b, OUTLOOK)
    assert report.ok
    assert counts(report)["activities"] == (10, 0, 0)
    assert "attendance" not in counts(report)  # nobody of B is in this calendar
    assert Activity.objects.filter(network=network_b).count() == 10


def test_the_documented_example_members_and_the_outlook_week(
    network_a: Network, run: Callable[..., Any], calendar_import: Run
) -> None:
    """docs/programme.md: with the members of leden.csv, the Outlook week gives 10 activities
    and 25 attendance records, and lists who is not in the network."""
    assert run(network_a, EXAMPLES / "organisaties.csv", EXAMPLES / "leden.csv").ok
    report = calendar_import(network_a, OUTLOOK)
    assert report.ok, report.as_text()
    assert counts(report) == {"activities": (10, 0, 0), "attendance": (25, 0, 0)}
    assert report.plan is not None
    assert [email for email, _name, _n in report.plan.unmatched()] == [
        "sjoerd.wiersma@hunzeenaas.example",
        "j.vandam@rws.example",
        "secretariaat@drenthe.example",
    ]


def test_of_two_copies_of_one_meeting_the_newest_counts(
    network_a: Network, cast: dict[str, Member], calendar_import: Run
) -> None:
    # the week's export (SEQUENCE 0) and the later invitation (SEQUENCE 1), in either order
    for files in ((OUTLOOK, INVITATION), (INVITATION, OUTLOOK)):
        report = calendar_import(network_a, *files, dry_run=True)
        assert report.plan is not None
        (row,) = [r for r in report.plan.rows if r.title == "Onderhandeling grondprijzen"]
        assert timezone.localtime(row.event.start).strftime("%H:%M") == "15:00"
