"""Load one network from the database into the engine's columnar input.

This is the only place that turns database rows into :class:`NetworkData`.
It never builds an ORM object per row: each table is read as columns.

- PostgreSQL: one query on Django's own connection (so it sees the current
  transaction) that returns each column packed into one binary string of
  big-endian int8/float8 values, read with ``numpy.frombuffer``; every column is
  selected as a non-null int8/float8.
- SQLite: the same idea on Django's own connection: each column comes back as
  one comma-separated text (``group_concat``), parsed by numpy in one call.

Timestamps arrive as epoch seconds and dates as days since 1970-01-01, computed
in SQL, so no string is parsed per row.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

import numpy as np
import psycopg
from django.db import connections, models

from warmnet.activities.models import DEFAULT_RELATIONSHIP_SHARE, Activity, Attendance, Contact
from warmnet.dossiers.models import (
    Dossier,
    HardMoment,
    Milestone,
    Point,
    PointStatusChange,
    Position,
)
from warmnet.engine.data import NetworkData
from warmnet.network.models import Member, Network, Organisation

__all__ = ["load_network", "row_positions"]

NULL = -1
# Stand-in for a missing date/time in the integer columns (NaT after conversion).
MISSING = -(2**62)


class _Dialect:
    def __init__(self, vendor: str) -> None:
        self.vendor = vendor

    def epoch_seconds(self, column: str) -> str:
        if self.vendor == "postgresql":
            return f"COALESCE(EXTRACT(EPOCH FROM {column})::int8, {MISSING})"
        # julianday keeps milliseconds; rounding gives whole seconds back exactly
        return (
            f"COALESCE(CAST(ROUND((julianday({column}) - 2440587.5) * 86400) AS INTEGER), "
            f"{MISSING})"
        )

    def epoch_days(self, column: str) -> str:
        if self.vendor == "postgresql":
            return f"COALESCE(({column} - DATE '1970-01-01')::int8, {MISSING})"
        return f"COALESCE(CAST(julianday({column}) - 2440587.5 AS INTEGER), {MISSING})"

    def int_(self, column: str) -> str:
        if self.vendor == "postgresql":
            return f"COALESCE({column}, {NULL})::int8"
        return f"COALESCE({column}, {NULL})"

    def float_(self, column: str) -> str:
        if self.vendor == "postgresql":
            return f"COALESCE({column}, 'NaN')::float8"
        return f"COALESCE({column}, -1.0)"


def _table(model: type[models.Model]) -> str:
    return model._meta.db_table


def _col(model: type[models.Model], field: str) -> str:
    return str(model._meta.get_field(field).column)  # type: ignore[union-attr]


def _read_postgres(conn: Any, sql: str, params: Sequence[Any], kinds: str) -> list[np.ndarray]:
    """Read int8 ('i') / float8 ('f') columns as one binary string per column.

    The server packs each column into a single ``bytea`` of big-endian values
    (``string_agg`` of ``int8send`` / ``float8send``), fetched in binary, so the client
    handles a handful of values instead of a message per row (``COPY`` yields one per
    row, and iterating over two million of them in Python costs seconds).  All the
    aggregates of one query see the rows in the same order, so the columns stay aligned.
    """
    names = [f"c{i}" for i in range(len(kinds))]
    packed = ", ".join(
        f"string_agg(int8send({n}::int8), '')"
        if k == "i"
        else f"string_agg(float8send({n}::float8), '')"
        for n, k in zip(names, kinds, strict=True)
    )
    raw = conn.connection  # the psycopg connection under Django's wrapper
    # a plain (server-binding) cursor: Django's default client-side one cannot ask for
    # binary results
    with psycopg.Cursor(raw) as cursor:
        cursor.execute(
            f"SELECT {packed} FROM ({sql}) AS q({', '.join(names)})", params, binary=True
        )
        row = cursor.fetchone() or [None] * len(kinds)  # aggregates give one row
    return [
        np.frombuffer(b"" if blob is None else blob, dtype=">i8" if k == "i" else ">f8").astype(
            "int64" if k == "i" else "float64"
        )
        for blob, k in zip(row, kinds, strict=True)
    ]


def _read_sqlite(conn: Any, sql: str, params: Sequence[Any], kinds: str) -> list[np.ndarray]:
    """Read integer ('i') / real ('f') columns as one comma-separated text per column.

    SQLite concatenates each column in C (``group_concat``) and numpy parses the
    text in C, so Python never sees a row: about three times faster than
    ``fetchall`` at two million rows.  It runs on Django's own connection, so it
    sees the current transaction and shares SQLite's file locks; a second SQLite
    library in the process (a columnar driver) would drop those locks when it
    closes the file and corrupt the database under a live server.  Reals arrive
    with SQLite's 15 significant digits, plenty for a share between 0 and 1.
    """
    names = [f"c{i}" for i in range(len(kinds))]
    packed = ", ".join(f"group_concat({n})" for n in names)
    with conn.cursor() as cursor:
        cursor.execute(f"WITH q({', '.join(names)}) AS ({sql}) SELECT {packed} FROM q", params)
        row = cursor.fetchone() or [None] * len(kinds)
    return [
        np.fromstring(text or "", dtype="int64" if k == "i" else "float64", sep=",")
        if text
        else np.empty(0, "int64" if k == "i" else "float64")
        for text, k in zip(row, kinds, strict=True)
    ]


def _read(conn: Any, sql: str, params: Sequence[Any], kinds: str) -> list[np.ndarray]:
    conn.ensure_connection()
    if conn.vendor == "postgresql":
        return _read_postgres(conn, sql, params, kinds)
    return _read_sqlite(conn, sql, params, kinds)


def _days(values: np.ndarray) -> np.ndarray:
    out = values.astype("datetime64[D]")
    out[values == MISSING] = np.datetime64("NaT")
    return out


def _seconds(values: np.ndarray) -> np.ndarray:
    out = values.astype("datetime64[s]")
    out[values == MISSING] = np.datetime64("NaT")
    return out


def row_positions(ids: np.ndarray, refs: np.ndarray) -> np.ndarray:
    """Map database ids in ``refs`` to row positions in the sorted ``ids`` (-1 stays -1)."""
    if ids.size == 0:
        return np.full(refs.shape, -1, dtype="int64")
    low, span = int(ids[0]), int(ids[-1]) - int(ids[0]) + 1
    if span <= 4 * ids.size + 1024:
        # ids are nearly consecutive (they are handed out in order): a lookup table is a
        # plain gather, several times faster than bisecting for millions of references
        table = np.full(span, -1, dtype="int64")
        table[ids - low] = np.arange(ids.size)
        offset = refs - low
        inside = (offset >= 0) & (offset < span)
        return np.where(inside, table[np.where(inside, offset, 0)], -1).astype("int64")
    pos = np.searchsorted(ids, refs)
    pos = np.clip(pos, 0, ids.size - 1)
    found = ids[pos] == refs
    return np.where(found, pos, -1).astype("int64")


def load_network(network: Network, using: str = "default") -> NetworkData:
    """Everything the engine needs about ``network``, as columns, in a few queries."""
    conn = connections[using]
    d = _Dialect(conn.vendor)
    nid = [network.pk]

    orgs = list(
        Organisation.objects.using(using)
        .filter(network=network)
        .order_by("id")
        .values_list("id", "kind", "name")
    )
    org_id = np.array([o[0] for o in orgs], dtype="int64")

    members = list(
        Member.objects.using(using)
        .filter(network=network)
        .order_by("id")
        .values_list("id", "organisation_id", "role", "joined_on", "left_on", "name")
    )
    member_id = np.array([m[0] for m in members], dtype="int64")
    nat = np.datetime64("NaT")

    act = Activity
    act_id, kind, share, start, minutes, host, dossier = _read(
        conn,
        f"SELECT id, {d.int_(_col(act, 'kind'))}, {d.float_(_col(act, 'relationship_share'))}, "
        f"{d.epoch_seconds(_col(act, 'start'))}, {d.int_(_col(act, 'duration_minutes'))}, "
        f"{d.int_(_col(act, 'host_organisation'))}, {d.int_(_col(act, 'dossier'))} "
        f"FROM {_table(act)} WHERE {_col(act, 'network')} = %s ORDER BY id",
        nid,
        "iifiiii",
    )
    if act_id.size > 1 and not (np.diff(act_id) > 0).all():
        # the database is free to aggregate in another order than the subquery's
        order = np.argsort(act_id, kind="stable")
        act_id, kind, share, start = act_id[order], kind[order], share[order], start[order]
        minutes, host, dossier = minutes[order], host[order], dossier[order]
    defaults = np.zeros(max(DEFAULT_RELATIONSHIP_SHARE) + 1)
    for k, v in DEFAULT_RELATIONSHIP_SHARE.items():
        defaults[k] = v
    missing_share = np.isnan(share) | (share < 0)
    share = np.where(missing_share, defaults[kind], share)

    att = Attendance
    att_member, att_activity, att_status = _read(
        conn,
        f"SELECT {_col(att, 'member')}, {_col(att, 'activity')}, {d.int_(_col(att, 'status'))} "
        f"FROM {_table(att)} WHERE {_col(att, 'network')} = %s",
        nid,
        "iii",
    )

    con = Contact
    c_a, c_b, c_date = _read(
        conn,
        f"SELECT {_col(con, 'member_a')}, {_col(con, 'member_b')}, "
        f"{d.epoch_days(_col(con, 'date'))} "
        f"FROM {_table(con)} WHERE {_col(con, 'network')} = %s",
        nid,
        "iii",
    )

    dossiers = list(
        Dossier.objects.using(using)
        .filter(network=network)
        .order_by("id")
        .values_list("id", "name")
    )
    dossier_id = np.array([x[0] for x in dossiers], dtype="int64")
    points = list(
        Point.objects.using(using)
        .filter(network=network)
        .order_by("id")
        .values_list("id", "dossier_id", "kind", "status", "opened_on", "status_since", "title")
    )
    point_id = np.array([p[0] for p in points], dtype="int64")
    positions = list(
        Position.objects.using(using)
        .filter(network=network)
        .order_by("date", "id")
        .values_list("point_id", "member_id", "organisation_id", "stance", "date")
    )
    milestones = list(
        Milestone.objects.using(using)
        .filter(network=network)
        .order_by("date", "id")
        .values_list("id", "kind", "date", "dossier_id", "title")
    )
    moments = list(
        HardMoment.objects.using(using)
        .filter(network=network)
        .order_by("date", "id")
        .values_list("id", "date", "outcome", "title")
    )

    moment_ids = np.array([h[0] for h in moments], dtype="int64")
    parties = list(
        HardMoment.parties.through.objects.using(using)
        .filter(hardmoment__network=network)
        .values_list("hardmoment_id", "organisation_id")
    )
    changes = list(
        PointStatusChange.objects.using(using)
        .filter(network=network)
        .order_by("date", "id")
        .values_list("point_id", "status", "date")
    )

    def ints(values: Sequence[Any]) -> np.ndarray:
        return np.array([NULL if v is None else v for v in values], dtype="int64")

    def dates(values: Sequence[Any]) -> np.ndarray:
        return np.array([nat if v is None else v for v in values], dtype="datetime64[D]")

    return NetworkData(
        org_id=org_id,
        org_kind=np.array([o[1] for o in orgs], dtype="int8"),
        org_name=[o[2] for o in orgs],
        member_id=member_id,
        member_org=row_positions(org_id, ints([m[1] for m in members])),
        member_role=np.array([m[2] for m in members], dtype="int8"),
        member_joined=dates([m[3] for m in members]),
        member_left=dates([m[4] for m in members]),
        member_name=[m[5] for m in members],
        activity_id=act_id,
        activity_kind=kind.astype("int8"),
        activity_share=share,
        activity_start=_seconds(start),
        activity_hours=minutes / 60.0,
        activity_host_org=row_positions(org_id, host),
        activity_dossier=row_positions(dossier_id, dossier),
        activity_title=[],  # fetched by id when a page needs them; 200,000 strings cost time
        attendance_member=row_positions(member_id, att_member),
        attendance_activity=row_positions(act_id, att_activity),
        attendance_status=att_status.astype("int8"),
        contact_a=row_positions(member_id, c_a),
        contact_b=row_positions(member_id, c_b),
        contact_date=_days(c_date),
        dossier_id=dossier_id,
        dossier_name=[x[1] for x in dossiers],
        point_id=point_id,
        point_dossier=row_positions(dossier_id, ints([p[1] for p in points])),
        point_kind=np.array([p[2] for p in points], dtype="int8"),
        point_status=np.array([p[3] for p in points], dtype="int8"),
        point_opened=dates([p[4] for p in points]),
        point_status_since=dates([p[5] for p in points]),
        point_title=[p[6] for p in points],
        position_point=row_positions(point_id, ints([p[0] for p in positions])),
        position_member=row_positions(member_id, ints([p[1] for p in positions])),
        position_org=row_positions(org_id, ints([p[2] for p in positions])),
        position_stance=np.array([p[3] for p in positions], dtype="int8"),
        position_date=dates([p[4] for p in positions]),
        milestone_id=ints([m[0] for m in milestones]),
        milestone_kind=np.array([m[1] for m in milestones], dtype="int8"),
        milestone_date=dates([m[2] for m in milestones]),
        milestone_dossier=row_positions(dossier_id, ints([m[3] for m in milestones])),
        milestone_title=[m[4] for m in milestones],
        hard_moment_id=ints([h[0] for h in moments]),
        hard_moment_date=dates([h[1] for h in moments]),
        hard_moment_outcome=np.array([h[2] for h in moments], dtype="int8"),
        hard_moment_title=[h[3] for h in moments],
        hard_moment_party_moment=_moment_rows(moment_ids, parties),
        hard_moment_party_org=row_positions(org_id, ints([x[1] for x in parties])),
        status_change_point=row_positions(point_id, ints([c[0] for c in changes])),
        status_change_status=np.array([c[1] for c in changes], dtype="int8"),
        status_change_date=dates([c[2] for c in changes]),
    )


def _moment_rows(moment_ids: np.ndarray, parties: Sequence[tuple[int, int]]) -> np.ndarray:
    """Row of each party's hard moment (the moments are in date order, not id order)."""
    row_of = {int(mid): row for row, mid in enumerate(moment_ids.tolist())}
    return np.array([row_of.get(int(m), -1) for m, _ in parties], dtype="int64")
