"""Scenario: which of the match scenarios the network's history looks like.

Each counted period (enough person-hours, see :mod:`warmnet.engine.balance`) is
below, within or above the healthy band, judged on the share of the last few
periods pooled, and weighs its person-hours.  Four templates are scored between 0
and 1 against that weighted sequence (see ``docs/analysis.md`` for the formulas):

* content first - below the band from the start and after;
* kick-off then content - in or above the band first, then below it to the end;
* together - in the band, and relationship work continuous (no long gap between
  relationship activities of two or more people);
* talking shop - mostly above the band, with no content progress (no
  milestone, no point agreed or converging).

The best score wins; confidence is that score less half the runner-up's.  The
verdict is given over the whole history and over the recent window, each with
its evidence as messages.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import Enum

import numpy as np
import numpy.typing as npt

from warmnet.engine.balance import Balance
from warmnet.engine.data import PointStatus
from warmnet.engine.frame import Frame, to_day
from warmnet.engine.milestones import DAYS_PER_MONTH, MilestoneEffect, milestone_effects
from warmnet.engine.texts import Message, ParamValue

__all__ = [
    "MilestoneEffect",
    "Scenario",
    "ScenarioResult",
    "Verdict",
    "content_progress",
    "longest_relationship_gap",
    "milestone_effects",
    "scenario",
]

FloatArray = npt.NDArray[np.float64]


class Scenario(Enum):
    CONTENT_FIRST = "content_first"
    KICKOFF_THEN_CONTENT = "kickoff_then_content"
    TOGETHER = "together"
    TALKING_SHOP = "talking_shop"
    INSUFFICIENT_DATA = "insufficient_data"


@dataclass
class Verdict:
    """The scenario verdict over one stretch of time."""

    scenario: Scenario
    #: How sure the verdict is, 0-1: the winning score less half the runner-up's.
    confidence: float
    #: Fit of each template, 0-1.
    scores: dict[Scenario, float]
    message: Message
    evidence: list[Message]
    #: First and last period judged, and how many of them had activity.
    first_period: str
    last_period: str
    periods: int


@dataclass
class ScenarioResult:
    overall: Verdict
    recent: Verdict
    milestones: list[MilestoneEffect] = field(default_factory=list)
    #: Longest stretch without relationship activity over the history, in weeks.
    longest_gap_weeks: float = 0.0


def scenario(fr: Frame, bal: Balance) -> ScenarioResult:
    effects = milestone_effects(fr)
    divisor = 3 if bal.period == "quarter" else 1
    recent = max(1, -(-fr.settings.recent_months // divisor))
    gap = longest_relationship_gap(fr, None)
    return ScenarioResult(
        overall=_judge(fr, bal, 0, effects),
        recent=_judge(fr, bal, max(0, bal.n_periods - recent), effects),
        milestones=effects,
        longest_gap_weeks=gap[0] / 7.0,
    )


def _period_start_day(bal: Balance, index: int) -> np.datetime64:
    months = int(bal.numbers[index]) * (3 if bal.period == "quarter" else 1)
    return np.datetime64(months, "M").astype("datetime64[D]")


def _judge(fr: Frame, bal: Balance, start: int, effects: list[MilestoneEffect]) -> Verdict:
    st = fr.settings
    counted = bal.counted[start:] if bal.n_periods else np.zeros(0, dtype=bool)
    defined = bal.smoothed_share[start:][counted]
    weight = bal.weight[start:][counted]
    n = int(defined.size)
    first = bal.labels[start] if bal.n_periods else ""
    last = bal.labels[-1] if bal.n_periods else ""
    zero = dict.fromkeys(
        (
            Scenario.CONTENT_FIRST,
            Scenario.KICKOFF_THEN_CONTENT,
            Scenario.TOGETHER,
            Scenario.TALKING_SHOP,
        ),
        0.0,
    )
    if n < st.min_periods:
        msg = Message("scenario.insufficient_data", {"periods": n, "min_periods": st.min_periods})
        return Verdict(Scenario.INSUFFICIENT_DATA, 0.0, zero, msg, [], first, last, n)

    window_start = _period_start_day(bal, start)
    # soft edges: a period's share fully below from half the band's lower edge down,
    # fully in from the edge up, and in between partly both; so a share that hovers at
    # the edge moves a score a little, not from one verdict to another
    below_m = np.clip((st.band_low - defined) / (0.5 * st.band_low), 0.0, 1.0)
    above_m = (defined > st.band_high).astype(np.float64)
    within_m = 1.0 - below_m - above_m
    below = below_m >= 0.5
    above = above_m >= 0.5
    within = ~below & ~above
    gap_days, gap_from, gap_to = longest_relationship_gap(fr, window_start)
    n_milestones, n_points = content_progress(fr, window_start)
    progress = n_milestones + n_points > 0

    def frac(member: np.ndarray, w: np.ndarray) -> float:
        total = float(w.sum())
        return float((member * w).sum() / total) if total > 0 else 0.0

    # content first: below the band in the first periods and in the rest.
    early = max(1, min(3, n // 4))
    s1 = frac(below_m[:early], weight[:early]) * frac(below_m[early:], weight[early:])

    # kick-off then content: best split into an ok phase then a below phase; the below
    # phase must cover a quarter of the stretch to count in full.
    min_late = max(1, min(st.break_min_periods, n - 1))
    ks = np.arange(1, n - min_late + 1)
    s2, split = 0.0, 0
    if ks.size:
        w_c = np.cumsum(weight)
        ok_c = np.cumsum((1.0 - below_m) * weight)
        below_c = np.cumsum(below_m * weight)
        raw = np.nan_to_num(bal.share[start:][counted])
        share_c = np.cumsum(raw * weight)
        with np.errstate(invalid="ignore", divide="ignore"):
            ok_early = np.nan_to_num(ok_c[ks - 1] / w_c[ks - 1])
            below_late = np.nan_to_num((below_c[-1] - below_c[ks - 1]) / (w_c[-1] - w_c[ks - 1]))
            mean_early = np.nan_to_num(share_c[ks - 1] / w_c[ks - 1])
            mean_late = np.nan_to_num((share_c[-1] - share_c[ks - 1]) / (w_c[-1] - w_c[ks - 1]))
        length = np.minimum(1.0, (n - ks) / (0.25 * n))
        # the fall must be real: the mean share must drop by at least the band's lower edge
        # to count in full (a share hovering at the edge is not a kick-off that stopped)
        fall = np.clip((mean_early - mean_late) / st.band_low, 0.0, 1.0)
        fit = ok_early * below_late * length * fall
        best_k = int(np.argmax(fit))
        s2, split = float(fit[best_k]), int(ks[best_k])

    # together: in the band, and relationship work continuous: every day a gap between
    # relationship activities runs past the longest healthy gap counts against the score
    # judged up to the network's clock: silence after the last record (nothing at all
    # happening) is not a gap in relationship work, and changes no verdict
    span = max(1.0, float((fr.clock - window_start).astype(np.int64)))
    excess = _gap_excess(fr, window_start, 7.0 * st.max_gap_weeks)
    gap_factor = max(0.0, 1.0 - excess / span)
    s3 = (frac(within_m, weight) + 0.5 * frac(above_m, weight)) * gap_factor

    # talking shop: above the band without content progress.
    s4 = frac(above_m, weight) * (0.25 if progress else 1.0)

    scores = {
        Scenario.CONTENT_FIRST: float(s1),
        Scenario.KICKOFF_THEN_CONTENT: float(s2),
        Scenario.TOGETHER: float(s3),
        Scenario.TALKING_SHOP: float(s4),
    }
    ranked = sorted(scores.items(), key=lambda kv: -kv[1])
    (best, best_score), (_, second_score) = ranked[0], ranked[1]
    confidence = float(np.clip(best_score - 0.5 * second_score, 0.0, 1.0))

    months = round(float((fr.as_of - window_start).astype(np.int64) / DAYS_PER_MONTH))
    evidence = [
        Message(
            "evidence.band_fractions",
            {
                "periods": n,
                "below": int(below.sum()),
                "in_band": int(within.sum()),
                "above": int(above.sum()),
                "band_low_pct": _pct(st.band_low),
                "band_high_pct": _pct(st.band_high),
            },
        )
    ]
    for brk in bal.breaks:
        if brk.period >= start:
            evidence.append(
                Message(
                    "evidence.share_break",
                    {
                        "before_pct": _pct(brk.before),
                        "after_pct": _pct(brk.after),
                        "period": brk.label,
                    },
                )
            )
    for eff in effects:
        if eff.day < window_start or np.isnan(eff.change):
            continue
        params: dict[str, ParamValue] = {
            "milestone_kind": eff.kind,
            "month": str(eff.day.astype("datetime64[M]")),
            "milestone": fr.data.milestone_title[eff.milestone]
            if eff.milestone < len(fr.data.milestone_title)
            else eff.kind,
            "months": max(1, round(float(eff.after_days / DAYS_PER_MONTH))),
        }
        if eff.change <= -st.milestone_drop:
            evidence.append(
                Message("evidence.milestone_drop", {**params, "drop_pct": _pct(-eff.change)})
            )
        else:
            evidence.append(
                Message("evidence.milestone_change", {**params, "change_pct": _pct(eff.change)})
            )
    if gap_days > 0:
        evidence.append(
            Message(
                "evidence.longest_gap",
                {"weeks": int(gap_days // 7), "start": str(gap_from), "end": str(gap_to)},
            )
        )
    if progress:
        evidence.append(
            Message(
                "evidence.content_progress",
                {"milestones": n_milestones, "points": n_points, "months": months},
            )
        )
    else:
        evidence.append(Message("evidence.no_content_progress", {"months": months}))

    if best_score < st.min_score:
        msg = Message("scenario.unclear", {"closest": best.value, "score_pct": _pct(best_score)})
        return Verdict(Scenario.INSUFFICIENT_DATA, 0.0, scores, msg, evidence, first, last, n)

    if best is Scenario.CONTENT_FIRST:
        msg = Message("scenario.content_first", {"below_pct": _pct(frac(below_m, weight))})
    elif best is Scenario.KICKOFF_THEN_CONTENT:
        positions = np.flatnonzero(counted)
        until = bal.labels[start + int(positions[split - 1])]
        raw = bal.share[start:][counted]
        msg = Message(
            "scenario.kickoff_then_content",
            {
                "early_share_pct": _pct(_weighted(raw[:split], weight[:split])),
                "late_share_pct": _pct(_weighted(raw[split:], weight[split:])),
                "until": until,
            },
        )
    elif best is Scenario.TOGETHER:
        msg = Message("scenario.together", {"in_band_pct": _pct(frac(within_m, weight))})
    else:
        msg = Message("scenario.talking_shop", {"above_pct": _pct(frac(above_m, weight))})
    return Verdict(best, confidence, scores, msg, evidence, first, last, n)


def _weighted(x: FloatArray, w: FloatArray) -> float:
    x = np.nan_to_num(x)
    return float((x * w).sum() / w.sum()) if w.sum() > 0 else 0.0


def _pct(x: float) -> int:
    return round(float(100.0 * float(x)))


def longest_relationship_gap(
    fr: Frame, since: np.datetime64 | None
) -> tuple[float, np.datetime64, np.datetime64]:
    """Longest stretch in days without a relationship activity, from ``since`` (default: the
    first activity) to the network's clock (its last active day), with its first and
    last day."""
    days_in = fr.activity_day[fr.activity_in]
    if days_in.size == 0:
        return 0.0, fr.as_of, fr.as_of
    start = days_in.min() if since is None else max(to_day(since), days_in.min())
    rel_days = np.unique(fr.activity_day[fr.rel_activity])
    rel_days = rel_days[rel_days >= start]
    end = max(fr.clock, start)
    marks = np.concatenate([[start], rel_days, [end]]).astype("datetime64[D]")
    gaps = np.diff(marks).astype(np.int64)
    i = int(np.argmax(gaps))
    return float(gaps[i]), marks[i], marks[i + 1]


def _gap_excess(fr: Frame, since: np.datetime64, max_gap: float) -> float:
    """Days, summed over all gaps in relationship activity since ``since``, beyond
    ``max_gap``."""
    days = fr.activity_day[fr.activity_in]
    if days.size == 0:
        return 0.0
    start = max(to_day(since), days.min())
    rel_days = np.unique(fr.activity_day[fr.rel_activity])
    rel_days = rel_days[rel_days >= start]
    marks = np.concatenate([[start], rel_days, [max(fr.clock, start)]]).astype("datetime64[D]")
    gaps = np.diff(marks).astype(np.float64)
    return float(np.clip(gaps - max_gap, 0.0, None).sum())


def content_progress(fr: Frame, since: np.datetime64) -> tuple[int, int]:
    """Milestones reached, and points that became agreed or converging, between ``since``
    and the analysis date."""
    d = fr.data
    mday = d.milestone_date.astype("datetime64[D]")
    n_milestones = int(((mday >= since) & (mday <= fr.as_of)).sum())
    good = [PointStatus.AGREED, PointStatus.CONVERGING]
    if d.status_change_point.size:
        # with a status history: points with a change to agreed or converging in the stretch
        cday = d.status_change_date.astype("datetime64[D]")
        hit = np.isin(d.status_change_status, good) & (cday >= since) & (cday <= fr.as_of)
        return n_milestones, int(np.unique(d.status_change_point[hit]).size)
    pday = d.point_status_since.astype("datetime64[D]")
    moved = np.isin(d.point_status, good)
    n_points = int((moved & (pday >= since) & (pday <= fr.as_of)).sum())
    return n_milestones, n_points
