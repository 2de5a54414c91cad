"""Hard moments as ground truth: how warm were the ties across the parties before it?

The method's claim is that a network that kept investing in relationships holds
together at "the first really difficult situation", and one that did not falls back
into its trenches.  Each recorded hard moment (a conflict, a crisis, a partner
threatening to leave) with its outcome is a test of that claim on the network's own
history: :func:`hard_moments` measures the *relational* ties across the parties
involved as they stood the day before it, from the relationship time of the
``hard_moment_window_months`` before it, and sets that beside the outcome.

The parties are the moment's organisations; with two or more, the ties across are
those between members of different parties; with one, those between its members and
everyone else; with none recorded, those between members of different organisations.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import Enum

import numpy as np
import numpy.typing as npt
import scipy.sparse as sp

from warmnet.engine.data import HardMomentOutcome
from warmnet.engine.frame import Frame
from warmnet.engine.scenario import DAYS_PER_MONTH
from warmnet.engine.ties import decay

__all__ = ["CrossWarmth", "HardMomentTest", "TiesBefore", "cross_warmth", "hard_moments"]

IntArray = npt.NDArray[np.int64]


class TiesBefore(Enum):
    """How warm the ties across the parties were: warm when at least half of the people
    involved had a warm relational tie across, cold when fewer than a quarter had, cool
    in between."""

    WARM = "warm"
    COOL = "cool"
    COLD = "cold"


@dataclass(frozen=True)
class CrossWarmth:
    """Relational warmth across sides among some members."""

    #: Members involved (in the network on the day).
    members: int
    #: Pairs of them on different sides, and the warm relational ties among those pairs.
    pairs_across: int
    warm_across: int
    #: Mean relational tie per pair across (effective hours).
    mean_across: float
    #: Share of the members with at least one warm relational tie across (0-1).
    share_connected: float
    ties: TiesBefore


@dataclass(frozen=True)
class HardMomentTest:
    """One hard moment, the warmth across its parties before it, and its outcome."""

    moment: int  # hard moment row
    day: np.datetime64
    outcome: HardMomentOutcome
    #: Organisation rows of the parties (empty: the whole network).
    parties: IntArray
    before: CrossWarmth
    #: Whether the outcome is the one the method expects from the warmth before it: warm
    #: ties and held together, or cold ties and damaged or broke apart.  None while the
    #: outcome is unknown or the ties were cool (the method makes no sharp claim there).
    as_expected: bool | None


WARM_SHARE = 0.5
COLD_SHARE = 0.25


def _label(share: float) -> TiesBefore:
    if share >= WARM_SHARE:
        return TiesBefore.WARM
    return TiesBefore.COLD if share < COLD_SHARE else TiesBefore.COOL


def cross_warmth(
    ties: sp.csr_matrix, members: IntArray, side: IntArray, threshold: float
) -> CrossWarmth:
    """Warmth of ``ties`` across sides among ``members`` (rows), ``side`` giving each
    one's side (equal sides are the same side)."""
    n = int(members.size)
    if n < 2:
        return CrossWarmth(n, 0, 0, 0.0, 0.0, TiesBefore.COLD)
    sub = ties[members][:, members].tocoo()
    across = side[sub.row] != side[sub.col]
    values = sub.data[across]
    warm = values >= threshold
    _, counts = np.unique(side, return_counts=True)
    pairs = int((n * n - int((counts.astype(np.int64) ** 2).sum())) // 2)
    connected = np.zeros(n, dtype=bool)
    connected[sub.row[across][warm]] = True
    warm_across = int(warm.sum() // 2)
    share = float(connected.mean())
    mean = float(values.sum() / 2.0 / pairs) if pairs else 0.0
    return CrossWarmth(n, pairs, warm_across, mean, share, _label(share))


def _relational_before(fr: Frame, members: IntArray, day: np.datetime64) -> sp.csr_matrix:
    """Relational ties among ``members`` as they stood the day before ``day``, from the
    relationship time of the window before it (members x members, in ``members`` order)."""
    st = fr.settings
    d = fr.data
    eve = day - np.timedelta64(1, "D")
    start = day - np.timedelta64(round(st.hard_moment_window_months * DAYS_PER_MONTH), "D")
    local = np.full(d.n_members, -1, dtype=np.int64)
    local[members] = np.arange(members.size)
    act_ok = fr.activity_in & (fr.activity_day >= start) & (fr.activity_day <= eve)
    hours = np.nan_to_num(d.activity_hours.astype(np.float64), nan=0.0).clip(min=0.0)
    n = fr.n_attendees.astype(np.float64)
    with np.errstate(divide="ignore", invalid="ignore"):
        per_other = np.where(n >= 2, hours / (n - 1.0), 0.0)
    age = (eve - fr.activity_day).astype("timedelta64[D]").astype(np.float64)
    w = np.where(
        act_ok, fr.share * per_other * decay(np.where(act_ok, age, 0.0), st.half_life_days), 0.0
    )
    rows_ok = (local[fr.att_member] >= 0) & (w[fr.att_activity] > 0)
    r = local[fr.att_member[rows_ok]]
    c = fr.att_activity[rows_ok]
    cols, c = np.unique(c, return_inverse=True)
    col_w = w[cols]
    cday = d.contact_date.astype("datetime64[D]")
    c_ok = ~np.isnat(cday) & (cday >= start) & (cday <= eve) & (d.contact_a != d.contact_b)
    c_ok &= (d.contact_a >= 0) & (d.contact_b >= 0)
    if c_ok.any():
        ca, cb = local[d.contact_a[c_ok]], local[d.contact_b[c_ok]]
        both = (ca >= 0) & (cb >= 0)
        ca, cb = ca[both], cb[both]
        cage = (eve - cday[c_ok][both]).astype(np.float64)
        ids = col_w.size + np.arange(ca.size)
        r = np.concatenate([r, ca, cb])
        c = np.concatenate([c, ids, ids])
        col_w = np.concatenate([col_w, st.contact_hours * decay(cage, st.half_life_days)])
    k = members.size
    if r.size == 0:
        return sp.csr_matrix((k, k))
    a = sp.csr_matrix((np.ones(r.size), (r, c)), shape=(k, col_w.size))
    a.sum_duplicates()
    a.data[:] = 1.0
    out = (a @ sp.diags(col_w) @ a.T).tocsr()
    out.setdiag(0.0)
    out.eliminate_zeros()
    return out


def _in_network_on(fr: Frame, day: np.datetime64) -> npt.NDArray[np.bool_]:
    d = fr.data
    joined = d.member_joined.astype("datetime64[D]")
    left = d.member_left.astype("datetime64[D]")
    return (np.isnat(joined) | (joined < day)) & (np.isnat(left) | (left >= day))


def moment_parties(fr: Frame, row: int) -> IntArray:
    d = fr.data
    if d.hard_moment_party_moment.size == 0:
        return np.zeros(0, dtype=np.int64)
    return np.unique(d.hard_moment_party_org[d.hard_moment_party_moment == row]).astype(np.int64)


def moment_scope(
    fr: Frame, parties: IntArray, present: npt.NDArray[np.bool_]
) -> tuple[IntArray, IntArray]:
    """Members in scope of a moment with these parties, and each one's side."""
    org = fr.data.member_org
    if parties.size >= 2:
        members = np.flatnonzero(present & np.isin(org, parties))
        return members, org[members]
    members = np.flatnonzero(present)
    if parties.size == 1:
        return members, (org[members] == parties[0]).astype(np.int64)
    # no parties recorded: across organisations (members without one are their own side)
    side = np.where(org[members] >= 0, org[members], -1 - members)
    return members, side.astype(np.int64)


def hard_moments(fr: Frame, ties: sp.csr_matrix) -> list[HardMomentTest]:
    """Every hard moment on or before the analysis day, oldest first."""
    d = fr.data
    st = fr.settings
    day = d.hard_moment_date.astype("datetime64[D]")
    rows = np.flatnonzero(~np.isnat(day) & (day <= fr.as_of))
    out = []
    for row in rows[np.argsort(day[rows], kind="stable")]:
        when = day[row]
        parties = moment_parties(fr, int(row))
        members, side = moment_scope(fr, parties, _in_network_on(fr, when))
        before = cross_warmth(
            _relational_before(fr, members, when), np.arange(members.size), side, st.warm_threshold
        )
        code = int(d.hard_moment_outcome[row]) if row < d.hard_moment_outcome.size else -1
        outcome = (
            HardMomentOutcome(code)
            if code in HardMomentOutcome._value2member_map_
            else HardMomentOutcome.UNKNOWN
        )
        expected: bool | None = None
        if outcome is not HardMomentOutcome.UNKNOWN and before.ties is not TiesBefore.COOL:
            held = outcome is HardMomentOutcome.HELD_TOGETHER
            expected = held == (before.ties is TiesBefore.WARM)
        out.append(HardMomentTest(int(row), when, outcome, parties, before, expected))
    return out
