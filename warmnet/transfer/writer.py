"""Carry out a plan: bulk writes in dependency order, inside the caller's transaction.

Rows are created with ``bulk_create`` in batches (their new ids fill the
indexes, so later entities can point at them) and changed with ``bulk_update``
grouped by the fields that changed.  Attendance, which can run to millions of
rows, goes straight from the plan's arrays: on PostgreSQL by binary ``COPY`` into
a staging table and set-based statements from there (``bulk_pg``), elsewhere
in chunks through ``executemany``.
"""

from __future__ import annotations

import time
from collections import defaultdict
from collections.abc import Iterator
from typing import Any

import numpy as np
from django.db import connection, models

from warmnet.activities.models import Activity, Attendance
from warmnet.dossiers.models import HardMoment
from warmnet.network.models import Member, Network
from warmnet.transfer.attendance import AttendancePlan
from warmnet.transfer.bulk_pg import (
    copy_binary,
    copy_new_rows,
    copyable,
    lock_for_key_share,
    references_exist,
    replica_role,
)
from warmnet.transfer.plan import Changes, Plan

__all__ = ["write_plan"]

BATCH = 2_000
ATTENDANCE_CHUNK = 50_000
SQLITE_CACHE_KIB = 256 * 1024
# Fields that are not columns of the model and are written separately.
_M2M = {"parties"}


def write_plan(plan: Plan, timings: dict[str, float] | None = None) -> None:
    """Write ``plan``; with ``timings``, add the seconds each part took to it."""
    started = time.perf_counter()
    for changes in plan.changes.values():
        _write_records(plan.network, changes)
    records = time.perf_counter()
    if plan.attendance is not None:
        _write_attendance(plan.network, plan, plan.attendance)
    if timings is not None:
        timings["write records"] = records - started
        timings["write attendance"] = time.perf_counter() - records


def _columns(changes: Changes, values: dict[str, Any]) -> dict[str, Any]:
    """Model keyword arguments: refs turned into ids, m2m values left out."""
    out: dict[str, Any] = {}
    for name, value in values.items():
        if name in _M2M:
            continue
        index = changes.refs.get(name)
        if index is None:
            out[name] = value
        else:
            out[f"{name}_id"] = None if value is None else index.ids[value]
    return out


def _batches(items: list[Any], size: int = BATCH) -> Iterator[list[Any]]:
    for start in range(0, len(items), size):
        yield items[start : start + size]


def _concrete(field: Any) -> models.Field[Any, Any]:
    assert isinstance(field, models.Field)
    return field


def _adapter(field: models.Field[Any, Any]) -> Any:
    if isinstance(field, models.DateTimeField):
        return connection.ops.adapt_datetimefield_value
    if isinstance(field, models.DateField):
        return connection.ops.adapt_datefield_value
    return None


def _insert_returning_ids(
    model: type[models.Model], network: Network, names: list[str], rows: list[list[Any]]
) -> list[int]:
    """Multi-row ``INSERT ... RETURNING id``: what ``bulk_create`` does, without building a
    model instance and preparing every value through the ORM (ten times faster here)."""
    meta = model._meta
    fields = [_concrete(meta.get_field(name)) for name in names]
    assert meta.pk is not None
    adapters = [(i, a) for i, f in enumerate(fields) if (a := _adapter(f)) is not None]
    quote = connection.ops.quote_name
    columns = ", ".join(quote(c) for c in ["network_id", *(str(f.column) for f in fields)])
    width = len(fields) + 1
    per_statement = max(1, min(500, (connection.features.max_query_params or 999) // width))
    one = "(" + ", ".join(["%s"] * width) + ")"
    ids: list[int] = []
    with connection.cursor() as cursor:
        for batch in _batches(rows, per_statement):
            params: list[Any] = []
            for row in batch:
                for i, adapt in adapters:
                    row[i] = adapt(row[i])
                params.append(network.pk)
                params.extend(row)
            cursor.execute(
                f"INSERT INTO {quote(meta.db_table)} ({columns}) "
                f"VALUES {', '.join([one] * len(batch))} RETURNING {quote(str(meta.pk.column))}",
                params,
            )
            ids.extend(pk for (pk,) in cursor.fetchall())
    return ids


def _create(network: Network, changes: Changes) -> list[int]:
    names = [f for f in changes.fields if f not in _M2M]
    rows = []
    for _ref, values in changes.create:
        resolved = _columns(changes, dict(zip(changes.fields, values, strict=True)))
        rows.append([resolved[n if n not in changes.refs else f"{n}_id"] for n in names])
    if connection.vendor == "postgresql" and copyable(changes.model, names):
        return copy_new_rows(changes.model, network.pk, names, rows)
    if connection.features.can_return_rows_from_bulk_insert:
        return _insert_returning_ids(changes.model, network, names, rows)
    objects = [
        changes.model(network=network, **dict(zip(_attnames(changes, names), row, strict=True)))
        for row in rows
    ]
    changes.model._default_manager.bulk_create(objects, batch_size=BATCH)
    return [obj.pk for obj in objects]


def _attnames(changes: Changes, names: list[str]) -> list[str]:
    return [f"{n}_id" if n in changes.refs else n for n in names]


def _write_records(network: Network, changes: Changes) -> None:
    model = changes.model
    parties: dict[int, frozenset[int]] = {}
    if changes.create:
        ids = _create(network, changes)
        for (ref, values), pk in zip(changes.create, ids, strict=True):
            changes.index.ids[ref] = pk
            if "parties" in changes.fields:
                parties[pk] = values[changes.fields.index("parties")]
    groups: dict[tuple[str, ...], list[models.Model]] = defaultdict(list)
    for pk, diff in changes.update:
        if "parties" in diff:
            parties[pk] = diff["parties"]
        columns = _columns(changes, diff)
        if columns:
            fields = tuple(sorted(name.removesuffix("_id") for name in columns))
            groups[fields].append(model(pk=pk, **columns))
    for fields, objects in groups.items():
        model._default_manager.bulk_update(objects, list(fields), batch_size=BATCH)
    if parties:
        _write_parties(changes, parties)


def _write_parties(changes: Changes, parties: dict[int, frozenset[int]]) -> None:
    through = HardMoment.parties.through
    orgs = changes.refs.get("parties")
    assert orgs is not None
    through.objects.filter(hardmoment_id__in=list(parties)).delete()
    through.objects.bulk_create(
        [
            through(hardmoment_id=pk, organisation_id=orgs.ids[ref])
            for pk, refs in parties.items()
            for ref in refs
        ],
        batch_size=BATCH,
    )


def _ids(ids: list[int | None]) -> np.ndarray:
    return np.array([-1 if pk is None else pk for pk in ids], dtype=np.int64)


def _write_attendance(network: Network, plan: Plan, attendance: AttendancePlan) -> None:
    if connection.vendor == "postgresql":
        _attendance_postgresql(network, plan, attendance)
        return
    if connection.vendor != "sqlite":
        _insert_attendance(network, plan, attendance)
        return
    # Millions of rows land in five indexes, one of them keyed by member (random order):
    # with SQLite's default 2 MB page cache that thrashes, so give it room for this import.
    with connection.cursor() as cursor:
        cursor.execute("PRAGMA cache_size")
        (before,) = cursor.fetchone()
        cursor.execute(f"PRAGMA cache_size = {-SQLITE_CACHE_KIB}")
        try:
            _insert_attendance(network, plan, attendance)
        finally:
            cursor.execute(f"PRAGMA cache_size = {int(before)}")


def _created_ids(changes: Changes) -> np.ndarray:
    return np.array([changes.index.ids[ref] for ref, _values in changes.create], dtype=np.int64)


def _attendance_postgresql(network: Network, plan: Plan, attendance: AttendancePlan) -> None:
    """Binary COPY into staging tables, references checked and locked as sets, then
    set-based statements into the real table (see ``bulk_pg``)."""
    table = connection.ops.quote_name(Attendance._meta.db_table)
    activities, members = plan.changes["activities"], plan.changes["members"]
    activity_ids = _ids(activities.index.ids)[attendance.create_activity]
    member_ids = _ids(members.index.ids)[attendance.create_member]
    order = np.lexsort((member_ids, activity_ids))  # index order: fewer pages touched
    activity_ids, member_ids = activity_ids[order], member_ids[order]
    statuses = attendance.create_status[order]
    new_activities, new_members = _created_ids(activities), _created_ids(members)
    # A pair with an activity or a member this import creates cannot exist elsewhere
    # yet: no other transaction sees those rows.  Only the other pairs can meet a
    # concurrent first save, and only they need the unique key as arbiter.
    fresh = np.isin(activity_ids, new_activities) | np.isin(member_ids, new_members)
    with connection.cursor() as cursor:
        if activity_ids.size:
            cursor.execute(
                "CREATE TEMP TABLE warmnet_stage_attendance (activity_id bigint NOT NULL, "
                "member_id bigint NOT NULL, status smallint NOT NULL, fresh smallint NOT NULL) "
                "ON COMMIT DROP"
            )
            copy_binary(
                cursor,
                "warmnet_stage_attendance",
                [
                    ("activity_id", "bigint"),
                    ("member_id", "bigint"),
                    ("status", "smallint"),
                    ("fresh", "smallint"),
                ],
                [activity_ids, member_ids, statuses, fresh.astype(np.int64)],
            )
            referred = [
                (Activity, np.unique(activity_ids), new_activities),
                (Member, np.unique(member_ids), new_members),
            ]
            with replica_role(cursor) as unchecked:
                if unchecked:
                    # The rows this import created are its own; lock the others first,
                    # so none can go between the check below and the insert.
                    lock_for_key_share(cursor, Network._meta.db_table, np.array([network.pk]))
                    for model, ids, new in referred:
                        lock_for_key_share(cursor, model._meta.db_table, np.setdiff1d(ids, new))
                for model, ids, _new in referred:
                    references_exist(cursor, model._meta.db_table, ids, network.pk)
                columns = f"INSERT INTO {table} (network_id, activity_id, member_id, status) "
                cursor.execute(
                    columns + "SELECT %s, activity_id, member_id, status "
                    "FROM warmnet_stage_attendance WHERE fresh = 1",
                    [network.pk],
                )
                if not fresh.all():
                    cursor.execute(
                        columns + "SELECT %s, activity_id, member_id, status "
                        "FROM warmnet_stage_attendance WHERE fresh = 0 "
                        "ON CONFLICT (activity_id, member_id) DO UPDATE SET status = "
                        f"EXCLUDED.status WHERE {table}.status IS DISTINCT FROM EXCLUDED.status",
                        [network.pk],
                    )
        if attendance.update_id.size:
            cursor.execute(
                "CREATE TEMP TABLE warmnet_stage_status (id bigint NOT NULL, "
                "status smallint NOT NULL) ON COMMIT DROP"
            )
            copy_binary(
                cursor,
                "warmnet_stage_status",
                [("id", "bigint"), ("status", "smallint")],
                [attendance.update_id, attendance.update_status],
            )
            cursor.execute(
                f"UPDATE {table} a SET status = s.status FROM warmnet_stage_status s "
                "WHERE a.id = s.id AND a.network_id = %s",
                [network.pk],
            )


def _insert_attendance(network: Network, plan: Plan, attendance: AttendancePlan) -> None:
    table = connection.ops.quote_name(Attendance._meta.db_table)
    activity_ids = _ids(plan.changes["activities"].index.ids)[attendance.create_activity]
    member_ids = _ids(plan.changes["members"].index.ids)[attendance.create_member]
    statuses = attendance.create_status
    with connection.cursor() as cursor:
        for start in range(0, activity_ids.size, ATTENDANCE_CHUNK):
            stop = start + ATTENDANCE_CHUNK
            rows = zip(
                [network.pk] * (min(stop, activity_ids.size) - start),
                activity_ids[start:stop].tolist(),
                member_ids[start:stop].tolist(),
                statuses[start:stop].tolist(),
                strict=True,
            )
            columns = "(network_id, activity_id, member_id, status)"
            if connection.vendor == "sqlite":
                # the driver's own executemany: Django's wrapper costs as much again per row
                connection.connection.executemany(
                    f"INSERT INTO {table} {columns} VALUES (?, ?, ?, ?)", rows
                )
            else:
                cursor.executemany(
                    f"INSERT INTO {table} {columns} VALUES (%s, %s, %s, %s)", list(rows)
                )
        for status in np.unique(attendance.update_status).tolist():
            ids = attendance.update_id[attendance.update_status == status].tolist()
            for batch in _batches(ids, 500):
                marks = ", ".join(["%s"] * len(batch))
                cursor.execute(
                    f"UPDATE {table} SET status = %s WHERE id IN ({marks})", [status, *batch]
                )
