"""Fault lines: for each open point of dispute, the sides and how warm the ties across them are.

A member's side on a point is their own latest position up to the analysis
date, else their organisation's latest position, else unknown.  Warmth across
the sides is the mean tie strength over all (for, against) pairs; warmth within
is the mean over pairs on the same side.  The risk is high when no warm tie
crosses, medium when the warmth across is below ``faultline_ratio_medium`` of the
warmth within, low otherwise, and none when one side is empty.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import Enum

import numpy as np
import numpy.typing as npt
import scipy.sparse as sp

from warmnet.engine.data import PointKind, PointStatus, Stance
from warmnet.engine.frame import Frame

__all__ = ["FaultLine", "Risk", "faultlines", "point_status_as_of", "stances"]

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
    #: Neutral members with a warm tie to both sides: the bridges there are.
    bridges: IntArray
    risk: Risk


def point_status_as_of(fr: Frame) -> npt.NDArray[np.int8]:
    """Each point's status on the analysis date: its recorded status when that was set on
    or before the date, else open (the earlier status is not recorded)."""
    d = fr.data
    since = d.point_status_since.astype("datetime64[D]")
    known = np.isnat(since) | (since <= fr.as_of)
    return np.where(known, d.point_status, PointStatus.OPEN).astype(np.int8)


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


def faultlines(fr: Frame, ties: sp.csr_matrix, warm: sp.csr_matrix) -> list[FaultLine]:
    d = fr.data
    st = fr.settings
    opened = d.point_opened.astype("datetime64[D]")
    status = point_status_as_of(fr)
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
            risk = Risk.NONE
        elif warm_across[i] == 0:
            risk = Risk.HIGH
        elif mean_across < st.faultline_ratio_medium * mean_within:
            risk = Risk.MEDIUM
        else:
            risk = Risk.LOW
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
            )
        )
    return result
