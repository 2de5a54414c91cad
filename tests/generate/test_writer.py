"""The bulk writer: what is generated is what the database holds, all or nothing."""

from __future__ import annotations

from typing import Any

import numpy as np
import pytest
from django.db import connection

from warmnet.activities.models import Activity, Attendance, Contact
from warmnet.dossiers.models import Dossier, HardMoment, Milestone, Point, Position
from warmnet.generate import writer
from warmnet.generate.result import GeneratedNetwork
from warmnet.generate.synth import generate_network
from warmnet.generate.writer import NetworkExists, write_network
from warmnet.insights.loader import load_network
from warmnet.network.models import Member, Network, Organisation

SMALL = {"organisations": 6, "members": 30, "activities": 120, "years": 1.5}
TABLES = {
    "organisations": Organisation,
    "members": Member,
    "activities": Activity,
    "attendance": Attendance,
    "contacts": Contact,
    "dossiers": Dossier,
    "points": Point,
    "positions": Position,
    "milestones": Milestone,
    "hard_moments": HardMoment,
}


@pytest.fixture
def generated() -> GeneratedNetwork:
    return generate_network(5, SMALL, "kickoff-then-content")


def _counts(network: Network) -> dict[str, int]:
    return {name: m.objects.filter(network=network).count() for name, m in TABLES.items()}


@pytest.mark.django_db
def test_the_database_holds_what_was_generated(
    generated: GeneratedNetwork, django_capture_on_commit_callbacks: Any
) -> None:
    with django_capture_on_commit_callbacks(execute=True):
        report = write_network(generated, "groene-delta")
    network = report.network
    network.refresh_from_db()
    assert network.slug == "groene-delta" and network.name == generated.name
    assert _counts(network) == generated.counts() == report.counts
    assert network.data_version >= 1
    hm = HardMoment.objects.get(network=network)
    assert hm.parties.count() == 2
    coordinator = Member.objects.get(network=network, role=0)
    assert coordinator.email == generated.member_email[0]


@pytest.mark.django_db
def test_it_round_trips_through_the_engine_loader(generated: GeneratedNetwork) -> None:
    network = write_network(generated, "rond").network
    loaded = load_network(network)
    d = generated.data
    assert loaded.n_members == d.n_members and loaded.n_activities == d.n_activities
    assert np.array_equal(loaded.activity_start, d.activity_start)
    assert np.allclose(loaded.activity_share, d.activity_share)
    assert np.allclose(loaded.activity_hours, d.activity_hours)
    assert np.array_equal(loaded.member_joined, d.member_joined)
    assert np.array_equal(loaded.member_left, d.member_left, equal_nan=True)
    pairs = set(zip(d.attendance_activity.tolist(), d.attendance_member.tolist(), strict=True))
    loaded_pairs = zip(
        loaded.attendance_activity.tolist(), loaded.attendance_member.tolist(), strict=True
    )
    assert set(loaded_pairs) == pairs
    assert sorted(loaded.attendance_status.tolist()) == sorted(d.attendance_status.tolist())


@pytest.mark.django_db
def test_an_existing_slug_needs_replace(generated: GeneratedNetwork) -> None:
    first = write_network(generated, "twee-keer").network
    with pytest.raises(NetworkExists):
        write_network(generated, "twee-keer")
    other = generate_network(6, SMALL, "together")
    second = write_network(other, "twee-keer", replace=True).network
    assert not Network.objects.filter(pk=first.pk).exists()
    assert Network.objects.filter(slug="twee-keer").count() == 1
    assert _counts(second) == other.counts()
    assert Attendance.objects.count() == other.counts()["attendance"]


@pytest.mark.django_db
def test_two_networks_live_side_by_side(generated: GeneratedNetwork) -> None:
    a = write_network(generated, "a").network
    b = write_network(generate_network(9, SMALL, "together"), "b").network
    assert _counts(a) == generated.counts()
    # every attendance row of b points at b's members and activities
    rows = Attendance.objects.filter(network=b)
    assert not rows.exclude(member__network=b).exists()
    assert not rows.exclude(activity__network=b).exists()


@pytest.mark.django_db(transaction=True)
def test_nothing_is_half_saved(generated: GeneratedNetwork, monkeypatch: Any) -> None:
    real = writer._Inserter.insert

    def failing(self: Any, model: Any, columns: Any, ids: Any = None) -> int:
        if model is Contact:
            raise RuntimeError("disk full")
        return real(self, model, columns, ids)

    monkeypatch.setattr(writer._Inserter, "insert", failing)
    with pytest.raises(RuntimeError):
        write_network(generated, "half")
    assert not Network.objects.filter(slug="half").exists()
    assert not Organisation.objects.exists() and not Attendance.objects.exists()


def _schema(table: str) -> list[tuple[str, str]]:
    with connection.cursor() as cur:
        if connection.vendor == "postgresql":
            cur.execute(
                "SELECT conname, pg_get_constraintdef(oid) FROM pg_constraint "
                "WHERE conrelid = %s::regclass UNION ALL "
                "SELECT indexrelid::regclass::text, pg_get_indexdef(indexrelid) FROM pg_index "
                "WHERE indrelid = %s::regclass ORDER BY 1",
                [table, table],
            )
        else:
            cur.execute(
                "SELECT name, COALESCE(sql, '') FROM sqlite_master WHERE tbl_name = %s "
                "ORDER BY name",
                [table],
            )
        return cur.fetchall()


@pytest.mark.django_db
def test_big_copies_keep_the_tables_keys_and_indexes(
    generated: GeneratedNetwork, monkeypatch: Any
) -> None:
    tables = [Attendance._meta.db_table, Activity._meta.db_table]
    before = [_schema(t) for t in tables]
    monkeypatch.setattr(writer, "BIG", 50)  # drop and re-add even at this size
    network = write_network(generated, "groot").network
    after = [_schema(t) for t in tables]
    assert [sorted(set(b) ^ set(a)) for a, b in zip(after, before, strict=True)] == [[], []]
    assert after == before and len(before[0]) >= 4
    assert Attendance.objects.filter(network=network).count() == generated.counts()["attendance"]
