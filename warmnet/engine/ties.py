"""Ties: how much time two members have had together, lately, in two layers.

* **relational** ties: time in relationship activities (the relationship part rho of
  an activity with two or more attendees) and 1:1 contacts: what warmth, cold
  members and bridges across a fault line are based on;
* **working familiarity**: time at the same table on content (the part 1 - rho).

Each shared activity adds ``factor(kind) x part x hours / (n - 1) x decay(age)`` to
the tie of every pair of its n attendees, ``part`` being rho for the relational layer
and 1 - rho for familiarity: the hours are shared among the other n - 1 people in the
room, and a contribution halves every ``half_life_days``, the age counted on the
network's own clock (the last day anything happened, see :mod:`warmnet.engine.frame`).
A 1:1 contact adds ``contact_hours`` of relational time.  The unit of both layers is
the *effective hour*: one hour one-to-one on the network's last active day.

Each layer is one sparse product, A . diag(w) . A^T, over only the activities that
feed it; no Python loop runs per pair or per row.
"""

from __future__ import annotations

import os
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass

import numpy as np
import numpy.typing as npt
import scipy.sparse as sp

from warmnet.engine.data import ActivityKind
from warmnet.engine.frame import Frame
from warmnet.engine.settings import AnalysisSettings

__all__ = ["Ties", "activity_tie_weights", "decay", "tie_matrices", "tie_matrix"]

FloatArray = npt.NDArray[np.float64]
IntArray = npt.NDArray[np.int64]


def decay(age_days: FloatArray, half_life_days: float) -> FloatArray:
    """Weight of something ``age_days`` old: 1 today, 1/2 after one half-life."""
    return np.exp2(-np.asarray(age_days, dtype=np.float64) / half_life_days)


def _kind_factor(kinds: npt.NDArray[np.int8], settings: AnalysisSettings) -> FloatArray:
    factor = np.ones(kinds.shape[0])
    for name, value in settings.kind_tie_factor.items():
        kind = ActivityKind[name.upper()]
        factor[kinds == kind] = value
    return factor


def activity_tie_weights(fr: Frame) -> tuple[FloatArray, FloatArray]:
    """What each activity adds to the relational tie and to the working familiarity of
    each pair of its attendees (effective hours)."""
    st = fr.settings
    d = fr.data
    n = fr.n_attendees.astype(np.float64)
    hours = np.nan_to_num(d.activity_hours.astype(np.float64), nan=0.0).clip(min=0.0)
    with np.errstate(divide="ignore", invalid="ignore"):
        per_other = np.where(n >= 2, hours / (n - 1.0), 0.0)
    base = _kind_factor(d.activity_kind, st) * per_other
    base *= decay(fr.activity_age_days, st.half_life_days)
    base = np.where(fr.activity_in, base, 0.0)
    return base * fr.share, base * (1.0 - fr.share)


def _product(left: sp.csr_matrix, right: sp.csr_matrix) -> sp.csr_matrix:
    """``left @ right`` in row blocks on a few threads (scipy releases the GIL here)."""
    workers = min(4, os.cpu_count() or 1)
    m = left.shape[0]
    if workers == 1 or left.nnz < 100_000:
        return (left @ right).tocsr()
    bounds = np.linspace(0, m, 2 * workers + 1).astype(np.int64)
    with ThreadPoolExecutor(workers) as pool:
        parts = list(
            pool.map(lambda i: left[bounds[i] : bounds[i + 1]] @ right, range(bounds.size - 1))
        )
    return _stack_rows(parts, right.shape[1])


def _stack_rows(parts: list[sp.csr_matrix], n_cols: int) -> sp.csr_matrix:
    """Row blocks glued into one matrix by concatenating their arrays (``sp.vstack``
    checks and converts every index and costs several times as much)."""
    offsets = np.cumsum([0] + [p.nnz for p in parts])
    indptr = np.concatenate(
        [np.zeros(1, dtype=np.int64)]
        + [p.indptr[1:].astype(np.int64) + off for p, off in zip(parts, offsets, strict=False)]
    )
    index_type = np.int32 if offsets[-1] < 2**31 else np.int64
    return sp.csr_matrix(
        (
            np.concatenate([p.data for p in parts]),
            np.concatenate([p.indices.astype(index_type, copy=False) for p in parts]),
            indptr.astype(index_type, copy=False),
        ),
        shape=(int(indptr.size - 1), n_cols),
    )


@dataclass
class Ties:
    """Both tie layers, member x member, symmetric, zero diagonal, in effective hours."""

    relational: sp.csr_matrix
    familiarity: sp.csr_matrix

    def total(self) -> sp.csr_matrix:
        """All time together: relational plus familiarity."""
        return (self.relational + self.familiarity).tocsr()


def _layer(
    fr: Frame, weights: FloatArray, extra: tuple[IntArray, IntArray, FloatArray] | None
) -> sp.csr_matrix:
    """A . diag(w) . A^T over the activities with a positive weight (plus ``extra``
    two-person columns: contacts), diagonal dropped."""
    m = fr.data.n_members
    keep_cols = weights > 0
    keep = keep_cols[fr.att_activity] & fr.member_active[fr.att_member]
    rows = fr.att_member[keep]
    # renumber the kept activities 0..k-1 so the matrix has no empty columns
    col_of = np.cumsum(keep_cols) - 1
    cols = col_of[fr.att_activity[keep]]
    col_weight = weights[keep_cols]
    if extra is not None and extra[0].size:
        ca, cb, cw = extra
        ids = col_weight.size + np.arange(ca.size)
        rows = np.concatenate([rows, ca, cb])
        cols = np.concatenate([cols, ids, ids])
        col_weight = np.concatenate([col_weight, cw])
    if rows.size == 0:
        return sp.csr_matrix((m, m))
    a = sp.csr_matrix(
        (np.ones(rows.size), (rows.astype(np.int32), cols.astype(np.int32))),
        shape=(m, col_weight.size),
    )
    a.sum_duplicates()
    a.data[:] = 1.0  # a member listed twice still attended once
    weighted = a.copy()
    weighted.data = col_weight[a.indices]
    ties = _product(weighted, a.T.tocsr())
    # drop the diagonal (time with oneself) without re-sorting the entries
    entry_row = np.repeat(np.arange(m, dtype=ties.indices.dtype), np.diff(ties.indptr))
    ties.data[entry_row == ties.indices] = 0.0
    ties.eliminate_zeros()
    return ties


def tie_matrices(fr: Frame) -> Ties:
    """The relational and the working-familiarity tie matrices.

    Rows and columns of members not in the network on the analysis date are empty.
    """
    relational_w, familiarity_w = activity_tie_weights(fr)
    return Ties(_layer(fr, relational_w, _contacts(fr)), _layer(fr, familiarity_w, None))


def relational_matrix(fr: Frame) -> sp.csr_matrix:
    """The relational layer of :func:`tie_matrices` alone (what warmth is based on), the
    same matrix, without computing working familiarity beside it."""
    relational_w, _ = activity_tie_weights(fr)
    return _layer(fr, relational_w, _contacts(fr))


def _contacts(fr: Frame) -> tuple[IntArray, IntArray, FloatArray] | None:
    """The 1:1 contacts in the relational layer: both people, and the hours each counts."""
    st = fr.settings
    d = fr.data
    c_in = fr.contact_in & (d.contact_a != d.contact_b) & (d.contact_a >= 0) & (d.contact_b >= 0)
    if not c_in.any():
        return None
    ca, cb = d.contact_a[c_in], d.contact_b[c_in]
    both = fr.member_active[ca] & fr.member_active[cb]
    ca, cb = ca[both], cb[both]
    age = (fr.clock - d.contact_date[c_in][both].astype("datetime64[D]")).astype(np.float64)
    return ca, cb, st.contact_hours * decay(age, st.half_life_days)


def tie_matrix(fr: Frame) -> sp.csr_matrix:
    """All time together (relational plus familiarity), one matrix."""
    return tie_matrices(fr).total()
