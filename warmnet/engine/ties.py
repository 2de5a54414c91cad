"""Tie strength: how much one-to-one time two members have had together, lately.

Each shared activity adds ``weight(kind, rho) x hours / (n - 1) x decay(age)`` to
the tie of every pair of its n attendees: the hours are shared among the other
n - 1 people in the room, informal time weighs more than content time, and a
contribution halves every ``half_life_days``.  A 1:1 contact adds
``contact_hours`` of relationship time, decayed the same way.  The unit is
*effective hours*: one hour one-to-one, informal weight 1, today.

The whole matrix is one sparse product, A . diag(w) . A^T, with A the member x
activity attendance matrix; no Python loop runs per pair or per row.
"""

from __future__ import annotations

import os
from concurrent.futures import ThreadPoolExecutor

import numpy as np
import numpy.typing as npt
import scipy.sparse as sp

from warmnet.engine.data import ActivityKind
from warmnet.engine.frame import Frame
from warmnet.engine.settings import AnalysisSettings

__all__ = ["activity_tie_weights", "decay", "tie_matrix"]

FloatArray = npt.NDArray[np.float64]


def decay(age_days: FloatArray, half_life_days: float) -> FloatArray:
    """Weight of something ``age_days`` old: 1 today, 1/2 after one half-life."""
    return np.exp2(-np.asarray(age_days, dtype=np.float64) / half_life_days)


def _kind_factor(kinds: npt.NDArray[np.int8], settings: AnalysisSettings) -> FloatArray:
    factor = np.ones(kinds.shape[0])
    for name, value in settings.kind_tie_factor.items():
        kind = ActivityKind[name.upper()]
        factor[kinds == kind] = value
    return factor


def activity_tie_weights(fr: Frame) -> FloatArray:
    """What each activity adds to the tie of each pair of its attendees (effective hours)."""
    st = fr.settings
    d = fr.data
    n = fr.n_attendees.astype(np.float64)
    kind_weight = (1.0 - fr.share) * st.content_tie_weight + fr.share * st.relationship_tie_weight
    kind_weight *= _kind_factor(d.activity_kind, st)
    hours = np.nan_to_num(d.activity_hours.astype(np.float64), nan=0.0).clip(min=0.0)
    with np.errstate(divide="ignore", invalid="ignore"):
        per_other = np.where(n >= 2, hours / (n - 1.0), 0.0)
    w = kind_weight * per_other * decay(fr.activity_age_days, st.half_life_days)
    return np.where(fr.activity_in, w, 0.0)


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


def tie_matrix(fr: Frame) -> sp.csr_matrix:
    """Symmetric member x member matrix of tie strengths in effective hours, zero diagonal.

    Rows and columns of members not in the network on the analysis date are empty.
    """
    st = fr.settings
    d = fr.data
    m = d.n_members
    w = activity_tie_weights(fr)
    keep = (w[fr.att_activity] > 0) & fr.member_active[fr.att_member]
    rows = fr.att_member[keep]
    cols = fr.att_activity[keep]
    col_weight = w

    # A 1:1 contact is a two-person activity of its own: one more column, so that the
    # one product covers it too and no sparse addition (which sorts every entry) is needed.
    c_in = fr.contact_in & (d.contact_a != d.contact_b)
    if c_in.any():
        ca, cb = d.contact_a[c_in], d.contact_b[c_in]
        both = fr.member_active[ca] & fr.member_active[cb]
        ca, cb = ca[both], cb[both]
        age = (fr.as_of - d.contact_date[c_in][both].astype("datetime64[D]")).astype(np.float64)
        cw = st.contact_hours * st.relationship_tie_weight * decay(age, st.half_life_days)
        extra = d.n_activities + np.arange(ca.size)
        rows = np.concatenate([rows, ca, cb])
        cols = np.concatenate([cols, extra, extra])
        col_weight = np.concatenate([w, cw])

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
