"""People in the network a member has not met yet, worth meeting.  Pure numpy/scipy.

This belongs with the engine's warmth family; it lives here until the engine takes it
over (the signature is engine-style: the tie matrix and arrays in, member rows out).
"""

from __future__ import annotations

import numpy as np
import numpy.typing as npt
import scipy.sparse as sp

__all__ = ["not_met_yet"]

IntArray = npt.NDArray[np.int64]
FloatArray = npt.NDArray[np.float64]
BoolArray = npt.NDArray[np.bool_]


def not_met_yet(
    ties: sp.csr_matrix,
    row: int,
    active: BoolArray,
    member_org: IntArray,
    org_closeness: FloatArray,
    limit: int = 8,
) -> tuple[IntArray, FloatArray, IntArray]:
    """Up to ``limit`` members ``row`` has no tie with, the most reachable first.

    The score of a candidate is the *introduction strength*: summed over the people both
    know, the geometric mean of the two ties (sqrt(t_ik x t_kj), in effective hours).  It
    is high when someone the member knows well also knows the candidate well, so there is
    a natural introducer.  A member with no ties yet (a newcomer) has no such paths;
    they are offered the best-connected members of the organisations closest to their
    own (``org_closeness``: organisation x organisation mean tie strength, the
    organisation neighbourhood), scored 0.

    Returns the member rows, their scores, and for each the row of the best introducer
    (-1 when there is none).  Never the member themself, never someone they already
    have a tie with, never someone outside the network on the analysis date.
    """
    m = ties.shape[0]
    start, end = ties.indptr[row], ties.indptr[row + 1]
    mine_cols = ties.indices[start:end].astype(np.int64)
    mine_root = np.sqrt(ties.data[start:end])
    # only the rows of the people the member knows are needed: sqrt(t_ik) . sqrt(t_kj)
    second = ties[mine_cols]
    second.data = np.sqrt(second.data)
    via = np.asarray(second.T @ mine_root).ravel() if mine_cols.size else np.zeros(m)
    excluded = np.zeros(m, dtype=bool)
    excluded[row] = True
    excluded[mine_cols] = True
    candidate = active & ~excluded
    score = np.where(candidate, via, 0.0)
    picked = np.flatnonzero(score > 0)
    picked = picked[np.lexsort((picked, -score[picked]))][:limit]

    if picked.size < limit and member_org[row] >= 0 and org_closeness.size:
        strength = np.asarray(ties.sum(axis=1)).ravel()
        closeness = org_closeness[member_org[row]]
        known = member_org >= 0
        near = np.where(known, closeness[np.where(known, member_org, 0)], 0.0)
        rest = candidate & (score <= 0) & known & (near > 0)
        extra = np.flatnonzero(rest)
        extra = extra[np.lexsort((extra, -strength[extra], -near[extra]))]
        picked = np.concatenate([picked, extra[: limit - picked.size]]).astype(np.int64)

    introducer = np.full(picked.size, -1, dtype=np.int64)
    for i, cand in enumerate(picked.tolist()):
        if score[cand] <= 0:
            continue
        cols = ties.indices[ties.indptr[cand] : ties.indptr[cand + 1]]
        common, at_mine, at_cand = np.intersect1d(mine_cols, cols, return_indices=True)
        through = mine_root[at_mine] * np.sqrt(ties.data[ties.indptr[cand] + at_cand])
        introducer[i] = int(common[int(np.argmax(through))])
    return picked.astype(np.int64), score[picked], introducer
