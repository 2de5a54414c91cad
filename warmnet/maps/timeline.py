"""Positions over time as strips: one bar per holder, coloured by stance from each recorded
position to the next.  Pure Python (dates in, SVG geometry out)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass

__all__ = ["Axis", "Mark", "Segment", "Tick", "milestone_axis", "stance_segments", "year_ticks"]


@dataclass(frozen=True)
class Segment:
    x: float
    width: float
    stance: int
    start: dt.date
    end: dt.date


@dataclass(frozen=True)
class Tick:
    x: float
    label: str


def _x(day: dt.date, first: dt.date, last: dt.date, left: float, width: float) -> float:
    span = max((last - first).days, 1)
    return left + width * (day - first).days / span


def stance_segments(
    changes: Sequence[tuple[dt.date, int]],
    first: dt.date,
    last: dt.date,
    left: float = 0.0,
    width: float = 600.0,
) -> list[Segment]:
    """Bars for a holder's positions ``changes`` (date, stance), oldest first: each stance
    holds from its date until the next position, the last one until ``last``."""
    out = []
    for i, (day, stance) in enumerate(changes):
        end = changes[i + 1][0] if i + 1 < len(changes) else last
        if end < day:
            continue
        x0 = _x(max(day, first), first, last, left, width)
        x1 = _x(min(end, last), first, last, left, width)
        out.append(Segment(round(x0, 1), round(max(x1 - x0, 2.0), 1), stance, day, end))
    return out


def year_ticks(
    first: dt.date, last: dt.date, left: float = 0.0, width: float = 600.0
) -> list[Tick]:
    """A tick at each 1 January (each quarter when the span is under a year and a half)."""
    quarterly = (last - first).days < 550
    ticks = []
    year, month = first.year, 1
    while True:
        day = dt.date(year, month, 1)
        if day > last:
            break
        if day >= first:
            label = f"{year}" if month == 1 else f"Q{(month - 1) // 3 + 1}"
            ticks.append(Tick(round(_x(day, first, last, left, width), 1), label))
        month += 3 if quarterly else 12
        if month > 12:
            year, month = year + 1, 1
    return ticks


@dataclass(frozen=True)
class Mark:
    x: float
    day: dt.date
    title: str
    kind: str
    #: Label row (0 or 1), alternating so neighbouring labels do not overlap.
    row: int


@dataclass(frozen=True)
class Axis:
    width: float
    marks: list[Mark]
    ticks: list[Tick]
    today_x: float | None


def milestone_axis(milestones: Sequence[object], today: dt.date, width: float = 900.0) -> Axis:
    """Milestones (objects with ``date``, ``title``, ``get_kind_display``) placed on one
    horizontal time axis from the first milestone (or a year ago) to the last (or today)."""
    days = [m.date for m in milestones]  # type: ignore[attr-defined]
    if not days:
        return Axis(width, [], [], None)
    first = min(min(days), today - dt.timedelta(days=365)).replace(day=1)
    last = max(max(days), today)
    left, inner = 20.0, width - 40.0
    marks = [
        Mark(
            round(_x(m.date, first, last, left, inner), 1),  # type: ignore[attr-defined]
            m.date,  # type: ignore[attr-defined]
            str(m.title),  # type: ignore[attr-defined]
            str(m.get_kind_display()),  # type: ignore[attr-defined]
            i % 2,
        )
        for i, m in enumerate(milestones)
    ]
    return Axis(
        width, marks, year_ticks(first, last, left, inner), _x(today, first, last, left, inner)
    )
