from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
import time_machine
from django.db import connection
from django.test import Client
from django.urls import reverse

from tests.activities.conftest import at
from warmnet.activities.actions import record_attendance, record_grid
from warmnet.activities.models import Activity, ActivityKind, Attendance, AttendanceStatus
from warmnet.network.models import AuditEntry, Member, Network, Organisation, Role

SLUG = "regio-deal-noord"
GRID = reverse("activities:attendance_grid", args=[SLUG])
CELL = reverse("activities:attendance_cell", args=[SLUG])
HTMX = {"HX-Request": "true"}


@pytest.fixture(autouse=True)
def frozen() -> Any:
    # The grid's default window is around today: 2025-03-10 puts the fixtures inside it.
    with time_machine.travel(dt.datetime(2025, 3, 10, 12, tzinfo=dt.UTC), tick=False):
        yield


def cell(member: Member, activity: Activity) -> str:
    return f"s_{member.pk}_{activity.pk}"


def test_the_grid_shows_members_by_activities_in_the_default_window(
    alice_client: Client, activity_a: Activity, dinner_a: Activity, henk: Member
) -> None:
    Activity.objects.create(
        network=activity_a.network,
        kind=ActivityKind.DINNER,
        title="Lang geleden",
        start=at(2024, 1, 1),
        duration_minutes=60,
    )
    response = alice_client.get(GRID)
    assert response.status_code == 200
    assert response.context["activities"] == [activity_a, dinner_a]
    html = response.content.decode()
    assert f'name="{cell(henk, activity_a)}"' in html
    assert f'<label class="visually-hidden" for="{cell(henk, activity_a)}">' in html


def test_the_grid_filters_by_organisation(
    alice_client: Client, activity_a: Activity, henk: Member, bob: Any, org_a2: Organisation
) -> None:
    response = alice_client.get(GRID, {"organisation": org_a2.pk})
    assert [m.name for m, _cells in response.context["rows"]] == ["Bob Jansen"]


def test_a_cell_saves_with_htmx_and_returns_the_updated_cell(
    alice_client: Client,
    activity_a: Activity,
    henk: Member,
    network_a: Network,
    django_capture_on_commit_callbacks: Any,
) -> None:
    with django_capture_on_commit_callbacks(execute=True):
        response = alice_client.post(CELL, {cell(henk, activity_a): "3"}, headers=HTMX)
    assert response.status_code == 200
    html = response.content.decode()
    assert html.startswith('<td class="cell s3')
    assert '<option value="3" selected>' in html
    attendance = Attendance.objects.get()
    assert (attendance.member, attendance.status) == (henk, AttendanceStatus.ATTENDED)
    assert AuditEntry.objects.filter(action="create", object_type="attendance").exists()
    assert Network.objects.get(pk=network_a.pk).data_version > network_a.data_version


def test_an_empty_cell_removes_the_attendance(
    alice_client: Client, activity_a: Activity, henk: Member
) -> None:
    Attendance.objects.create(network=activity_a.network, activity=activity_a, member=henk)
    alice_client.post(CELL, {cell(henk, activity_a): ""}, headers=HTMX)
    assert not Attendance.objects.exists()


def test_save_all_works_without_javascript_and_only_writes_changes(
    alice_client: Client, activity_a: Activity, dinner_a: Activity, henk: Member, alice: Any
) -> None:
    Attendance.objects.create(
        network=activity_a.network, activity=activity_a, member=henk, status=1
    )
    alice_m = Member.objects.get(user=alice)
    response = alice_client.post(
        GRID + "?organisation=",
        {
            cell(henk, activity_a): "1",  # unchanged
            cell(henk, dinner_a): "3",
            cell(alice_m, activity_a): "2",
            cell(alice_m, dinner_a): "",
        },
    )
    assert response.status_code == 302
    assert response["Location"] == GRID + "?organisation="
    assert set(Attendance.objects.values_list("member__name", "activity__title", "status")) == {
        ("Henk Mulder", "Werksessie peilbeheer", 1),
        ("Henk Mulder", "Diner bij de dijk", 3),
        ("Alice de Vries", "Werksessie peilbeheer", 2),
    }
    assert AuditEntry.objects.filter(object_type="attendance").count() == 2


def test_a_member_of_another_network_is_rejected_and_nothing_is_saved(
    alice_client: Client, activity_a: Activity, henk: Member, member_b: Member
) -> None:
    response = alice_client.post(
        GRID, {cell(henk, activity_a): "3", cell(member_b, activity_a): "3"}
    )
    assert response.status_code == 404
    response = alice_client.post(CELL, {cell(member_b, activity_a): "3"}, headers=HTMX)
    assert response.status_code == 404
    assert not Attendance.objects.exists()
    assert not AuditEntry.objects.exists()


def test_an_activity_of_another_network_is_rejected_and_nothing_is_saved(
    alice_client: Client, activity_b: Activity, henk: Member
) -> None:
    response = alice_client.post(CELL, {cell(henk, activity_b): "3"}, headers=HTMX)
    assert response.status_code == 404
    assert not Attendance.objects.exists()


def test_an_unknown_status_is_rejected(
    alice_client: Client, activity_a: Activity, henk: Member
) -> None:
    response = alice_client.post(CELL, {cell(henk, activity_a): "9"}, headers=HTMX)
    assert response.status_code == 400
    assert not Attendance.objects.exists()


def test_record_attendance_refuses_a_member_of_another_network(
    network_a: Network, alice: Any, activity_a: Activity, member_b: Member
) -> None:
    with pytest.raises(ValueError):
        record_attendance(network_a, alice, activity_a, member_b, AttendanceStatus.ATTENDED)
    assert not Attendance.objects.exists()


def test_record_attendance_logs_nothing_when_the_status_is_unchanged(
    network_a: Network, alice: Any, activity_a: Activity, henk: Member
) -> None:
    record_attendance(network_a, alice, activity_a, henk, AttendanceStatus.ACCEPTED)
    record_attendance(network_a, alice, activity_a, henk, AttendanceStatus.ACCEPTED)
    assert AuditEntry.objects.count() == 1


@pytest.mark.parametrize("persona", ["bob", "olga"])
def test_participants_and_observers_cannot_use_the_grid(
    persona: str, request: pytest.FixtureRequest, activity_a: Activity, henk: Member
) -> None:
    client = request.getfixturevalue(f"{persona}_client")
    assert client.get(GRID).status_code == 403
    assert client.post(GRID, {cell(henk, activity_a): "3"}).status_code == 403
    assert client.post(CELL, {cell(henk, activity_a): "3"}, headers=HTMX).status_code == 403
    assert not Attendance.objects.exists()


def _add_members(network: Network, org: Organisation, n: int) -> list[Member]:
    members = Member.objects.bulk_create(
        Member(
            network=network,
            organisation=org,
            name=f"Lid {i:03d}",
            role=Role.PARTICIPANT,
            joined_on=dt.date(2024, 1, 1),
        )
        for i in range(n)
    )
    return list(members)


def _add_attendance(activities: list[Activity], members: list[Member]) -> None:
    Attendance.objects.bulk_create(
        Attendance(network=a.network, activity=a, member=m, status=3)
        for a in activities
        for m in members
    )


def test_the_grid_query_count_does_not_grow_with_the_members_shown(
    alice_client: Client,
    network_a: Network,
    org_a: Organisation,
    activity_a: Activity,
    dinner_a: Activity,
    django_assert_max_num_queries: Any,
) -> None:
    few = _add_members(network_a, org_a, 3)
    _add_attendance([activity_a, dinner_a], few)
    with django_assert_max_num_queries(12) as small:
        alice_client.get(GRID)
    many = _add_members(network_a, org_a, 60)
    _add_attendance([activity_a, dinner_a], many)
    with django_assert_max_num_queries(len(small.captured_queries)):
        response = alice_client.get(GRID)
    assert len(response.context["rows"]) == 40  # one page of members


def test_a_first_save_works_without_returning_clauses(
    network_a: Network,
    alice: Any,
    activity_a: Activity,
    henk: Member,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setattr(type(connection.features), "can_return_rows_from_bulk_insert", False)
    created = record_attendance(network_a, alice, activity_a, henk, AttendanceStatus.ACCEPTED)
    assert created is not None
    assert Attendance.objects.get(pk=created.pk).status == AttendanceStatus.ACCEPTED
    again = record_attendance(network_a, alice, activity_a, henk, AttendanceStatus.ATTENDED)
    assert again is not None and again.pk == created.pk
    alice_m = Member.objects.get(user=alice)
    assert record_grid(network_a, alice, [(activity_a, alice_m, 2), (activity_a, henk, 1)]) == 2
    assert set(Attendance.objects.values_list("member_id", "status")) == {
        (alice_m.pk, 2),
        (henk.pk, 1),
    }
