"""The key figures of a report, each with its change since the period before.

Every figure is read from the same analysis the dashboard shows (as of the report's
last day) and, for the change, from the analysis as of the last day of the period
before; person-hours are the balance's periods (months, unless the network counts in
quarters) that begin within the report's period.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
from django.utils.formats import number_format
from django.utils.translation import gettext as _
from django.utils.translation import pgettext

from warmnet.dashboard.charts import period_start
from warmnet.engine.balance import Balance
from warmnet.engine.faultlines import Risk
from warmnet.engine.signals import Severity
from warmnet.insights.service import Analysis
from warmnet.report.periods import Period

__all__ = ["KeyFigure", "PeriodTotals", "key_figures", "period_totals"]


@dataclass(frozen=True)
class PeriodTotals:
    """Person-hours of the balance periods that begin within a report period."""

    labels: list[str]
    content_hours: float
    relationship_hours: float
    activities: int

    @property
    def share(self) -> float | None:
        total = self.content_hours + self.relationship_hours
        return None if total <= 0 else self.relationship_hours / total


def period_totals(bal: Balance, period: Period) -> PeriodTotals:
    idx = [
        i for i, label in enumerate(bal.labels) if period.start <= period_start(label) <= period.end
    ]
    pick = np.asarray(idx, dtype=np.int64)
    return PeriodTotals(
        labels=[bal.labels[i] for i in idx],
        content_hours=float(bal.content_hours[pick].sum()) if idx else 0.0,
        relationship_hours=float(bal.relationship_hours[pick].sum()) if idx else 0.0,
        activities=int(bal.activities[pick].sum()) if idx else 0,
    )


@dataclass(frozen=True)
class KeyFigure:
    code: str
    label: str
    value: str
    #: The change in words ("+4 points", "-12%"), or "" when there is nothing to compare.
    change: str
    #: "up", "down", "same" or "" — and whether that way is good for the network.
    direction: str
    good: bool | None
    note: str = ""


def _num(value: float) -> str:
    return number_format(round(value), 0, force_grouping=True)


def _pct(value: float | None) -> str:
    return "\u2013" if value is None else f"{round(100 * value)}%"


def _direction(delta: float) -> str:
    if abs(delta) < 1e-9:
        return "same"
    return "up" if delta > 0 else "down"


def _points(
    now: float | None, then: float | None, up_is_good: bool
) -> tuple[str, str, bool | None]:
    if now is None or then is None:
        return "", "", None
    delta = round(100 * now) - round(100 * then)
    way = _direction(delta)
    text = pgettext("percentage points", "%(sign)s%(n)s points") % {
        "sign": "+" if delta > 0 else ("\u2212" if delta < 0 else "\u00b1"),
        "n": abs(delta),
    }
    return text, way, None if way == "same" else (way == "up") == up_is_good


def _relative(now: float, then: float, up_is_good: bool) -> tuple[str, str, bool | None]:
    if then <= 0:
        return ("", "", None) if now <= 0 else (_("new"), "up", up_is_good)
    change = (now - then) / then
    pct = round(100 * change)
    way = _direction(pct)
    sign = "+" if pct > 0 else ("\u2212" if pct < 0 else "\u00b1")
    return f"{sign}{abs(pct)}%", way, None if way == "same" else (way == "up") == up_is_good


def _count(now: int, then: int | None, up_is_good: bool) -> tuple[str, str, bool | None]:
    if then is None:
        return "", "", None
    delta = now - then
    way = _direction(delta)
    sign = "+" if delta > 0 else ("\u2212" if delta < 0 else "\u00b1")
    return f"{sign}{abs(delta)}", way, None if way == "same" else (way == "up") == up_is_good


def _high_risk(analysis: Analysis) -> int:
    return sum(1 for f in analysis.result.faultlines if f.risk is Risk.HIGH)


def _high_signals(analysis: Analysis) -> int:
    return sum(1 for s in analysis.result.signals if s.severity is Severity.HIGH)


def key_figures(
    analysis: Analysis, before: Analysis | None, now: PeriodTotals, then: PeriodTotals
) -> list[KeyFigure]:
    """The figures of the summary page, in reading order."""
    st = analysis.result.settings
    band = _("healthy band %(low)s to %(high)s%%") % {
        "low": round(100 * st.band_low),
        "high": round(100 * st.band_high),
    }
    out = []
    share_now, share_then = now.share, then.share
    text, way, good = _points(share_now, share_then, True)
    if share_now is not None and share_now > st.band_high:
        good = None  # above the band: more is not better
    out.append(KeyFigure("share", _("Relationship share"), _pct(share_now), text, way, good, band))
    for code, label, value, old, up_good in (
        (
            "relationship_hours",
            _("Relationship person-hours"),
            now.relationship_hours,
            then.relationship_hours,
            True,
        ),
        ("content_hours", _("Content person-hours"), now.content_hours, then.content_hours, None),
    ):
        text, way, good = _relative(value, old, bool(up_good))
        out.append(
            KeyFigure(code, label, _num(value), text, way, good if up_good is not None else None)
        )
    text, way, _good = _count(now.activities, then.activities, True)
    out.append(KeyFigure("activities", _("Activities"), _num(now.activities), text, way, None))

    w = analysis.result.warmth
    pw = before.result.warmth if before is not None else None
    then_index = pw.index if pw is not None and pw.active_members else None
    text, way, good = _points(w.index, then_index, True)
    out.append(
        KeyFigure(
            "warmth",
            _("Warmth index"),
            _pct(w.index),
            text,
            way,
            good,
            _("members with two or more warm ties to other organisations"),
        )
    )
    text, way, good = _count(int(w.cold.size), int(pw.cold.size) if pw is not None else None, False)
    out.append(
        KeyFigure(
            "cold",
            _("Members with few warm ties"),
            _num(w.cold.size),
            text,
            way,
            good,
            _("of %(n)s active members") % {"n": _num(w.active_members)},
        )
    )
    text, way, good = _count(
        _high_risk(analysis), _high_risk(before) if before is not None else None, False
    )
    out.append(
        KeyFigure(
            "disputes", _("Disputes at high risk"), str(_high_risk(analysis)), text, way, good
        )
    )
    text, way, good = _count(
        _high_signals(analysis), _high_signals(before) if before is not None else None, False
    )
    out.append(
        KeyFigure("signals", _("Urgent signals"), str(_high_signals(analysis)), text, way, good)
    )
    return out
