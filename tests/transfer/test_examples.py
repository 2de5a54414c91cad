"""The files in docs/examples import as docs/import.md says they do."""

from __future__ import annotations

import datetime as dt
from typing import Any

from tests.transfer.conftest import EXAMPLES, counts, row_counts
from warmnet.activities.models import Activity, Attendance, AttendanceStatus
from warmnet.network.models import AuditEntry, Member, Network, Role

ALL = [
    "organisaties.csv",
    "leden.csv",
    "activities.csv",
    "attendance.csv",
    "presentielijst.xlsx",
    "regio-deal-werkboek.xlsx",
]


def test_the_examples_import_as_documented(network_a: Network, run: Any) -> None:
    report = run(network_a, *(EXAMPLES / name for name in ALL))
    assert report.ok, report.as_text()
    assert counts(report) == {
        "organisations": (7, 0, 0),
        "members": (8, 0, 0),
        "activities": (6, 0, 0),
        "attendance": (14, 0, 0),
    }
    anneke = Member.objects.get(network=network_a, email="anneke.devries@assen.example")
    assert anneke.role == Role.COORDINATOR
    assert anneke.joined_on == dt.date(2026, 1, 15)
    assert anneke.organisation.name == "Gemeente Assen"
    sjoerd = Member.objects.get(network=network_a, name="Sjoerd Wiersma")
    assert (sjoerd.email, sjoerd.left_on) == ("", dt.date(2026, 6, 30))
    assert Member.objects.get(network=network_a, name="Joël Bakker").role == Role.CORE_TEAM
    mixed = Activity.objects.get(network=network_a, title="Working session with a personal round")
    assert (mixed.duration_minutes, mixed.relationship_share) == (90, 0.4)
    assert mixed.start.astimezone(dt.UTC) == dt.datetime(2026, 4, 23, 11, 30, tzinfo=dt.UTC)
    priya_kickoff = Attendance.objects.get(
        network=network_a, member__name="Priya Ramdin", activity__title="Kick-off"
    )
    assert priya_kickoff.status == AttendanceStatus.DECLINED
    # the sign-in sheet: an X where someone came, an empty cell is nothing
    walk = Attendance.objects.filter(network=network_a, activity__title__startswith="Lunch walk")
    assert walk.count() == 4
    assert set(walk.values_list("status", flat=True)) == {AttendanceStatus.ATTENDED}
    entry = AuditEntry.objects.get(network=network_a, action="import")
    assert "14 new" in entry.summary


def test_importing_the_same_files_twice_changes_nothing(
    network_a: Network, run: Any, django_capture_on_commit_callbacks: Any
) -> None:
    files = [EXAMPLES / name for name in ALL]
    assert run(network_a, *files).ok
    before = row_counts(network_a)
    version = Network.objects.get(pk=network_a.pk).data_version
    with django_capture_on_commit_callbacks(execute=True):
        report = run(network_a, *files)
    assert report.ok
    assert not report.changed
    assert all(created == updated == 0 for created, updated, _ in counts(report).values())
    assert row_counts(network_a) == before
    assert Network.objects.get(pk=network_a.pk).data_version == version


def test_a_dry_run_reports_and_saves_nothing(network_a: Network, run: Any) -> None:
    before = row_counts(network_a)
    report = run(network_a, *(EXAMPLES / name for name in ALL), dry_run=True)
    assert report.ok and report.dry_run
    assert counts(report)["members"] == (8, 0, 0)
    assert row_counts(network_a) == before


def test_the_import_bumps_the_data_version_once_and_writes_one_audit_row(
    network_a: Network, run: Any, django_capture_on_commit_callbacks: Any
) -> None:
    version = Network.objects.get(pk=network_a.pk).data_version
    with django_capture_on_commit_callbacks(execute=True):
        assert run(network_a, *(EXAMPLES / name for name in ALL)).ok
    assert Network.objects.get(pk=network_a.pk).data_version == version + 1
    assert AuditEntry.objects.filter(network=network_a).count() == 1
