"""Fault lines: for each open point of dispute, the sides and how warm the ties across them are.

A member's side on a point is their own latest position up to the analysis
date, else their organisation's latest position, else unknown.  Warmth across
the sides is the mean *relational* tie over all (for, against) pairs (time spent
negotiating the point together is not a bridge across it); warmth within is the
mean over pairs on the same side.  The risk from the ties is high when no warm
tie crosses, medium when the warmth across is below ``faultline_ratio_medium`` of
the warmth within, low otherwise, and none when one side is empty.  The fight
itself raises it one step (to at most high): the point is deadlocked, or open
without a change for ``stuck_months``, or a hard moment that damaged the network
or broke it apart fell in the last ``hard_moment_recent_months`` among the
organisations on the sides.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import Enum
from typing import TYPE_CHECKING

import numpy as np
import numpy.typing as npt
import scipy.sparse as sp

from warmnet.engine.data import PointKind, PointStatus, Stance
from warmnet.engine.frame import Frame

if TYPE_CHECKING:
    from warmnet.engine.hardmoments import HardMomentTest

__all__ = [
    "FaultLine",
    "Risk",
    "faultlines",
    "point_status_as_of",
    "point_status_since_as_of",
    "stances",
]

IntArray = npt.NDArray[np.int64]
UNKNOWN = 2  # stance code for "no position known"


class Risk(Enum):
    NONE = "none"
    LOW = "low"
    MEDIUM = "medium"
    HIGH = "high"


@dataclass
class FaultLine:
    """One point of dispute and the warmth across its sides."""

    point: int
    status: PointStatus
    #: Member rows for and against (in the network on the analysis date).
    for_members: IntArray
    against_members: IntArray
    neutral: int
    #: Warm ties between a member for and one against.
    warm_across: int
    #: Mean tie strength across the sides and within them (effective hours per pair).
    mean_across: float
    mean_within: float
    #: Neutral members with a warm relational tie to both sides: the bridges there are.
    bridges: IntArray
    risk: Risk
    #: The risk from the ties alone, before the fight raised it.
    tie_risk: Risk = Risk.NONE
    #: Why the risk was raised above ``tie_risk``: "deadlocked", "long_open",
    #: "hard_moment" (codes).
    raised_by: tuple[str, ...] = ()
    #: Mean working familiarity across the sides (effective hours per pair): time at the
    #: same table, shown for contrast; it does not lower the risk.
    familiarity_across: float = 0.0


_ORDER = [Risk.NONE, Risk.LOW, Risk.MEDIUM, Risk.HIGH]


def _history(fr: Frame) -> tuple[npt.NDArray[np.int8], npt.NDArray[np.datetime64]] | None:
    """Each point's status and since-when on the analysis date from the dated status
    history, when the data has one (None otherwise)."""
    d = fr.data
    if d.status_change_point.size == 0:
        return None
    p = d.point_id.size
    status = np.full(p, PointStatus.OPEN, dtype=np.int8)
    since = d.point_opened.astype("datetime64[D]").copy()
    day = d.status_change_date.astype("datetime64[D]")
    ok = ~np.isnat(day) & (day <= fr.as_of) & (d.status_change_point >= 0)
    rows = np.flatnonzero(ok)
    if rows.size:
        latest = _latest(d.status_change_point[rows], day[rows], p)
        found = np.flatnonzero(latest >= 0)
        status[found] = d.status_change_status[rows[latest[found]]]
        since[found] = day[rows[latest[found]]]
    # points with no history at all keep their one recorded status
    has_any = np.zeros(p, dtype=bool)
    has_any[d.status_change_point[d.status_change_point >= 0]] = True
    if (~has_any).any():
        old_status, old_since = _recorded(fr)
        status[~has_any] = old_status[~has_any]
        since[~has_any] = old_since[~has_any]
    return status, since


def _recorded(fr: Frame) -> tuple[npt.NDArray[np.int8], npt.NDArray[np.datetime64]]:
    d = fr.data
    since = d.point_status_since.astype("datetime64[D]")
    known = np.isnat(since) | (since <= fr.as_of)
    status = np.where(known, d.point_status, PointStatus.OPEN).astype(np.int8)
    return status, np.where(known, since, d.point_opened.astype("datetime64[D]"))


def point_status_as_of(fr: Frame) -> npt.NDArray[np.int8]:
    """Each point's status on the analysis date: from the dated status history when there
    is one (the latest change on or before the date; open before the first), else its
    recorded status when that was set on or before the date, else open."""
    found = _history(fr)
    return found[0] if found is not None else _recorded(fr)[0]


def point_status_since_as_of(fr: Frame) -> npt.NDArray[np.datetime64]:
    """The day each point's status on the analysis date was set (its opening day when it
    has been open from the start)."""
    found = _history(fr)
    return found[1] if found is not None else _recorded(fr)[1]


def _latest(keys: IntArray, dates: npt.NDArray[np.datetime64], n_keys: int) -> IntArray:
    """Row index of the latest entry per key (-1 where a key has none)."""
    out = np.full(n_keys, -1, dtype=np.int64)
    if keys.size == 0:
        return out
    order = np.lexsort((np.arange(keys.size), dates.astype(np.int64), keys))
    last = np.r_[keys[order][1:] != keys[order][:-1], True]
    out[keys[order][last]] = order[last]
    return out


def stances(fr: Frame, points: IntArray) -> npt.NDArray[np.int8]:
    """Stance of every member on each of ``points`` (rows), as a points x members array:
    -1 against, 0 neutral, 1 for, 2 unknown."""
    d = fr.data
    m, o = d.n_members, d.n_orgs
    p = points.size
    local = np.full(d.point_id.size, -1, dtype=np.int64)
    local[points] = np.arange(p)
    pdate = d.position_date.astype("datetime64[D]")
    nat = np.isnat(pdate)
    usable = (nat | (pdate <= fr.as_of)) & (local[d.position_point] >= 0)
    dates = np.where(nat, np.datetime64(0, "D"), pdate)
    lp = local[d.position_point]

    result = np.full((p, m), UNKNOWN, dtype=np.int8)
    org_rows = np.flatnonzero(usable & (d.position_member < 0) & (d.position_org >= 0))
    if org_rows.size and o:
        keys = lp[org_rows] * o + d.position_org[org_rows]
        latest = _latest(keys, dates[org_rows], p * o)
        flat_stance = np.full(p * o, UNKNOWN, dtype=np.int8)
        found = latest >= 0
        flat_stance[found] = d.position_stance[org_rows[latest[found]]]
        org_stance = flat_stance.reshape(p, o)
        has_org = d.member_org >= 0
        result[:, has_org] = org_stance[:, d.member_org[has_org]]
    mem_rows = np.flatnonzero(usable & (d.position_member >= 0))
    if mem_rows.size:
        keys = lp[mem_rows] * m + d.position_member[mem_rows]
        latest = _latest(keys, dates[mem_rows], p * m)
        cells = np.flatnonzero(latest >= 0)
        result.reshape(-1)[cells] = d.position_stance[mem_rows[latest[cells]]]
    return result


def _indicator(mask: npt.NDArray[np.bool_]) -> sp.csr_matrix:
    return sp.csr_matrix(mask.astype(np.float64))


def _damaging_recent(fr: Frame, tests: list[HardMomentTest]) -> list[IntArray | None]:
    """Parties (organisation rows; None for the whole network) of hard moments that
    damaged the network or broke it apart in the last ``hard_moment_recent_months``."""
    from warmnet.engine.data import HardMomentOutcome
    from warmnet.engine.scenario import DAYS_PER_MONTH

    st = fr.settings
    recent = fr.as_of - np.timedelta64(round(st.hard_moment_recent_months * DAYS_PER_MONTH), "D")
    bad = (HardMomentOutcome.DAMAGED, HardMomentOutcome.BROKE_APART)
    return [
        (t.parties if t.parties.size else None)
        for t in tests
        if t.outcome in bad and t.day >= recent
    ]


def faultlines(
    fr: Frame,
    ties: sp.csr_matrix,
    warm: sp.csr_matrix,
    tests: list[HardMomentTest] | None = None,
    familiarity: sp.csr_matrix | None = None,
) -> list[FaultLine]:
    """Fault lines of the open disputes on the relational ``ties`` (``warm``: its warm
    ties as 0/1), raised by the fight (status, time open, recent damaging hard moments)."""
    d = fr.data
    st = fr.settings
    opened = d.point_opened.astype("datetime64[D]")
    status = point_status_as_of(fr)
    status_since = point_status_since_as_of(fr)
    damaging = _damaging_recent(fr, tests or [])
    points = np.flatnonzero(
        (d.point_kind == PointKind.DISPUTE)
        & (np.isnat(opened) | (opened <= fr.as_of))
        & (status != PointStatus.AGREED)
    )
    if points.size == 0:
        return []
    stance = stances(fr, points)
    stance[:, ~fr.member_active] = UNKNOWN
    pro, con, neu = (stance == Stance.FOR), (stance == Stance.AGAINST), (stance == Stance.NEUTRAL)
    s_for, s_against = _indicator(pro), _indicator(con)

    def pair_sum(left: sp.csr_matrix, mat: sp.csr_matrix, right: sp.csr_matrix) -> np.ndarray:
        return np.asarray((left @ mat).multiply(right).sum(axis=1)).ravel()

    across = pair_sum(s_for, ties, s_against)
    fam_across = (
        pair_sum(s_for, familiarity, s_against)
        if familiarity is not None and familiarity.shape == ties.shape
        else np.zeros(points.size)
    )
    warm_across = pair_sum(s_for, warm, s_against)
    within = (pair_sum(s_for, ties, s_for) + pair_sum(s_against, ties, s_against)) / 2.0
    n_for, n_against = pro.sum(axis=1), con.sum(axis=1)
    pairs_across = n_for * n_against
    pairs_within = (n_for * (n_for - 1) + n_against * (n_against - 1)) / 2.0
    to_for = (s_for @ warm).toarray() > 0
    to_against = (s_against @ warm).toarray() > 0
    bridges = neu & to_for & to_against

    result = []
    for i, row in enumerate(points):
        mean_across = float(across[i] / pairs_across[i]) if pairs_across[i] else 0.0
        mean_within = float(within[i] / pairs_within[i]) if pairs_within[i] else 0.0
        if pairs_across[i] == 0:
            tie_risk = Risk.NONE
        elif warm_across[i] == 0:
            tie_risk = Risk.HIGH
        elif mean_across < st.faultline_ratio_medium * mean_within:
            tie_risk = Risk.MEDIUM
        else:
            tie_risk = Risk.LOW
        raised: list[str] = []
        if tie_risk is not Risk.NONE:
            months = (fr.as_of - status_since[row]).astype(np.int64) / 30.44
            if status[row] == PointStatus.DEADLOCKED:
                raised.append("deadlocked")
            elif status[row] == PointStatus.OPEN and months >= st.stuck_months:
                raised.append("long_open")
            side_orgs = d.member_org[np.flatnonzero(pro[i] | con[i])]
            if any(p is None or np.isin(side_orgs, p).any() for p in damaging):
                raised.append("hard_moment")
        risk = _ORDER[min(3, _ORDER.index(tie_risk) + (1 if raised else 0))]
        result.append(
            FaultLine(
                point=int(row),
                status=PointStatus(int(status[row])),
                for_members=np.flatnonzero(pro[i]).astype(np.int64),
                against_members=np.flatnonzero(con[i]).astype(np.int64),
                neutral=int(neu[i].sum()),
                warm_across=round(float(warm_across[i])),
                mean_across=mean_across,
                mean_within=mean_within,
                bridges=np.flatnonzero(bridges[i]).astype(np.int64),
                risk=risk,
                tie_risk=tie_risk,
                raised_by=tuple(raised),
                familiarity_across=float(fam_across[i] / pairs_across[i])
                if pairs_across[i]
                else 0.0,
            )
        )
    return result
