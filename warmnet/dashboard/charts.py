"""Geometry of the dashboard's tracks chart, computed here and drawn by the template.

One time axis, two panels: person-hours per period as stacked bars (content below,
relationship above), and the relationship share as a line over the healthy band.
Milestones and hard moments are vertical marks across both panels.  Everything is in
the SVG's own units (``WIDTH`` x ``HEIGHT``); the browser scales it.
"""

from __future__ import annotations

import calendar
import datetime as dt
import math
from collections.abc import Callable, Sequence
from dataclasses import dataclass

from django.utils.formats import date_format
from django.utils.translation import gettext as _

from warmnet.engine.balance import Balance
from warmnet.ui.words import period_name

__all__ = [
    "Bar",
    "Mark",
    "TracksChart",
    "period_bounds",
    "period_start",
    "tracks_chart",
]

WIDTH = 960
LEFT, RIGHT = 64, 16
HOURS_TOP, HOURS_BOTTOM = 34, 214
SHARE_TOP, SHARE_BOTTOM = 244, 334
HEIGHT = 362
MAX_PERIODS = 36
MAX_AXIS_LABELS = 12


@dataclass(frozen=True)
class Bar:
    """One period: its two stacked bars, its share point and what it says in words."""

    x: float
    width: float
    #: Middle of the bar, where the share point sits.
    cx: float
    con_y: float
    con_h: float
    rel_y: float
    rel_h: float
    share_y: float | None
    label: str
    axis_label: str
    summary: str
    url: str
    content_hours: float
    relationship_hours: float
    share_pct: int | None


@dataclass(frozen=True)
class Mark:
    """A milestone or hard moment on the time axis."""

    x: float
    kind: str  # "milestone" or "hard"
    label: str
    date: dt.date


@dataclass(frozen=True)
class Tick:
    y: float
    label: str


@dataclass(frozen=True)
class TracksChart:
    width: int
    height: int
    left: float
    right: float
    plot_w: float
    plot_h: float
    hours_top: float
    hours_bottom: float
    share_top: float
    share_bottom: float
    bars: list[Bar]
    hour_ticks: list[Tick]
    share_ticks: list[Tick]
    band_y: float
    band_h: float
    band_low_pct: int
    band_high_pct: int
    share_paths: list[str]
    marks: list[Mark]
    hidden_periods: int

    @property
    def empty(self) -> bool:
        return not self.bars


def period_start(label: str) -> dt.date:
    """First day of a balance period label, ``"2025-03"`` or ``"2025-Q1"`` (ValueError else)."""
    year_text, _sep, rest = label.partition("-")
    year = int(year_text)
    if rest.startswith("Q"):
        quarter = int(rest[1:])
        if not 1 <= quarter <= 4:
            raise ValueError(label)
        return dt.date(year, 3 * quarter - 2, 1)
    return dt.date(year, int(rest), 1)


def period_bounds(label: str) -> tuple[dt.date, dt.date]:
    """First day of the period and first day after it."""
    start = period_start(label)
    months = 3 if "Q" in label else 1
    m = start.month - 1 + months
    return start, dt.date(start.year + m // 12, m % 12 + 1, 1)


def _nice_ceiling(value: float) -> float:
    if value <= 0:
        return 1.0
    power = 10 ** math.floor(math.log10(value))
    for step in (1, 2, 2.5, 5, 10):
        if value <= step * power:
            return step * power
    return 10 * power


def _position(day: dt.date, first_month: int, months_per_period: int) -> float:
    """Where ``day`` falls, in periods from the first period shown (fractional)."""
    month = (day.year - 1970) * 12 + day.month - 1
    days_in = calendar.monthrange(day.year, day.month)[1]
    return (month - first_month + (day.day - 1) / days_in) / months_per_period


def _axis_label(label: str) -> str:
    start = period_start(label)
    if "Q" in label:
        return label.replace("-", " ")
    return date_format(start, "M Y")


def tracks_chart(
    bal: Balance,
    band: tuple[float, float],
    milestones: Sequence[tuple[dt.date, str]],
    hard_moments: Sequence[tuple[dt.date, str]],
    period_url: Callable[[str], str],
) -> TracksChart:
    """The chart of the last ``MAX_PERIODS`` periods of ``bal``."""
    n_all = bal.n_periods
    start = max(0, n_all - MAX_PERIODS)
    labels = bal.labels[start:]
    n = len(labels)
    plot_w = WIDTH - LEFT - RIGHT
    step = plot_w / max(n, 1)
    bar_w = step * 0.72
    con = [float(v) for v in bal.content_hours[start:]]
    rel = [float(v) for v in bal.relationship_hours[start:]]
    top = _nice_ceiling(max((c + r for c, r in zip(con, rel, strict=True)), default=0.0))
    hours_h = HOURS_BOTTOM - HOURS_TOP
    share_h = SHARE_BOTTOM - SHARE_TOP

    def hy(hours: float) -> float:
        return HOURS_BOTTOM - hours / top * hours_h

    def sy(share: float) -> float:
        return SHARE_BOTTOM - share * share_h

    every = max(1, math.ceil(n / MAX_AXIS_LABELS))
    bars: list[Bar] = []
    for i, label in enumerate(labels):
        share = float(bal.share[start + i])
        has_share = not math.isnan(share)
        x = LEFT + i * step + (step - bar_w) / 2
        con_top = hy(con[i])
        rel_top = hy(con[i] + rel[i])
        share_pct = round(100 * share) if has_share else None
        summary = _(
            "%(period)s: %(content)s content and %(relationship)s relationship person-hours"
        ) % {"period": period_name(label), "content": round(con[i]), "relationship": round(rel[i])}
        if share_pct is not None:
            summary += " " + _("(%(pct)s%% relationship)") % {"pct": share_pct}
        bars.append(
            Bar(
                x=round(x, 1),
                width=round(bar_w, 1),
                cx=round(x + bar_w / 2, 1),
                con_y=round(con_top, 1),
                con_h=round(HOURS_BOTTOM - con_top, 1),
                rel_y=round(rel_top, 1),
                rel_h=round(con_top - rel_top, 1),
                share_y=round(sy(share), 1) if has_share else None,
                label=label,
                axis_label=_axis_label(label) if i % every == 0 else "",
                summary=summary,
                url=period_url(label),
                content_hours=con[i],
                relationship_hours=rel[i],
                share_pct=share_pct,
            )
        )

    # the share line, broken where a period had no activity
    paths: list[str] = []
    current: list[str] = []
    for bar in bars:
        if bar.share_y is None:
            if len(current) > 1:
                paths.append("M" + " L".join(current))
            current = []
            continue
        current.append(f"{bar.cx:.1f},{bar.share_y:.1f}")
    if len(current) > 1:
        paths.append("M" + " L".join(current))

    marks: list[Mark] = []
    if labels:
        months_per_period = 3 if bal.period == "quarter" else 1
        first_day = period_start(labels[0])
        first_month = (first_day.year - 1970) * 12 + first_day.month - 1
        for kind, rows in (("milestone", milestones), ("hard", hard_moments)):
            for day, title in rows:
                pos = _position(day, first_month, months_per_period)
                if 0 <= pos <= n:
                    marks.append(Mark(round(LEFT + pos * step, 1), kind, title, day))
    low, high = band
    return TracksChart(
        width=WIDTH,
        height=HEIGHT,
        left=LEFT,
        right=WIDTH - RIGHT,
        plot_w=plot_w,
        plot_h=SHARE_BOTTOM - HOURS_TOP,
        hours_top=HOURS_TOP,
        hours_bottom=HOURS_BOTTOM,
        share_top=SHARE_TOP,
        share_bottom=SHARE_BOTTOM,
        bars=bars,
        hour_ticks=[Tick(round(hy(top * f), 1), f"{round(top * f):g}") for f in (0, 0.5, 1)],
        share_ticks=[Tick(round(sy(f), 1), f"{round(100 * f)}%") for f in (0, 0.5, 1)],
        band_y=round(sy(high), 1),
        band_h=round(sy(low) - sy(high), 1),
        band_low_pct=round(100 * low),
        band_high_pct=round(100 * high),
        share_paths=paths,
        marks=sorted(marks, key=lambda m: m.x),
        hidden_periods=start,
    )
