"""What came of the analysis's advice: the suggestions planned, held or put aside."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.db.models import Count, Q
from django.utils import timezone

from warmnet.activities.models import Activity, AttendanceStatus
from warmnet.engine.texts import Message
from warmnet.insights.texts import render_message
from warmnet.network.models import Network
from warmnet.programme.models import SuggestionRecord, SuggestionState
from warmnet.programme.offers import state_of

__all__ = ["Outcome", "outcomes"]

SHOWN = 10


@dataclass(frozen=True)
class Outcome:
    record: SuggestionRecord
    state: str
    state_label: str
    reason: str
    activity: Activity | None
    invited: int = 0
    coming: int = 0
    declined: int = 0
    attended: int = 0


def _reason(record: SuggestionRecord) -> str:
    reason = record.reason or {}
    if not reason.get("key"):
        return ""
    return render_message(Message(reason["key"], reason.get("params", {})))


def outcomes(network: Network, now: dt.datetime | None = None) -> list[Outcome]:
    """The latest decisions on suggestions, newest first (reopened ones left out)."""
    now = now or timezone.now()
    records = list(
        SuggestionRecord.objects.filter(network=network)
        .exclude(state=SuggestionState.OPEN)
        .select_related("activity")
        .order_by("-decided_at", "-id")[:SHOWN]
    )
    ids = [r.activity_id for r in records if r.activity_id]
    counts: dict[int, dict[str, int]] = {}
    rows = (
        Activity.objects.filter(pk__in=ids)
        .values("pk")
        .annotate(
            invited=Count("attendances"),
            coming=Count("attendances", filter=Q(attendances__status=AttendanceStatus.ACCEPTED)),
            declined=Count("attendances", filter=Q(attendances__status=AttendanceStatus.DECLINED)),
            attended=Count("attendances", filter=Q(attendances__status=AttendanceStatus.ATTENDED)),
        )
    )
    for row in rows:
        counts[row["pk"]] = {
            "invited": row["invited"],
            "coming": row["coming"],
            "declined": row["declined"],
            "attended": row["attended"],
        }
    labels = dict(SuggestionState.choices)
    out = []
    for r in records:
        state = state_of(r, now)
        c: dict[str, int] = counts.get(r.activity_id or 0, {})
        out.append(
            Outcome(
                record=r,
                state=state,
                state_label=str(labels[state]),
                reason=_reason(r),
                activity=r.activity,
                invited=c.get("invited", 0),
                coming=c.get("coming", 0),
                declined=c.get("declined", 0),
                attended=c.get("attended", 0),
            )
        )
    return out
