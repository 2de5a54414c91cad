"""Balance: how much the network invests in content and in relationships, per period.

For each activity, person-hours = duration x attendees.  Its relationship
share rho splits them: rho x person-hours go to the relationship track, the
rest to content.  Per period (month, or quarter) that gives R and C in
person-hours, and the relationship share R / (R + C).  The trend is the
least-squares slope of that share; break points are where its level shifted,
found by binary segmentation (see ``docs/analysis.md``).
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
    rho = fr.share[fr.activity_in]
    n = numbers.size
    rel = np.bincount(idx, weights=rho * ph, minlength=n).astype(np.float64)
    con = np.bincount(idx, weights=(1.0 - rho) * ph, minlength=n).astype(np.float64)
    count = np.bincount(idx, minlength=n).astype(np.int64)
    total = rel + con
    with np.errstate(invalid="ignore", divide="ignore"):
        share = np.where(total > 0, rel / total, np.nan)

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
                share, st.break_min_shift, st.break_min_periods, st.break_max
            )
        ],
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
    series: FloatArray, min_shift: float, min_len: int, max_breaks: int
) -> list[tuple[int, float, float]]:
    """Break points of a series by binary segmentation.

    Splits the series (NaN entries skipped) where two constant levels fit best,
    then splits the parts again, best gain first.  A split is kept only when both
    parts hold ``min_len`` values and their means differ by ``min_shift`` or more.
    Returns ``(index of first value after the break, mean before, mean after)``
    sorted by index, the means being those of the final neighbouring segments.
    """
    pos = np.flatnonzero(~np.isnan(series))
    values = series[pos]
    segments = [(0, values.size)]
    cuts: list[int] = []
    while len(cuts) < max_breaks:
        best: tuple[float, int, int] | None = None
        for seg_index, (lo, hi) in enumerate(segments):
            found = _best_split(values[lo:hi], min_shift, min_len)
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
    means = [float(values[a:b].mean()) for a, b in pairwise(bounds)]
    return [(int(pos[c]), means[i], means[i + 1]) for i, c in enumerate(cuts)]


def _best_split(x: FloatArray, min_shift: float, min_len: int) -> tuple[float, int] | None:
    n = x.size
    if n < 2 * min_len:
        return None
    c1 = np.cumsum(x)
    c2 = np.cumsum(x * x)
    k = np.arange(min_len, n - min_len + 1)
    left_sum, left_sq = c1[k - 1], c2[k - 1]
    right_sum, right_sq = c1[-1] - left_sum, c2[-1] - left_sq
    sse = (left_sq - left_sum**2 / k) + (right_sq - right_sum**2 / (n - k))
    shift = np.abs(left_sum / k - right_sum / (n - k))
    total_sse = c2[-1] - c1[-1] ** 2 / n
    gain = total_sse - sse
    gain = np.where(shift >= min_shift - 1e-12, gain, -np.inf)
    best = int(np.argmax(gain))
    if not np.isfinite(gain[best]):
        return None
    return float(gain[best]), int(k[best])
