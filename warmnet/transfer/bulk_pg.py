"""PostgreSQL's fast lane for large imports: binary ``COPY`` of numpy columns into a
staging table, references checked (and locked) as sets, one set-based statement into
the real table.

The foreign keys Django declares are checked by a trigger per inserted row (at
commit, as they are deferred): for two million attendance rows that is six
million look-ups, most of an import's time.  When the database lets this session
set ``session_replication_role`` (a superuser, or PostgreSQL 15's ``GRANT SET ON
PARAMETER session_replication_role``), the per-row triggers are off for the one
statement and the same guarantees come from set-wise statements instead: every
staged reference must exist in this network (one anti-join per column), and the
referenced rows that other transactions could delete are locked ``FOR KEY SHARE``
first, exactly as the triggers would.  Without that permission the triggers stay
on and the import is merely slower.  Readers are never held up: PostgreSQL's
readers do not wait for inserts or updates.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from typing import Any

import numpy as np
import numpy.typing as npt
from django.db import DatabaseError, IntegrityError, connection, models, transaction
from django.utils.translation import gettext as _

__all__ = [
    "copy_binary",
    "copy_new_rows",
    "copyable",
    "lock_for_key_share",
    "references_exist",
    "replica_role",
]

IntArray = npt.NDArray[np.int64]

_SIGNATURE = b"PGCOPY\n\xff\r\n\x00" + b"\x00\x00\x00\x00" + b"\x00\x00\x00\x00"
_TRAILER = b"\xff\xff"
_BIG_ENDIAN = {"bigint": ">i8", "integer": ">i4", "smallint": ">i2"}
_CHUNK = 500_000


def copy_binary(
    cursor: Any, table: str, columns: Sequence[tuple[str, str]], arrays: Sequence[IntArray]
) -> None:
    """``COPY table (columns) FROM STDIN (FORMAT BINARY)`` of integer columns without
    NULLs, encoded by numpy a chunk at a time (no Python object per value).

    ``columns`` are (name, type) with type bigint, integer or smallint.
    """
    layout: list[tuple[str, str]] = [("fields", ">i2")]
    for i, (_name, kind) in enumerate(columns):
        layout += [(f"length{i}", ">i4"), (f"value{i}", _BIG_ENDIAN[kind])]
    dtype = np.dtype(layout)
    rows = len(arrays[0]) if arrays else 0
    names = ", ".join(name for name, _kind in columns)
    with cursor.copy(f"COPY {table} ({names}) FROM STDIN (FORMAT BINARY)") as copy:
        copy.write(_SIGNATURE)
        for start in range(0, rows, _CHUNK):
            stop = min(start + _CHUNK, rows)
            block = np.empty(stop - start, dtype)
            block["fields"] = len(columns)
            for i, (_name, kind) in enumerate(columns):
                block[f"length{i}"] = np.dtype(_BIG_ENDIAN[kind]).itemsize
                block[f"value{i}"] = arrays[i][start:stop]
            copy.write(block.tobytes())
        copy.write(_TRAILER)


@contextmanager
def replica_role(cursor: Any) -> Iterator[bool]:
    """Within the block, per-row triggers (the foreign-key checks among them) do not
    fire, if this session may say so; yields whether they are off."""
    try:
        with transaction.atomic():  # a refusal must not spoil the import's transaction
            cursor.execute("SET LOCAL session_replication_role = replica")
    except DatabaseError:
        yield False
        return
    try:
        yield True
    finally:
        cursor.execute("SET LOCAL session_replication_role = origin")


def references_exist(cursor: Any, table: str, ids: IntArray, network_id: int) -> None:
    """Every one of ``ids`` (distinct) is a row of ``table`` in the network, or refuse
    (someone deleted a record the import refers to while it ran)."""
    cursor.execute(
        f"SELECT count(*) FROM unnest(%s::bigint[]) AS r(id) LEFT JOIN {table} t "
        "ON t.id = r.id AND t.network_id = %s WHERE t.id IS NULL",
        [ids.tolist(), network_id],
    )
    (missing,) = cursor.fetchone()
    if missing:
        raise IntegrityError(
            _("%(count)s records this import refers to were deleted meanwhile; try again.")
            % {"count": missing}
        )


def lock_for_key_share(cursor: Any, table: str, ids: IntArray) -> None:
    """Hold rows others might delete while the import refers to them (what the
    foreign-key trigger does row by row)."""
    if ids.size:
        cursor.execute(
            f"SELECT count(*) FROM (SELECT 1 FROM {table} WHERE id = ANY(%s) FOR KEY SHARE) l",
            [ids.tolist()],
        )


#: Field types whose Python values psycopg writes as they are.
_PLAIN = frozenset(
    {
        "AutoField", "BigAutoField", "BigIntegerField", "BooleanField", "CharField",
        "DateField", "DateTimeField", "EmailField", "FloatField", "ForeignKey",
        "IntegerField", "PositiveBigIntegerField", "PositiveIntegerField",
        "PositiveSmallIntegerField", "SlugField", "SmallIntegerField", "TextField",
    }
)  # fmt: skip


def copyable(model: type[models.Model], names: Sequence[str]) -> bool:
    return all(model._meta.get_field(n).get_internal_type() in _PLAIN for n in names)


def copy_new_rows(
    model: type[models.Model], network_id: int, names: Sequence[str], rows: Sequence[list[Any]]
) -> list[int]:
    """Create rows by ``COPY`` with ids drawn from the table's sequence first (what
    ``INSERT ... RETURNING`` would give, without a statement per few hundred rows)."""
    if not rows:
        return []
    meta = model._meta
    assert meta.pk is not None
    fields = [meta.get_field(n) for n in names]
    quote = connection.ops.quote_name
    columns = ", ".join(
        quote(c)
        for c in [str(meta.pk.column), "network_id", *(str(f.column) for f in fields)]  # type: ignore[union-attr]
    )
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT nextval(pg_get_serial_sequence(%s, %s)) FROM generate_series(1, %s)",
            [meta.db_table, meta.pk.column, len(rows)],
        )
        ids = [int(pk) for (pk,) in cursor.fetchall()]
        with cursor.copy(f"COPY {quote(meta.db_table)} ({columns}) FROM STDIN") as copy:
            for pk, row in zip(ids, rows, strict=True):
                copy.write_row([pk, network_id, *row])
    return ids
