"""Write a generated network into the database in bulk, in one transaction.

No ORM object per row: each table goes in as columns.  SQLite gets ``executemany``
on the raw connection (one transaction, a large page cache); PostgreSQL gets
``COPY FROM STDIN`` - binary, built by numpy, for the all-integer attendance table,
text rows for the rest.  Table and column names come from the models' ``_meta``.
Ids are taken up front (past the table's highest id and sequence on SQLite, from the
id sequence on PostgreSQL) so that rows can refer to each other without a round trip.
"""

from __future__ import annotations

import time
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from typing import Any

import numpy as np
import numpy.typing as npt
from django.apps import apps
from django.db import models, transaction
from django.db.backends.base.base import BaseDatabaseWrapper

from warmnet.activities.models import Activity, Attendance, Contact
from warmnet.dossiers.models import (
    Dossier,
    HardMoment,
    Milestone,
    Point,
    PointStatusChange,
    Position,
)
from warmnet.generate.result import GeneratedNetwork
from warmnet.network.models import Member, Network, Organisation

__all__ = ["NetworkExists", "WriteReport", "delete_network", "write_network"]

Column = npt.NDArray[Any] | Sequence[Any]
#: From this many rows, a PostgreSQL COPY goes in with the table's foreign keys dropped.
BIG = 100_000


class NetworkExists(Exception):
    """A network with that slug exists and ``replace`` was not asked for."""


@dataclass
class WriteReport:
    network: Network
    counts: dict[str, int]
    #: Seconds per stage, in order.
    seconds: dict[str, float] = field(default_factory=dict)


def _fk(ids: npt.NDArray[np.int64], rows: npt.NDArray[np.int64]) -> list[int | None]:
    """Database ids for row positions; -1 becomes NULL."""
    rows = np.asarray(rows, dtype=np.int64)
    out: list[int | None] = np.where(rows >= 0, ids[np.maximum(rows, 0)], 0).tolist()
    if (rows < 0).any():
        for i in np.flatnonzero(rows < 0).tolist():
            out[i] = None
    return out


def _dates(values: npt.NDArray[np.datetime64]) -> list[str | None]:
    text = np.datetime_as_string(values.astype("datetime64[D]")).tolist()
    return [None if t == "NaT" else t for t in text]


def _floats(values: npt.NDArray[np.float64]) -> list[float | None]:
    return [None if v != v else v for v in values.tolist()]  # NaN -> NULL


def _column(model: type[models.Model], name: str | None = None) -> str:
    """The database column of field ``name`` (default: the primary key)."""
    f = model._meta.pk if name is None else model._meta.get_field(name)
    column = getattr(f, "column", None)
    if not isinstance(column, str):
        raise ValueError(f"{model._meta.label}.{name}: not a column")
    return column


class _Inserter:
    """Inserts columns into one model's table on the connection's backend."""

    def __init__(self, connection: BaseDatabaseWrapper) -> None:
        self.connection = connection
        #: Foreign keys dropped for a bulk COPY, to add back before the commit.
        self._readd: list[str] = []
        self.vendor = connection.vendor
        if self.vendor not in ("sqlite", "postgresql"):
            raise NotImplementedError(f"bulk writing is not implemented for {self.vendor}")

    def datetimes(self, values: npt.NDArray[np.datetime64]) -> list[str]:
        if self.vendor == "postgresql":
            return np.datetime_as_string(values, unit="s", timezone="UTC").tolist()
        # Django keeps aware datetimes on SQLite as naive UTC text
        return [t.replace("T", " ") for t in np.datetime_as_string(values, unit="s").tolist()]

    def reserve_ids(self, model: type[models.Model], n: int) -> npt.NDArray[np.int64]:
        table = model._meta.db_table
        pk = _column(model)
        qn = self.connection.ops.quote_name
        with self.connection.cursor() as cur:
            if self.vendor == "postgresql":
                cur.execute(
                    "SELECT nextval(pg_get_serial_sequence(%s, %s)) FROM generate_series(1, %s)",
                    [table, pk, n],
                )
                return np.array([r[0] for r in cur.fetchall()], dtype=np.int64)
            # the transaction holds SQLite's write lock, so nobody takes these meanwhile
            cur.execute(f"SELECT COALESCE(MAX({qn(pk)}), 0) FROM {qn(table)}")
            top = int(cur.fetchone()[0])
            cur.execute("SELECT name FROM sqlite_master WHERE name = 'sqlite_sequence'")
            if cur.fetchone():
                cur.execute("SELECT seq FROM sqlite_sequence WHERE name = %s", [table])
                row = cur.fetchone()
                top = max(top, int(row[0]) if row else 0)
        return np.arange(top + 1, top + 1 + n, dtype=np.int64)

    def insert(
        self,
        model: type[models.Model],
        columns: dict[str, Column],
        ids: npt.NDArray[np.int64] | None = None,
    ) -> int:
        """Insert rows given as ``{field name: column}``; fields left out get their default
        (or NULL).  Returns the number of rows."""
        opts = model._meta
        n = len(next(iter(columns.values())))
        names: list[str] = []
        values: list[Column] = []
        if ids is not None:
            names.append(_column(model))
            values.append(ids)
        given = set(columns)
        for f in opts.concrete_fields:
            if f.primary_key:
                continue
            if f.name in given:
                names.append(_column(model, f.name))
                values.append(columns[f.name])
            elif f.has_default() or (f.empty_strings_allowed and not f.null):  # "" for text
                names.append(_column(model, f.name))
                values.append([f.get_db_prep_save(f.get_default(), self.connection)] * n)
            elif not f.null:
                raise ValueError(f"{opts.label}.{f.name}: no value and no default")
        unknown = given - {f.name for f in opts.concrete_fields}
        if unknown:
            raise ValueError(f"{opts.label}: unknown field(s) {sorted(unknown)}")
        if n == 0:
            return 0
        if self.vendor == "postgresql":
            self._copy(opts.db_table, names, values, model)
        else:
            self._executemany(opts.db_table, names, values)
        return n

    def _rows(self, values: list[Column]) -> Iterator[tuple[Any, ...]]:
        lists = [v.tolist() if isinstance(v, np.ndarray) else v for v in values]
        return zip(*lists, strict=True)

    def _executemany(self, table: str, names: list[str], values: list[Column]) -> None:
        qn = self.connection.ops.quote_name
        sql = (
            f"INSERT INTO {qn(table)} ({', '.join(qn(c) for c in names)}) "
            f"VALUES ({', '.join('?' for _ in names)})"
        )
        if len(values[0]) >= BIG and self.connection.in_atomic_block:
            with self.connection.cursor() as cur:
                _drop_indexes(cur, table, self.vendor, self._readd)
        raw = self.connection.connection  # the sqlite3.Connection: no per-row wrapper cost
        raw.executemany(sql, self._rows(values))

    def _copy(
        self, table: str, names: list[str], values: list[Column], model: type[models.Model]
    ) -> None:
        qn = self.connection.ops.quote_name
        cols = ", ".join(qn(c) for c in names)
        binary = _binary_layout(model, names, values, self.connection)
        with self.connection.cursor() as cur:
            raw = cur.cursor  # psycopg's cursor
            if len(values[0]) >= BIG and self.connection.in_atomic_block:
                _drop_foreign_keys(cur, table, qn, self._readd)
                _drop_indexes(cur, table, self.vendor, self._readd)
            if binary is not None:
                with raw.copy(f"COPY {qn(table)} ({cols}) FROM STDIN (FORMAT BINARY)") as copy:
                    for chunk in _binary_chunks(binary, values):
                        copy.write(chunk)
                return
            with raw.copy(f"COPY {qn(table)} ({cols}) FROM STDIN") as copy:
                for row in self._rows(values):
                    copy.write_row(row)

    def finish(self) -> None:
        """Add back what bulk copies dropped: indexes (one sorted build each), then foreign
        keys (one validating join each)."""
        with self.connection.cursor() as cur:
            for statement in self._readd:
                cur.execute(statement)
        self._readd.clear()


def _drop_indexes(cur: Any, table: str, vendor: str, readd: list[str]) -> None:
    """Drop ``table``'s plain indexes (not those behind a key or unique constraint) for the
    rest of the transaction; building one afterwards is far cheaper than updating it per
    row.  Re-created with their exact definitions by :meth:`_Inserter.finish`."""
    if vendor == "postgresql":
        cur.execute(
            "SELECT i.indexrelid::regclass::text, pg_get_indexdef(i.indexrelid) FROM pg_index i "
            "WHERE i.indrelid = %s::regclass AND NOT EXISTS "
            "(SELECT 1 FROM pg_constraint c WHERE c.conindid = i.indexrelid)",
            [f'"{table}"'],
        )
    else:  # SQLite keeps no SQL for the indexes behind constraints
        cur.execute(
            "SELECT name, sql FROM sqlite_master "
            "WHERE type = 'index' AND tbl_name = %s AND sql IS NOT NULL",
            [table],
        )
    for name, definition in cur.fetchall():
        quoted = name if name.startswith('"') else f'"{name}"'
        cur.execute(f"DROP INDEX {quoted}")
        readd.append(definition)


def _drop_foreign_keys(cur: Any, table: str, qn: Any, readd: list[str]) -> None:
    """Drop ``table``'s foreign keys for the rest of the transaction.

    Django's foreign keys on PostgreSQL are deferred: every copied row queues three
    checks that run one by one at commit (minutes at two million rows).  Adding a key
    back checks the whole table in one join instead.  Drop and add happen inside the
    writer's transaction, so a failure leaves the schema as it was; the table is locked
    for writes by others until the commit.
    """
    cur.execute(
        "SELECT conname, pg_get_constraintdef(oid) FROM pg_constraint "
        "WHERE conrelid = %s::regclass AND contype = 'f'",
        [qn(table)],
    )
    for name, definition in cur.fetchall():
        cur.execute(f"ALTER TABLE {qn(table)} DROP CONSTRAINT {qn(name)}")
        readd.append(f"ALTER TABLE {qn(table)} ADD CONSTRAINT {qn(name)} {definition}")


_BINARY_TYPES = {"bigint": ">i8", "integer": ">i4", "smallint": ">i2"}


def _binary_layout(
    model: type[models.Model],
    names: list[str],
    values: list[Column],
    connection: BaseDatabaseWrapper,
) -> list[str] | None:
    """Big-endian numpy types of the columns when all are non-null integers; else None."""
    by_column = {f.column: f for f in model._meta.concrete_fields}
    layout = []
    for name, value in zip(names, values, strict=True):
        f = by_column[name]
        db_type = (f.rel_db_type(connection) if f.is_relation else f.db_type(connection)) or ""
        base = db_type.split()[0].lower()
        if base not in _BINARY_TYPES or not isinstance(value, np.ndarray):
            return None
        if value.dtype.kind not in "iu":
            return None
        layout.append(_BINARY_TYPES[base])
    return layout


def _binary_chunks(layout: list[str], values: list[Column]) -> Iterable[bytes]:
    """PostgreSQL's binary COPY stream, built by numpy: each tuple is a field count, then
    per field its byte length and its big-endian value."""
    fields: list[tuple[str, str]] = [("count", ">i2")]
    for i, t in enumerate(layout):
        fields += [(f"len{i}", ">i4"), (f"val{i}", t)]
    dtype = np.dtype(fields)
    n = len(values[0])
    yield b"PGCOPY\n\xff\r\n\x00" + np.array([0, 0], dtype=">i4").tobytes()
    for lo in range(0, n, 1_000_000):
        hi = min(n, lo + 1_000_000)
        rec = np.empty(hi - lo, dtype=dtype)
        rec["count"] = len(layout)
        for i, t in enumerate(layout):
            rec[f"len{i}"] = np.dtype(t).itemsize
            rec[f"val{i}"] = np.asarray(values[i])[lo:hi]
        yield rec.tobytes()
    yield np.array([-1], dtype=">i2").tobytes()


def _referencing(model: type[models.Model]) -> set[type[models.Model]]:
    """Every model with a foreign key to ``model`` (auto-created M2M tables included)."""
    out = set()
    for m in apps.get_models(include_auto_created=True):
        for f in m._meta.concrete_fields:
            if f.is_relation and f.remote_field and f.remote_field.model is model:
                out.add(m)
    return out


def _delete_hangers_on(
    network: Network, order: list[type[models.Model]]
) -> set[type[models.Model]]:
    """Rows of other apps that point at this network's rows (invitations, calendar entries,
    mails): removed through Django first, so the big tables still go by one DELETE each."""
    ours = {*order, Network}
    cleared: set[type[models.Model]] = set()
    for model in order:
        if not any(f.name == "network" for f in model._meta.concrete_fields):
            continue
        for other in _referencing(model) - ours:
            for f in other._meta.concrete_fields:
                if f.is_relation and f.remote_field and f.remote_field.model is model:
                    other._default_manager.filter(**{f"{f.name}__network": network}).delete()
                    cleared.add(other)
    return cleared


def delete_network(network: Network) -> None:
    """Delete a network and everything in it.  The big tables go by one DELETE each;
    what is left (and anything a later app hangs off a network) by Django's cascade."""
    connection = transaction.get_connection(network._state.db or "default")
    qn = connection.ops.quote_name
    parties = HardMoment.parties.through
    order: list[type[models.Model]] = [
        Attendance, Contact, Position, parties, Milestone, PointStatusChange, Point, HardMoment,
        Activity,
        Member, Dossier, Organisation,
    ]  # fmt: skip
    gone: set[type[models.Model]] = set()
    with transaction.atomic(using=network._state.db), connection.cursor() as cur:
        gone |= _delete_hangers_on(network, order)
        for model in order:
            if not _referencing(model) <= gone | {model}:
                break  # something else points here: let the cascade handle the rest
            table = qn(model._meta.db_table)
            if model is parties:
                sub = (
                    f"SELECT {qn(_column(HardMoment))} FROM {qn(HardMoment._meta.db_table)} "
                    f"WHERE {qn(_column(HardMoment, 'network'))} = %s"
                )
                col = _column(parties, "hardmoment")
                cur.execute(f"DELETE FROM {table} WHERE {qn(col)} IN ({sub})", [network.pk])
            else:
                col = _column(model, "network")
                cur.execute(f"DELETE FROM {table} WHERE {qn(col)} = %s", [network.pk])
            gone.add(model)
        network.delete()


def write_network(
    generated: GeneratedNetwork,
    slug: str,
    *,
    name: str | None = None,
    replace: bool = False,
    using: str = "default",
) -> WriteReport:
    """Store ``generated`` as a new network ``slug``, all or nothing."""
    connection = transaction.get_connection(using)
    ins = _Inserter(connection)
    seconds: dict[str, float] = {}
    clock = time.perf_counter()

    def lap(stage: str) -> None:
        nonlocal clock
        now = time.perf_counter()
        seconds[stage] = now - clock
        clock = now

    pragmas = _sqlite_pragmas(connection)
    try:
        with transaction.atomic(using=using):
            existing = Network.objects.using(using).filter(slug=slug).first()
            if existing is not None:
                if not replace:
                    raise NetworkExists(slug)
                delete_network(existing)
                lap("delete")
            if connection.vendor == "postgresql":
                # check as we go, so no queued checks stand in the way of dropping keys
                with connection.cursor() as cur:
                    cur.execute("SET CONSTRAINTS ALL IMMEDIATE")
            network = Network.objects.using(using).create(
                name=(name or generated.name)[:200],
                slug=slug,
                description=generated.description,
            )
            counts = _write_rows(ins, generated, network.pk, lap)
            ins.finish()
            lap("check foreign keys")
            if connection.vendor == "postgresql":
                with connection.cursor() as cur:
                    cur.execute("SET CONSTRAINTS ALL DEFERRED")  # Django's keys' own mode
            network.bump_data_version()  # cached analyses of a replaced network go stale
        lap("commit")
        big = counts["attendance"] >= BIG
        if connection.vendor == "postgresql" and big and not connection.in_atomic_block:
            # Fresh statistics and visibility map: the planner otherwise misjudges the
            # new rows and the loader's covering index cannot answer on its own.
            table = connection.ops.quote_name(Attendance._meta.db_table)
            with connection.cursor() as cur:
                cur.execute(f"VACUUM ANALYZE {table}")
            lap("vacuum analyze")
    finally:
        _restore_pragmas(connection, pragmas)
    network.refresh_from_db(fields=["data_version"])
    seconds["total"] = sum(seconds.values())
    return WriteReport(network=network, counts=counts, seconds=seconds)


def _write_rows(ins: _Inserter, g: GeneratedNetwork, network_id: int, lap: Any) -> dict[str, int]:
    d = g.data

    def net(n: int) -> npt.NDArray[np.int64]:
        return np.full(n, network_id, dtype=np.int64)

    org_ids = ins.reserve_ids(Organisation, d.n_orgs)
    ins.insert(
        Organisation,
        {"network": net(d.n_orgs), "name": d.org_name, "kind": d.org_kind.astype(np.int64)},
        org_ids,
    )
    n_dossiers = int(d.dossier_id.size)
    dossier_ids = ins.reserve_ids(Dossier, n_dossiers)
    ins.insert(
        Dossier,
        {
            "network": net(n_dossiers),
            "name": d.dossier_name,
            "description": g.dossier_description,
        },
        dossier_ids,
    )
    member_ids = ins.reserve_ids(Member, d.n_members)
    ins.insert(
        Member,
        {
            "network": net(d.n_members),
            "organisation": org_ids[d.member_org],
            "name": d.member_name,
            "email": g.member_email,
            "role": d.member_role.astype(np.int64),
            "joined_on": _dates(d.member_joined),
            "left_on": _dates(d.member_left),
        },
        member_ids,
    )
    lap("organisations, dossiers, members")

    activity_ids = ins.reserve_ids(Activity, d.n_activities)
    ins.insert(
        Activity,
        {
            "network": net(d.n_activities),
            "kind": d.activity_kind.astype(np.int64),
            "title": d.activity_title,
            "start": ins.datetimes(d.activity_start),
            "duration_minutes": g.activity_minutes,
            "location": g.activity_location,
            "host_organisation": _fk(org_ids, d.activity_host_org),
            "dossier": _fk(dossier_ids, d.activity_dossier),
            "relationship_share": _floats(g.activity_share_override),
        },
        activity_ids,
    )
    lap("activities")

    n_att = int(d.attendance_member.size)
    ins.insert(
        Attendance,
        {
            "network": net(n_att),
            "activity": activity_ids[d.attendance_activity],
            "member": member_ids[d.attendance_member],
            "status": d.attendance_status.astype(np.int64),
        },
    )
    lap("attendance")

    n_contacts = int(d.contact_a.size)
    ins.insert(
        Contact,
        {
            "network": net(n_contacts),
            "member_a": member_ids[d.contact_a],
            "member_b": member_ids[d.contact_b],
            "date": _dates(d.contact_date),
            "channel": g.contact_channel.astype(np.int64),
            "note": g.contact_note,
        },
    )
    lap("contacts")

    n_points = int(d.point_id.size)
    point_ids = ins.reserve_ids(Point, n_points)
    ins.insert(
        Point,
        {
            "network": net(n_points),
            "dossier": dossier_ids[d.point_dossier],
            "title": d.point_title,
            "kind": d.point_kind.astype(np.int64),
            "status": d.point_status.astype(np.int64),
            "opened_on": _dates(d.point_opened),
            "status_since": _dates(d.point_status_since),
            "description": g.point_description,
        },
        point_ids,
    )
    n_pos = int(d.position_point.size)
    ins.insert(
        Position,
        {
            "network": net(n_pos),
            "point": point_ids[d.position_point],
            "member": _fk(member_ids, d.position_member),
            "organisation": _fk(org_ids, d.position_org),
            "stance": d.position_stance.astype(np.int64),
            "date": _dates(d.position_date),
            "note": g.position_note,
        },
    )
    n_ms = int(d.milestone_id.size)
    ins.insert(
        Milestone,
        {
            "network": net(n_ms),
            "dossier": _fk(dossier_ids, d.milestone_dossier),
            "kind": d.milestone_kind.astype(np.int64),
            "title": d.milestone_title,
            "date": _dates(d.milestone_date),
        },
    )
    n_hm = int(d.hard_moment_id.size)
    hm_ids = ins.reserve_ids(HardMoment, n_hm)
    ins.insert(
        HardMoment,
        {
            "network": net(n_hm),
            "title": d.hard_moment_title,
            "date": _dates(d.hard_moment_date),
            "description": g.hard_moment_description,
            "outcome": d.hard_moment_outcome.astype(np.int64),
        },
        hm_ids,
    )
    ins.insert(
        HardMoment.parties.through,
        {
            "hardmoment": hm_ids[g.hard_moment_party_moment],
            "organisation": org_ids[g.hard_moment_party_org],
        },
    )
    lap("content track")
    return g.counts()


def _sqlite_pragmas(connection: BaseDatabaseWrapper) -> dict[str, Any]:
    """A big page cache and in-memory temp store for the index builds of a bulk insert."""
    if connection.vendor != "sqlite":
        return {}
    settings = [("cache_size", -262_144)]
    if not connection.in_atomic_block:  # SQLite refuses this one inside a transaction
        settings.append(("temp_store", 2))
    old = {}
    with connection.cursor() as cur:
        for pragma, value in settings:
            cur.execute(f"PRAGMA {pragma}")
            old[pragma] = cur.fetchone()[0]
            cur.execute(f"PRAGMA {pragma} = {value}")
    return old


def _restore_pragmas(connection: BaseDatabaseWrapper, old: dict[str, Any]) -> None:
    if old:
        with connection.cursor() as cur:
            for pragma, value in old.items():
                cur.execute(f"PRAGMA {pragma} = {int(value)}")
