"""Milestones: relationship investment before and after each one.

For each milestone up to the analysis date, relationship person-hours per month in the
``milestone_window_months`` before it against the same length after it (cut at the
analysis date), judged only with a baseline of ``milestone_min_baseline`` relationship
activities before it; and the level of the last window, to tell whether an older drop
lasts.  See ``docs/analysis.md`` (scenario evidence and the milestone-drop signal).
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from warmnet.engine.data import MilestoneKind
from warmnet.engine.frame import Frame

__all__ = ["DAYS_PER_MONTH", "MilestoneEffect", "milestone_effects"]

DAYS_PER_MONTH = 30.44


@dataclass(frozen=True)
class MilestoneEffect:
    """Relationship investment before and after one milestone."""

    milestone: int  # milestone row
    kind: str
    day: np.datetime64
    #: Relationship person-hours per month in the window before and after the milestone.
    before_per_month: float
    after_per_month: float
    #: Relative change, after / before - 1 (-0.8 = fell 80%); NaN when nothing came before.
    change: float
    #: Days after the milestone covered so far (the window is cut at the analysis date).
    after_days: int
    #: Relationship activities (two or more attendees) in the window before; a change is
    #: judged (``change`` not NaN) only from ``milestone_min_baseline`` of them.
    before_activities: int = 0
    #: Relationship person-hours per month over the last ``milestone_window_months`` up
    #: to the analysis date (has the level come back since?).
    now_per_month: float = float("nan")


def milestone_effects(fr: Frame) -> list[MilestoneEffect]:
    """Relationship person-hours per month in the window before each milestone up to the
    analysis date, against the window after it (cut at the analysis date)."""
    d = fr.data
    st = fr.settings
    mday = d.milestone_date.astype("datetime64[D]")
    rows = np.flatnonzero(~np.isnat(mday) & (mday <= fr.as_of))
    if rows.size == 0:
        return []
    act = np.flatnonzero(fr.activity_in)
    if act.size == 0:
        return []
    day_num = fr.activity_day[act].astype(np.int64)
    order = np.argsort(day_num, kind="stable")
    day_num = day_num[order]
    rel = (fr.rel_share * fr.person_hours)[act][order]
    cum = np.concatenate([[0.0], np.cumsum(rel)])
    rel_count = np.concatenate([[0], np.cumsum(fr.rel_activity[act][order].astype(np.int64))])
    first_day = int(day_num[0])
    as_of = int(fr.as_of.astype(np.int64))
    window = round(float(st.milestone_window_months * DAYS_PER_MONTH))

    def total(lo: int, hi: int) -> float:  # relationship person-hours on days [lo, hi)
        a = np.searchsorted(day_num, lo, side="left")
        b = np.searchsorted(day_num, hi, side="left")
        return float(cum[b] - cum[a])

    def count(lo: int, hi: int) -> int:  # relationship activities on days [lo, hi)
        a = np.searchsorted(day_num, lo, side="left")
        b = np.searchsorted(day_num, hi, side="left")
        return int(rel_count[b] - rel_count[a])

    now_from = max(first_day, as_of + 1 - window)
    now = total(now_from, as_of + 1) / max(1, as_of + 1 - now_from) * DAYS_PER_MONTH

    effects = []
    for row in rows[np.argsort(mday[rows], kind="stable")]:
        m = int(mday[row].astype(np.int64))
        lo = max(first_day, m - window)
        before_days = m - lo
        after_days = min(window, as_of - m)
        before = total(lo, m) / before_days * DAYS_PER_MONTH if before_days > 0 else 0.0
        after = (
            total(m + 1, m + 1 + after_days) / after_days * DAYS_PER_MONTH
            if after_days > 0
            else float("nan")
        )
        n_before = count(lo, m)
        judged = before > 0 and after_days > 0 and n_before >= st.milestone_min_baseline
        change = after / before - 1.0 if judged else float("nan")
        kind_code = int(d.milestone_kind[row])
        kind = (
            MilestoneKind(kind_code).name.lower().replace("_", " ")
            if kind_code in MilestoneKind._value2member_map_
            else "milestone"
        )
        effects.append(
            MilestoneEffect(
                int(row), kind, mday[row], before, after, change, max(0, after_days), n_before, now
            )
        )
    return effects
