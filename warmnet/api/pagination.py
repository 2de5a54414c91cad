"""Cursor pagination over a stable order (keyset, not offset).

The cursor is the sort key of the last row of a page, encoded; the next page is the
rows after it.  Each page costs one indexed range query however deep into the list it
is, and rows added meanwhile are neither skipped nor repeated.
"""

from __future__ import annotations

import base64
import binascii
import json
from typing import Any, TypeVar

from django.core.exceptions import ValidationError
from django.db.models import Model, Q, QuerySet
from django.utils.translation import gettext as _
from ninja.errors import HttpError

__all__ = ["DEFAULT_LIMIT", "MAX_LIMIT", "keyset_page"]

M = TypeVar("M", bound=Model)

DEFAULT_LIMIT = 100
MAX_LIMIT = 500


def _encode(values: list[Any]) -> str:
    raw = json.dumps(values, separators=(",", ":"), default=str).encode()
    return base64.urlsafe_b64encode(raw).decode().rstrip("=")


def _decode(cursor: str, model: type[Model], order: tuple[str, ...]) -> list[Any]:
    bad = HttpError(400, _("This cursor is not valid here; use the “next” of a page of this list."))
    try:
        raw = base64.urlsafe_b64decode(cursor + "=" * (-len(cursor) % 4))
        values = json.loads(raw)
    except (binascii.Error, ValueError, UnicodeDecodeError):
        raise bad from None
    if not isinstance(values, list) or len(values) != len(order):
        raise bad
    out = []
    for name, value in zip(order, values, strict=True):
        if not isinstance(value, str | int) or isinstance(value, bool):
            raise bad
        if isinstance(value, int) and not 0 < value < 2**63:
            raise bad
        field = model._meta.pk if name == "pk" else model._meta.get_field(name.removesuffix("_id"))
        try:
            out.append(field.to_python(value))  # type: ignore[union-attr]
        except (ValidationError, ValueError, TypeError, OverflowError):
            raise bad from None
        if out[-1] is None:
            raise bad
    return out


def _after(order: tuple[str, ...], values: list[Any]) -> Q:
    """Rows that sort after ``values`` in ascending ``order`` (lexicographic).

    The leading ``>=`` is implied by the rest but lets the database start an index range
    scan there instead of filtering from the start of the index."""
    q = Q()
    for i, name in enumerate(order):
        step = Q(**{f"{name}__gt": values[i]})
        for prev, value in zip(order[:i], values[:i], strict=True):
            step &= Q(**{prev: value})
        q |= step
    return Q(**{f"{order[0]}__gte": values[0]}) & q


def keyset_page(
    queryset: QuerySet[M], *, order: tuple[str, ...], cursor: str | None, limit: int
) -> tuple[list[M], str | None]:
    """One page of ``queryset`` in ascending ``order``, and the cursor of the next page
    (None on the last).  ``order`` must identify a row (end in ``pk`` or another unique
    key) and should be the tail of an index that starts with the network."""
    queryset = queryset.order_by(*order)
    if cursor:
        queryset = queryset.filter(_after(order, _decode(cursor, queryset.model, order)))
    rows = list(queryset[: limit + 1])
    if len(rows) <= limit:
        return rows, None
    rows = rows[:limit]
    last = rows[-1]
    key = [getattr(last, name) for name in order]
    return rows, _encode([v.isoformat() if hasattr(v, "isoformat") else v for v in key])
