"""Concurrent writers against the real database: threads, each with its own connection.

Coordinators and core-team members save the attendance grid at the same time.
Whatever the order and overlap of their cells, nobody gets an error page, no
write is lost and no row is doubled; and writers are not queued behind one
network-wide row while a transaction is open.
"""

from __future__ import annotations

import datetime as dt
import itertools
import threading
from collections import defaultdict
from collections.abc import Callable
from typing import Any

import pytest
from django.contrib.auth import get_user_model
from django.db import connection, connections, transaction
from django.test import Client
from django.urls import reverse

from tests.activities.conftest import at
from tests.conftest import PASSWORD
from warmnet.activities.actions import record_attendance
from warmnet.activities.models import Activity, ActivityKind, Attendance
from warmnet.network.models import AuditEntry, Member, Network, Organisation, Role, data_changed

pytestmark = pytest.mark.django_db(transaction=True)

SLUG = "regio-deal-noord"
GRID = reverse("activities:attendance_grid", args=[SLUG])
CELL = reverse("activities:attendance_cell", args=[SLUG])
HTMX = {"HX-Request": "true"}
WRITERS = 6


def in_threads(work: list[Callable[[], Any]], timeout: float = 60) -> list[Any]:
    """Run each callable in its own thread, all released at once; their results."""
    start = threading.Barrier(len(work))
    results: list[Any] = [None] * len(work)

    def run(i: int) -> None:
        try:
            start.wait()
            results[i] = work[i]()
        except BaseException as exc:  # reported by the test, not lost in the thread
            results[i] = exc
        finally:
            connections.close_all()

    threads = [threading.Thread(target=run, args=(i,)) for i in range(len(work))]
    for t in threads:
        t.start()
    for t in threads:
        t.join(timeout)
    assert not any(t.is_alive() for t in threads), "a writer hung"
    return results


def writers(network: Network, org: Organisation, n: int) -> list[Client]:
    """``n`` core-team members of the network, each signed in with a client of their own."""
    clients = []
    for i in range(n):
        user = get_user_model().objects.create_user(f"kern{i}", f"kern{i}@example.org", PASSWORD)
        Member.objects.create(
            network=network,
            organisation=org,
            name=f"Kernlid {i}",
            role=Role.CORE_TEAM,
            joined_on=dt.date(2024, 1, 1),
            user=user,
        )
        client = Client(raise_request_exception=False)
        client.force_login(user)
        clients.append(client)
    return clients


@pytest.fixture
def grid(network_a: Network, org_a: Organisation) -> tuple[list[Member], list[Activity]]:
    members = [
        Member.objects.create(
            network=network_a,
            organisation=org_a,
            name=f"Deelnemer {i}",
            role=Role.PARTICIPANT,
            joined_on=dt.date(2024, 1, 1),
        )
        for i in range(6)
    ]
    activities = [
        Activity.objects.create(
            network=network_a,
            kind=ActivityKind.INFORMAL_MEETING,
            title=f"Koffie {i}",
            start=at(2025, 3, 3 + i),
            duration_minutes=60,
        )
        for i in range(4)
    ]
    return members, activities


def trail_is_unbroken(network: Network, stored: dict[tuple[int, int], int | None]) -> None:
    """Per cell, the audit trail is one chain: each change starts from where the
    previous one ended and the last ends at what is stored.  A lost update (two
    writers both starting from the same old status) breaks the chain; a doubled
    first save shows as two creates."""
    trail: dict[tuple[int, int], list[list[int | None]]] = defaultdict(list)
    entries = AuditEntry.objects.filter(network=network, object_type="attendance").order_by("id")
    for changes in entries.values_list("changes", flat=True):
        trail[(changes["member"], changes["activity"])].append(changes["status"])
    for key, steps in trail.items():
        assert steps[0][0] is None, f"cell {key} does not start empty: {steps}"
        for previous, step in itertools.pairwise(steps):
            assert step[0] == previous[1], f"cell {key} lost a write: {steps}"
        assert steps[-1][1] == stored.get(key), f"cell {key} ends elsewhere: {steps}"
    assert set(trail) == {k for k, s in stored.items() if s is not None}


def test_grids_saved_at_once_in_different_orders_all_succeed_and_lose_nothing(
    network_a: Network, org_a: Organisation, grid: tuple[list[Member], list[Activity]]
) -> None:
    members, activities = grid
    cells = [(m.pk, a.pk) for a in activities for m in members]
    clients = writers(network_a, org_a, WRITERS)

    def save(i: int, client: Client) -> list[int]:
        codes = []
        for round_ in range(3):
            # every writer its own order: forwards, backwards, interleaved
            order = cells[::-1] if i % 2 else cells
            order = order[i % 3 :] + order[: i % 3]
            status = (i + round_) % 4
            data = {f"s_{m}_{a}": str(status) for m, a in order}
            codes.append(client.post(GRID, data).status_code)
        return codes

    results = in_threads([lambda i=i, c=c: save(i, c) for i, c in enumerate(clients)])
    assert all(not isinstance(r, BaseException) for r in results), results
    assert {code for codes in results for code in codes} == {302}
    stored = {
        (m, a): s
        for m, a, s in Attendance.objects.values_list("member_id", "activity_id", "status")
    }
    assert len(stored) == len(cells) == Attendance.objects.count()
    trail_is_unbroken(network_a, stored)


def test_first_saves_of_one_cell_by_many_writers_at_once_never_collide(
    network_a: Network, org_a: Organisation, grid: tuple[list[Member], list[Activity]]
) -> None:
    members, activities = grid
    clients = writers(network_a, org_a, WRITERS)
    results: list[Any] = []
    for member, activity in [(members[0], activities[0]), (members[1], activities[1])]:
        name = f"s_{member.pk}_{activity.pk}"
        results += in_threads(
            [
                lambda c=c, i=i, n=name: c.post(CELL, {n: str(i % 4)}, headers=HTMX).status_code
                for i, c in enumerate(clients)
            ]
        )
    assert results == [200] * (2 * WRITERS)
    stored = {
        (m, a): s
        for m, a, s in Attendance.objects.values_list("member_id", "activity_id", "status")
    }
    assert len(stored) == 2
    assert AuditEntry.objects.filter(object_type="attendance", action="create").count() == 2
    trail_is_unbroken(network_a, stored)


@pytest.mark.skipif(
    connection.vendor == "sqlite", reason="SQLite has one writer at a time by design"
)
def test_a_writer_is_not_held_up_by_another_open_transaction_on_the_same_network(
    network_a: Network, alice: Any, grid: tuple[list[Member], list[Activity]]
) -> None:
    members, activities = grid
    first_wrote = threading.Event()
    second_done = threading.Event()
    while_open: list[bool] = []

    def slow_writer() -> None:
        with transaction.atomic():
            record_attendance(network_a, alice, activities[0], members[0], 3)
            first_wrote.set()
            # keeps its transaction open until the other writer is through (or gives up)
            while_open.append(second_done.wait(10))

    def quick_writer() -> bool:
        first_wrote.wait(10)
        record_attendance(network_a, alice, activities[1], members[1], 1)
        second_done.set()
        return True

    def slow_thread() -> None:
        try:
            slow_writer()
        finally:
            connections.close_all()

    slow = threading.Thread(target=slow_thread)
    slow.start()
    [quick] = in_threads([quick_writer], timeout=30)
    slow.join(30)
    assert quick is True
    assert while_open == [True], "the second writer waited for the first to commit"
    assert Attendance.objects.count() == 2


def test_a_grid_save_moves_the_data_version_once_after_it_commits(
    network_a: Network, alice: Any, grid: tuple[list[Member], list[Activity]]
) -> None:
    members, activities = grid
    client = Client()
    client.force_login(alice)
    told: list[tuple[int, int]] = []

    def listen(sender: Any, network_id: int, version: int, **kwargs: Any) -> None:
        told.append((network_id, version))

    data_changed.connect(listen)
    try:
        before = Network.objects.get(pk=network_a.pk).data_version
        data = {f"s_{m.pk}_{a.pk}": "3" for m in members for a in activities}
        assert client.post(GRID, data).status_code == 302
    finally:
        data_changed.disconnect(listen)
    assert Attendance.objects.count() == len(members) * len(activities)
    assert Network.objects.get(pk=network_a.pk).data_version == before + 1
    assert told == [(network_a.pk, before + 1)]


def test_the_data_version_stays_put_until_the_write_commits(
    network_a: Network, alice: Any, grid: tuple[list[Member], list[Activity]]
) -> None:
    members, activities = grid
    before = Network.objects.get(pk=network_a.pk).data_version

    def read() -> int:
        return Network.objects.get(pk=network_a.pk).data_version

    with transaction.atomic():
        record_attendance(network_a, alice, activities[0], members[0], 3)
        record_attendance(network_a, alice, activities[1], members[0], 3)
        assert read() == before
        [seen] = in_threads([read])
        assert seen == before
    assert read() == before + 1


def test_a_rolled_back_write_does_not_move_the_data_version(
    network_a: Network, alice: Any, grid: tuple[list[Member], list[Activity]]
) -> None:
    members, activities = grid
    before = Network.objects.get(pk=network_a.pk).data_version
    with pytest.raises(RuntimeError), transaction.atomic():
        record_attendance(network_a, alice, activities[0], members[0], 3)
        raise RuntimeError
    assert Network.objects.get(pk=network_a.pk).data_version == before
    with transaction.atomic():
        with pytest.raises(RuntimeError), transaction.atomic():
            record_attendance(network_a, alice, activities[0], members[0], 3)
            raise RuntimeError
        record_attendance(network_a, alice, activities[1], members[1], 2)
    assert Network.objects.get(pk=network_a.pk).data_version == before + 1
    assert list(Attendance.objects.values_list("member_id", flat=True)) == [members[1].pk]
