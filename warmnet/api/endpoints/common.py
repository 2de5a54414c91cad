"""Helpers every list endpoint uses: date windows and pages."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import Any, TypeVar

from django.db.models import Model, QuerySet
from django.utils import timezone

from warmnet.api.pagination import keyset_page
from warmnet.api.schemas.params import DatedParams, ListParams

__all__ = ["dated", "day_start", "page_of"]

M = TypeVar("M", bound=Model)


def day_start(day: dt.date) -> dt.datetime:
    """Midnight at the start of ``day`` in the product's time zone."""
    return timezone.make_aware(dt.datetime.combine(day, dt.time.min))


def dated(
    queryset: QuerySet[M], field: str, params: DatedParams, *, moment: bool = False
) -> QuerySet[M]:
    """Rows whose ``field`` falls from ``since`` to ``until`` (inclusive days); for a
    date-and-time field (``moment``) the days are whole days in the product's time zone."""
    if params.since is not None:
        since: Any = day_start(params.since) if moment else params.since
        queryset = queryset.filter(**{f"{field}__gte": since})
    if params.until is not None:
        if moment:
            queryset = queryset.filter(
                **{f"{field}__lt": day_start(params.until + dt.timedelta(days=1))}
            )
        else:
            queryset = queryset.filter(**{f"{field}__lte": params.until})
    return queryset


def page_of(
    queryset: QuerySet[M],
    params: ListParams,
    present: Callable[[M], Any],
    order: tuple[str, ...] = ("pk",),
) -> dict[str, Any]:
    rows, cursor = keyset_page(queryset, order=order, cursor=params.cursor, limit=params.limit)
    return {"items": [present(row) for row in rows], "next": cursor}
