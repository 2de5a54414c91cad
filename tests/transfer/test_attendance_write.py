"""The write stage of attendance: new rows, changed rows, and a first save that beats the import."""

from __future__ import annotations

import datetime as dt
import threading
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from django.db import connection, connections
from django.utils import timezone

from warmnet.activities.actions import record_attendance
from warmnet.activities.models import Activity, ActivityKind, Attendance, AttendanceStatus
from warmnet.network.models import Member, Network, Organisation, Role
from warmnet.transfer import service
from warmnet.transfer.report import ImportReport

pytestmark = pytest.mark.django_db(transaction=True)

ATTENDED, DECLINED, INVITED = (
    AttendanceStatus.ATTENDED,
    AttendanceStatus.DECLINED,
    AttendanceStatus.INVITED,
)


@pytest.fixture
def records(network_a: Network, org_a: Organisation) -> tuple[list[Member], list[Activity]]:
    members = [
        Member.objects.create(
            network=network_a,
            organisation=org_a,
            name=name,
            email=f"{name.lower()}@example.org",
            role=Role.PARTICIPANT,
            joined_on=dt.date(2024, 1, 1),
        )
        for name in ("Anna", "Bram", "Cor")
    ]
    activities = [
        Activity.objects.create(
            network=network_a,
            kind=ActivityKind.WORKING_SESSION,
            title=title,
            start=timezone.make_aware(dt.datetime(2026, 3, day, 10)),
            duration_minutes=60,
        )
        for title, day in (("Werksessie", 2), ("Stuurgroep", 9))
    ]
    return members, activities


def status_of(member: Member, activity: Activity) -> int | None:
    return (
        Attendance.objects.filter(member=member, activity=activity)
        .values_list("status", flat=True)
        .first()
    )


def test_an_import_adds_changes_and_creates_attendance_in_one_go(
    network_a: Network,
    records: tuple[list[Member], list[Activity]],
    write: Callable[[str, str], Path],
    run: Callable[..., ImportReport],
) -> None:
    (anna, bram, cor), (session, steering) = records
    Attendance.objects.create(network=network_a, activity=session, member=anna, status=INVITED)
    activities = write(
        "activiteiten.csv",
        "title,start,kind,duration_minutes\nLunchwandeling,2026-03-16 12:00,outing,60\n",
    )
    attendance = write(
        "aanwezigheid.csv",
        "email,activity,date,status\n"
        "anna@example.org,Werksessie,2026-03-02,attended\n"  # changed
        "bram@example.org,Stuurgroep,2026-03-09,declined\n"  # new, on existing records
        "cor@example.org,Lunchwandeling,2026-03-16,attended\n",  # new, on a new activity
    )
    report = run(network_a, activities, attendance)
    assert report.ok, report.as_text()
    walk = Activity.objects.get(title="Lunchwandeling")
    assert status_of(anna, session) == ATTENDED
    assert status_of(bram, steering) == DECLINED
    assert status_of(cor, walk) == ATTENDED
    assert Attendance.objects.count() == 3


@pytest.mark.skipif(
    connection.vendor == "sqlite", reason="SQLite has one writer at a time: no save can land"
)
def test_a_first_save_that_lands_between_planning_and_writing_does_not_fail_the_import(
    network_a: Network,
    alice: Any,
    records: tuple[list[Member], list[Activity]],
    write: Callable[[str, str], Path],
    run: Callable[..., ImportReport],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    (anna, bram, _cor), (session, _steering) = records
    real_write_plan = service.write_plan
    saved: list[Any] = []

    def someone_saves_a_cell_first(plan: Any, timings: Any = None) -> None:
        # a coordinator's grid save commits on another connection meanwhile
        def save() -> None:
            try:
                saved.append(record_attendance(network_a, alice, session, bram, DECLINED))
            finally:
                connections.close_all()

        thread = threading.Thread(target=save)
        thread.start()
        thread.join(30)
        real_write_plan(plan, timings)

    monkeypatch.setattr(service, "write_plan", someone_saves_a_cell_first)
    attendance = write(
        "aanwezigheid.csv",
        "email,activity,date,status\n"
        "anna@example.org,Werksessie,2026-03-02,attended\n"
        "bram@example.org,Werksessie,2026-03-02,attended\n",
    )
    report = run(network_a, attendance)
    assert report.ok, report.as_text()
    assert saved and saved[0].status == DECLINED
    # the import came last, so its status stands; one row per pair
    assert status_of(bram, session) == ATTENDED
    assert status_of(anna, session) == ATTENDED
    assert Attendance.objects.filter(activity=session).count() == 2


@pytest.mark.skipif(
    connection.vendor == "sqlite", reason="SQLite has one writer at a time: no delete can land"
)
def test_a_member_deleted_while_the_import_runs_is_named_and_nothing_is_saved(
    network_a: Network,
    records: tuple[list[Member], list[Activity]],
    write: Callable[[str, str], Path],
    run: Callable[..., ImportReport],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    (_anna, bram, _cor), _activities = records
    real_write_plan = service.write_plan

    def someone_deletes_a_member_first(plan: Any, timings: Any = None) -> None:
        def delete() -> None:
            try:
                Member.objects.filter(pk=bram.pk).delete()
            finally:
                connections.close_all()

        thread = threading.Thread(target=delete)
        thread.start()
        thread.join(30)
        real_write_plan(plan, timings)

    monkeypatch.setattr(service, "write_plan", someone_deletes_a_member_first)
    attendance = write(
        "aanwezigheid.csv",
        "email,activity,date,status\n"
        "anna@example.org,Werksessie,2026-03-02,attended\n"
        "bram@example.org,Werksessie,2026-03-02,attended\n",
    )
    report = run(network_a, attendance)
    assert not report.ok
    assert "deleted meanwhile" in report.as_text()
    assert not Attendance.objects.exists()
