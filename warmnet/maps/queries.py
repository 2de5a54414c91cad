"""Reads the maps need besides the analysis: who was in the network on a day, who attended
a dossier's activities, which months the history spans, and the cache key of a picture."""

from __future__ import annotations

import datetime as dt
from typing import Any

import numpy as np
import numpy.typing as npt
from django.db.models import Max, Min
from django.utils import timezone

from warmnet.activities.models import Activity, Attendance, AttendanceStatus
from warmnet.insights.service import served_key
from warmnet.network.models import Member, Network, members_on

__all__ = [
    "active_mask",
    "dossier_attendance",
    "history_months",
    "month_end",
    "picture_key",
]

BoolArray = npt.NDArray[np.bool_]


def active_mask(network: Network, member_ids: list[int], as_of: dt.date) -> BoolArray:
    """For each member id, whether they were in the network on ``as_of`` (the one rule,
    :func:`~warmnet.network.models.members_on`)."""
    active = Member.objects.filter(network=network).filter(members_on(as_of))
    pks = np.fromiter(active.values_list("pk", flat=True), dtype=np.int64)
    return np.isin(np.asarray(member_ids, dtype=np.int64), pks)


def dossier_attendance(network: Network, as_of: dt.date) -> dict[int, list[int]]:
    """For each dossier, the ids of the members who attended one of its activities up to
    ``as_of`` (one query)."""
    # a bound on the datetime itself, not on its date: SQLite compares it without a
    # Python function per row (a large network has millions of attendance rows)
    before = timezone.make_aware(dt.datetime.combine(as_of + dt.timedelta(days=1), dt.time()))
    rows = (
        Attendance.objects.filter(
            network=network,
            activity__dossier__isnull=False,
            activity__start__lt=before,
            status=AttendanceStatus.ATTENDED,
        )
        .values_list("activity__dossier_id", "member_id")
        .distinct()
    )
    out: dict[int, list[int]] = {}
    for dossier_id, member_id in rows.iterator(chunk_size=10_000):
        out.setdefault(dossier_id, []).append(member_id)
    return out


def month_end(day: dt.date) -> dt.date:
    following = (day.replace(day=1) + dt.timedelta(days=32)).replace(day=1)
    return following - dt.timedelta(days=1)


def history_months(network: Network, today: dt.date) -> list[dt.date]:
    """The last day of every month from the first activity to ``today``'s month; the
    current month ends today (a replay does not look into the future)."""
    span: dict[str, Any] = Activity.objects.filter(network=network).aggregate(
        first=Min("start"), last=Max("start")
    )
    first = span["first"].date() if span["first"] else today
    first = min(first, today)
    months = []
    day = month_end(first)
    while day < today:
        months.append(day)
        day = month_end(day + dt.timedelta(days=1))
    months.append(today)
    return months


def picture_key(kind: str, network: Network, as_of: dt.date, *parts: object) -> str:
    """Cache key of a drawn picture: the key of the analysis it is drawn from (network
    data version, date, settings; the last complete one while a newer one is computed)
    plus what the picture was filtered by."""
    extra = ":".join(str(p) for p in parts)
    return f"warmnet:map:1:{kind}:{served_key(network, as_of)}:{extra}"
