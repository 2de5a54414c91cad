"""Balance: how much the network invests in content and in relationships, per period.

For each activity, person-hours = duration x attendees.  Its relationship
share rho splits them: rho x person-hours go to the relationship track, the
rest to content.  Per period (month, or quarter) that gives R and C in
person-hours, and the relationship share R / (R + C).  An activity with fewer
than two attendees adds nothing to R (one person alone builds no relationship).

A period *counts* when its person-hours reach ``period_min_volume`` of the median
period with activity; it *weighs* its person-hours, capped at
``period_weight_cap`` times that median; and it is *judged* on the share of the
last ``smooth_periods`` periods pooled.  The trend is the least-squares slope of
the share; break points are where its level shifted, found by binary
segmentation over the counted periods, each kept only when it is large,
long and significant (see ``docs/analysis.md``).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from itertools import pairwise

import numpy as np
import numpy.typing as npt

from warmnet.engine.frame import Frame

__all__ = ["Balance", "BreakPoint", "balance", "find_breaks", "period_label"]

FloatArray = npt.NDArray[np.float64]
IntArray = npt.NDArray[np.int64]


@dataclass(frozen=True)
class BreakPoint:
    """A period where the relationship share moved to a new level and stayed there."""

    #: Index into the balance's periods of the first period at the new level.
    period: int
    label: str
    #: Mean relationship share before and after (0-1).
    before: float
    after: float


@dataclass
class Balance:
    """Content and relationship person-hours per period, oldest first."""

    period: str
    #: Period labels, ``"2025-03"`` (month) or ``"2025-Q1"`` (quarter).
    labels: list[str]
    #: Period numbers: months since 1970-01 (month) or quarters since 1970-Q1 (quarter).
    numbers: IntArray
    #: Person-hours spent on content in each period (hours).
    content_hours: FloatArray
    #: Person-hours spent on relationships in each period (hours).
    relationship_hours: FloatArray
    #: Relationship share R / (R + C) per period (0-1); NaN where nothing happened.
    share: FloatArray
    #: Activities per period.
    activities: IntArray
    #: Change of the relationship share per year over the whole history (share units a year;
    #: -0.1 means ten percentage points less each year); NaN with fewer than two periods.
    trend_per_year: float
    #: Same over the recent window (``settings.recent_months``).
    recent_trend_per_year: float
    breaks: list[BreakPoint] = field(default_factory=list)
    #: Periods with enough person-hours to count (see the module's doc).
    counted: npt.NDArray[np.bool_] = field(default_factory=lambda: np.zeros(0, dtype=bool))
    #: Weight of each period in a verdict: its person-hours capped, 0 when not counted.
    weight: FloatArray = field(default_factory=lambda: np.zeros(0))
    #: Share of the last ``smooth_periods`` periods pooled (0-1); NaN when they were empty.
    smoothed_share: FloatArray = field(default_factory=lambda: np.zeros(0))

    @property
    def n_periods(self) -> int:
        return len(self.labels)


def period_label(number: int, period: str) -> str:
    if period == "quarter":
        year, q = divmod(int(number), 4)
        return f"{1970 + year}-Q{q + 1}"
    return str(np.datetime64(int(number), "M"))


def balance(fr: Frame) -> Balance:
    """The balance table of ``fr``'s network from its first activity to ``fr.as_of``."""
    st = fr.settings
    per_year = 4 if st.period == "quarter" else 12
    months = fr.activity_month[fr.activity_in]
    if months.size == 0:
        empty_f = np.zeros(0)
        return Balance(
            st.period,
            [],
            np.zeros(0, np.int64),
            empty_f,
            empty_f.copy(),
            empty_f.copy(),
            np.zeros(0, np.int64),
            float("nan"),
            float("nan"),
        )
    divisor = 3 if st.period == "quarter" else 1
    first = int(months.min()) // divisor
    last = fr.as_of_month // divisor
    numbers = np.arange(first, last + 1, dtype=np.int64)
    idx = fr.activity_month[fr.activity_in] // divisor - first
    ph = fr.person_hours[fr.activity_in]
    n = numbers.size
    rel: FloatArray = np.bincount(
        idx, weights=fr.rel_share[fr.activity_in] * ph, minlength=n
    ).astype(np.float64)
    con: FloatArray = np.bincount(
        idx, weights=(1.0 - fr.share[fr.activity_in]) * ph, minlength=n
    ).astype(np.float64)
    count = np.bincount(idx, minlength=n).astype(np.int64)
    total = rel + con
    with np.errstate(invalid="ignore", divide="ignore"):
        share = np.where(total > 0, rel / total, np.nan)
    median = float(np.median(total[total > 0])) if (total > 0).any() else 0.0
    counted = (total > 0) & (total >= st.period_min_volume * median)
    weight = np.where(counted, np.minimum(total, st.period_weight_cap * median), 0.0)
    k = max(1, st.smooth_periods)
    pooled_r = np.convolve(rel, np.ones(k))[:n]
    pooled_t = np.convolve(total, np.ones(k))[:n]
    with np.errstate(invalid="ignore", divide="ignore"):
        smoothed = np.where(pooled_t > 0, pooled_r / pooled_t, np.nan)

    recent = max(1, st.recent_months // divisor)
    labels = [period_label(int(k), st.period) for k in numbers]
    return Balance(
        period=st.period,
        labels=labels,
        numbers=numbers,
        content_hours=con,
        relationship_hours=rel,
        share=share,
        activities=count,
        trend_per_year=_slope(share) * per_year,
        recent_trend_per_year=_slope(share[-recent:]) * per_year,
        breaks=[
            BreakPoint(k, labels[k], before, after)
            for k, before, after in find_breaks(
                np.where(counted, share, np.nan),
                st.break_min_shift,
                st.break_min_periods,
                st.break_max,
                weights=weight,
                min_t=st.break_min_t,
            )
        ],
        counted=counted,
        weight=weight,
        smoothed_share=smoothed,
    )


def _slope(y: FloatArray) -> float:
    x = np.arange(y.size, dtype=np.float64)
    ok = ~np.isnan(y)
    if ok.sum() < 2:
        return float("nan")
    xs, ys = x[ok], y[ok]
    xc = xs - xs.mean()
    return float((xc * (ys - ys.mean())).sum() / (xc * xc).sum())


def find_breaks(
    series: FloatArray,
    min_shift: float,
    min_len: int,
    max_breaks: int,
    weights: FloatArray | None = None,
    min_t: float = 0.0,
) -> list[tuple[int, float, float]]:
    """Break points of a series by binary segmentation.

    Splits the series (NaN entries skipped) where two constant levels fit best (least
    weighted squared error), then splits the parts again, best gain first.  A split is
    kept only when both parts hold ``min_len`` values, their (weighted) means differ by
    ``min_shift`` or more, and the difference is significant: Welch's t of the two
    means, with the weights' effective sample sizes, at least ``min_t``.  Returns
    ``(index of first value after the break, mean before, mean after)`` sorted by index,
    the means being those of the final neighbouring segments.
    """
    pos = np.flatnonzero(~np.isnan(series))
    values = series[pos]
    w = np.ones(values.size) if weights is None else np.asarray(weights, np.float64)[pos]
    w = np.where(w > 0, w, 0.0)
    if values.size and w.sum() > 0:
        w = w / w.mean()
    segments = [(0, values.size)]
    cuts: list[int] = []
    while len(cuts) < max_breaks:
        best: tuple[float, int, int] | None = None
        for seg_index, (lo, hi) in enumerate(segments):
            found = _best_split(values[lo:hi], w[lo:hi], min_shift, min_len, min_t)
            if found is not None and (best is None or found[0] > best[0]):
                best = (found[0], seg_index, lo + found[1])
        if best is None:
            break
        _, seg_index, cut = best
        lo, hi = segments.pop(seg_index)
        segments[seg_index:seg_index] = [(lo, cut), (cut, hi)]
        cuts.append(cut)
    if not cuts:
        return []  # (and no mean of an empty series to take)
    cuts.sort()
    bounds = [0, *cuts, values.size]
    means = [_wmean(values[a:b], w[a:b]) for a, b in pairwise(bounds)]
    return [(int(pos[c]), means[i], means[i + 1]) for i, c in enumerate(cuts)]


def _wmean(x: FloatArray, w: FloatArray) -> float:
    return float((x * w).sum() / w.sum()) if w.sum() > 0 else float(x.mean())


def _best_split(
    x: FloatArray, w: FloatArray, min_shift: float, min_len: int, min_t: float
) -> tuple[float, int] | None:
    n = x.size
    if n < 2 * min_len:
        return None
    cw, cw2 = np.cumsum(w), np.cumsum(w * w)
    c1, c2 = np.cumsum(w * x), np.cumsum(w * x * x)
    k = np.arange(min_len, n - min_len + 1)

    def side(sw: np.ndarray, sw2: np.ndarray, s1: np.ndarray, s2: np.ndarray) -> tuple:
        with np.errstate(invalid="ignore", divide="ignore"):
            mean = np.where(sw > 0, s1 / sw, 0.0)
            sse = s2 - sw * mean * mean
            n_eff = np.where(sw2 > 0, sw * sw / sw2, 0.0)
            var = np.where(n_eff > 1, sse / sw * n_eff / (n_eff - 1.0), 0.0)
            se2 = np.where(n_eff > 0, var / n_eff, np.inf)
        return mean, sse, se2

    lm, lsse, lse2 = side(cw[k - 1], cw2[k - 1], c1[k - 1], c2[k - 1])
    rm, rsse, rse2 = side(
        cw[-1] - cw[k - 1], cw2[-1] - cw2[k - 1], c1[-1] - c1[k - 1], c2[-1] - c2[k - 1]
    )
    shift = np.abs(lm - rm)
    total_sse = c2[-1] - c1[-1] ** 2 / cw[-1] if cw[-1] > 0 else 0.0
    gain = total_sse - (lsse + rsse)
    with np.errstate(invalid="ignore", divide="ignore"):
        t = np.where(lse2 + rse2 > 0, shift / np.sqrt(lse2 + rse2), np.inf)
    ok = (shift >= min_shift - 1e-12) & (t >= min_t)
    gain = np.where(ok, gain, -np.inf)
    best = int(np.argmax(gain))
    if not np.isfinite(gain[best]):
        return None
    return float(gain[best]), int(k[best])
