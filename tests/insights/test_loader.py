"""The loader hands the engine exactly what is in the database, as columns."""

from __future__ import annotations

import datetime as dt
import threading
from typing import Any

import numpy as np
import pytest
from django.db import connection, connections
from django.utils import timezone

from warmnet.activities.models import Activity, ActivityKind, Attendance, Contact
from warmnet.dossiers.models import (
    Dossier,
    HardMoment,
    Milestone,
    MilestoneKind,
    Point,
    PointStatusChange,
    Position,
)
from warmnet.engine.data import NetworkData
from warmnet.insights.loader import load_network
from warmnet.network.models import Member, Network, Organisation, Role


def _build(network: Network, other: Network) -> dict[str, Any]:
    org1 = Organisation.objects.create(network=network, name="Gemeente Emmen", kind=0)
    org2 = Organisation.objects.create(network=network, name="Provincie Drenthe", kind=1)
    foreign_org = Organisation.objects.create(network=other, name="Elders", kind=7)
    m1 = Member.objects.create(
        network=network,
        organisation=org1,
        name="Anna",
        role=Role.COORDINATOR,
        joined_on=dt.date(2024, 1, 1),
    )
    m2 = Member.objects.create(
        network=network,
        organisation=org2,
        name="Bram",
        role=Role.PARTICIPANT,
        joined_on=dt.date(2024, 2, 1),
        left_on=dt.date(2025, 1, 31),
    )
    stranger = Member.objects.create(
        network=other, organisation=foreign_org, name="Cees", joined_on=dt.date(2024, 1, 1)
    )
    dossier = Dossier.objects.create(network=network, name="Energie")
    start = timezone.make_aware(dt.datetime(2024, 3, 1, 10, 0), dt.UTC)
    a1 = Activity.objects.create(
        network=network,
        kind=ActivityKind.WORKING_SESSION,
        title="Werksessie",
        start=start,
        duration_minutes=90,
        dossier=dossier,
    )
    a2 = Activity.objects.create(
        network=network,
        kind=ActivityKind.MIXED,
        title="Wandeloverleg",
        start=start,
        duration_minutes=60,
        relationship_share=0.5,
        host_organisation=org2,
    )
    a3 = Activity.objects.create(
        network=network,
        kind=ActivityKind.DINNER,
        title="Diner",
        start=start,
        duration_minutes=120,
    )
    foreign_activity = Activity.objects.create(
        network=other, kind=ActivityKind.DINNER, title="Elders", start=start, duration_minutes=60
    )
    Attendance.objects.create(network=network, activity=a1, member=m1, status=3)
    Attendance.objects.create(network=network, activity=a1, member=m2, status=2)
    Attendance.objects.create(network=network, activity=a3, member=m2, status=1)
    Attendance.objects.create(network=other, activity=foreign_activity, member=stranger, status=3)
    Contact.objects.create(network=network, member_a=m2, member_b=m1, date=dt.date(2024, 4, 2))
    point = Point.objects.create(
        network=network,
        dossier=dossier,
        title="Windmolens",
        status=3,
        opened_on=dt.date(2024, 1, 10),
        status_since=dt.date(2024, 6, 1),
    )
    Position.objects.create(
        network=network, point=point, member=m1, stance=1, date=dt.date(2024, 2, 1)
    )
    Position.objects.create(
        network=network, point=point, organisation=org2, stance=-1, date=dt.date(2024, 2, 2)
    )
    Milestone.objects.create(
        network=network,
        dossier=dossier,
        kind=MilestoneKind.COVENANT,
        title="Convenant",
        date=dt.date(2024, 9, 1),
    )
    late = HardMoment.objects.create(
        network=network, title="Breuk", date=dt.date(2024, 12, 1), outcome=2
    )
    crisis = HardMoment.objects.create(
        network=network, title="Crisis", date=dt.date(2024, 11, 1), outcome=1
    )
    crisis.parties.set([org1, org2])
    late.parties.set([org2])
    PointStatusChange.objects.create(
        network=network, point=point, status=3, date=dt.date(2024, 6, 1)
    )
    PointStatusChange.objects.create(
        network=network, point=point, status=1, date=dt.date(2024, 3, 1)
    )
    return {"a1": a1, "a2": a2, "a3": a3, "m1": m1, "m2": m2}


def _check(data: NetworkData, rows: dict[str, Any]) -> None:
    assert data.org_name == ["Gemeente Emmen", "Provincie Drenthe"]
    assert data.org_kind.tolist() == [0, 1]
    assert data.member_name == ["Anna", "Bram"]
    assert data.member_org.tolist() == [0, 1]
    assert data.member_role.tolist() == [0, 2]
    assert data.member_joined.tolist() == [dt.date(2024, 1, 1), dt.date(2024, 2, 1)]
    assert np.isnat(data.member_left[0])
    assert data.member_left[1] == np.datetime64("2025-01-31")
    assert data.activity_id.tolist() == [rows["a1"].pk, rows["a2"].pk, rows["a3"].pk]
    assert data.activity_kind.tolist() == [0, 8, 7]
    assert data.activity_share.tolist() == [0.0, 0.5, 1.0]  # defaults by kind, or the override
    assert data.activity_start[0] == np.datetime64("2024-03-01T10:00:00")
    assert data.activity_hours.tolist() == [1.5, 1.0, 2.0]
    assert data.activity_host_org.tolist() == [-1, 1, -1]
    assert data.activity_dossier.tolist() == [0, -1, -1]
    pairs = sorted(
        zip(
            data.attendance_member.tolist(),
            data.attendance_activity.tolist(),
            data.attendance_status.tolist(),
            strict=True,
        )
    )
    assert pairs == [(0, 0, 3), (1, 0, 2), (1, 2, 1)]  # the other network's row is not here
    assert (data.contact_a.tolist(), data.contact_b.tolist()) == ([1], [0])
    assert data.contact_date.tolist() == [dt.date(2024, 4, 2)]
    assert data.point_status.tolist() == [3]
    assert data.point_status_since.tolist() == [dt.date(2024, 6, 1)]
    assert data.position_member.tolist() == [0, -1]
    assert data.position_org.tolist() == [-1, 1]
    assert data.position_stance.tolist() == [1, -1]
    assert data.milestone_kind.tolist() == [MilestoneKind.COVENANT]
    assert data.milestone_dossier.tolist() == [0]
    assert data.hard_moment_title == ["Crisis", "Breuk"]  # by date
    assert data.hard_moment_outcome.tolist() == [1, 2]
    parties = sorted(
        zip(
            data.hard_moment_party_moment.tolist(),
            data.hard_moment_party_org.tolist(),
            strict=True,
        )
    )
    assert parties == [(0, 0), (0, 1), (1, 1)]
    assert data.status_change_point.tolist() == [0, 0]
    assert data.status_change_status.tolist() == [1, 3]  # by date
    assert data.status_change_date.tolist() == [dt.date(2024, 3, 1), dt.date(2024, 6, 1)]


def test_it_loads_every_table_as_columns(network_a: Network, network_b: Network) -> None:
    rows = _build(network_a, network_b)
    _check(load_network(network_a), rows)


def test_an_empty_network_loads_as_empty_columns(network_a: Network) -> None:
    data = load_network(network_a)
    assert data.n_members == 0
    assert data.attendance_member.shape == (0,)
    assert data.activity_start.dtype == np.dtype("datetime64[s]")


@pytest.mark.django_db(transaction=True)
def test_committed_rows_read_the_same(network_a: Network, network_b: Network) -> None:
    """Outside a transaction (as under a live server) the loader reads the same."""
    rows = _build(network_a, network_b)
    assert not connection.in_atomic_block
    _check(load_network(network_a), rows)


@pytest.mark.django_db(transaction=True)
def test_loading_leaves_other_connections_to_the_database_working(
    network_a: Network, network_b: Network
) -> None:
    """A second connection (another thread of a live server) keeps working after loads."""
    _build(network_a, network_b)
    errors: list[BaseException] = []

    def other_thread() -> None:
        try:
            for _ in range(5):
                assert Member.objects.filter(network=network_a).count() == 2
                Organisation.objects.create(network=network_b, name=f"Partner {_}")
        except BaseException as exc:
            errors.append(exc)
        finally:
            connections.close_all()

    for _ in range(3):
        load_network(network_a)
        worker = threading.Thread(target=other_thread)
        worker.start()
        worker.join()
        Organisation.objects.filter(network=network_b, name__startswith="Partner").delete()
    assert errors == []
    assert load_network(network_a).n_members == 2
