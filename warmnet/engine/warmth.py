"""Warmth: who is warmly connected to whom, across which organisations, and who is cold.

Warmth is about relationships, so it is read from the *relational* ties only (time
in relationship activities and 1:1 contacts, see :mod:`warmnet.engine.ties`); time
at the same negotiation table is working familiarity, reported beside it.  A tie is
*warm* when its relational strength (effective hours) is at least
``settings.warm_threshold``.  Per member: warm ties, warm ties outside
their own organisation, total tie strength.  A member is *cold* with fewer than
``cold_max_warm_ties`` warm ties, *isolated* with no tie at all, a *newcomer not
yet connected* when they joined in the last ``newcomer_days`` and have no warm
tie.  The network warmth index is the share of members with at least
``index_min_cross_ties`` warm ties outside their own organisation.

For people, a tie's strength is a word (:func:`tie_band`): *none yet*, *weak* (below
``warm_threshold``), *medium* (warm) or *strong* (warm, and at least the median of the
network's own warm ties, ``Warmth.strong_threshold``): what counts as strong is relative to
the network, as the rest of the analysis is.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np
import numpy.typing as npt
import scipy.sparse as sp

from warmnet.engine.frame import Frame

__all__ = ["TIE_BANDS", "Warmth", "tie_band", "warm_graph", "warmth"]

#: The tie strength bands, weakest first.
TIE_BANDS = ("none", "weak", "medium", "strong")

IntArray = npt.NDArray[np.int64]
FloatArray = npt.NDArray[np.float64]
BoolArray = npt.NDArray[np.bool_]


@dataclass
class Warmth:
    """Per-member and per-organisation warmth as of the analysis date.

    Per-member arrays have one entry per member row; members not in the network on
    the analysis date have zeros and are flagged in no list.
    """

    #: Number of warm ties of each member.
    warm_ties: IntArray
    #: Number of warm ties of each member to people of other organisations.
    warm_cross_ties: IntArray
    #: Sum of each member's relational tie strengths (effective hours).
    strength: FloatArray
    #: Number of members each member has any tie with.
    ties: IntArray
    #: Member rows: cold (too few warm ties), isolated (no tie), newcomers without a warm tie.
    cold: IntArray
    isolated: IntArray
    newcomers_unconnected: IntArray
    #: Warm ties between organisations (o x o; the diagonal counts ties inside one).
    org_warm_ties: IntArray
    #: Pairs of members of the two organisations with any tie, warm or weak (o x o; the
    #: diagonal counts pairs inside one).
    org_ties: IntArray
    #: Mean tie strength per pair of members of the two organisations (effective hours).
    org_mean_tie: FloatArray
    #: Members in the network on the analysis date, and warm ties in all.
    active_members: int
    total_warm_ties: int
    warm_cross_org_ties: int
    #: Share of active members with enough warm ties outside their own organisation (0-1).
    index: float
    #: Sum of each member's working familiarity (effective hours at the same table).
    familiarity_strength: FloatArray = field(default_factory=lambda: np.zeros(0))
    #: Mean relational and mean familiarity tie per pair of active members (effective hours).
    mean_relational: float = 0.0
    mean_familiarity: float = 0.0
    #: Where *strong* starts (effective hours): the median of the network's warm ties
    #: (never below the warm threshold; twice it while there is no warm tie).
    strong_threshold: float = 1.0


def tie_band(strength: float, warm_threshold: float, strong_threshold: float) -> str:
    """The band of a tie of ``strength`` effective hours: one of :data:`TIE_BANDS`."""
    if not strength > 0:
        return "none"
    if strength < warm_threshold:
        return "weak"
    return "strong" if strength >= strong_threshold else "medium"


def warm_graph(ties: sp.csr_matrix, threshold: float) -> sp.csr_matrix:
    """The warm ties only, as a 0/1 symmetric matrix (entries in the order of ``ties``)."""
    at = np.flatnonzero(ties.data >= threshold)
    counts = np.bincount(entry_rows(ties, at), minlength=ties.shape[0])
    indptr = np.concatenate([[0], np.cumsum(counts)]).astype(ties.indptr.dtype)
    return sp.csr_matrix((np.ones(at.size), ties.indices[at].copy(), indptr), shape=ties.shape)


def entry_rows(mat: sp.csr_matrix, entries: IntArray) -> IntArray:
    """Row of each of a few stored ``entries`` of a CSR matrix (positions in ``data``),
    found by bisection rather than by expanding the row of every entry."""
    return np.searchsorted(mat.indptr, entries, side="right").astype(np.int64) - 1


def warmth(fr: Frame, ties: sp.csr_matrix, familiarity: sp.csr_matrix | None = None) -> Warmth:
    """Warmth from the relational ``ties``; ``familiarity`` is summed beside it."""
    st = fr.settings
    d = fr.data
    m, o = d.n_members, d.n_orgs
    active = fr.member_active
    values = ties.data
    org = d.member_org
    # Warm ties are a small part of all entries: locate them, and look at only them.
    warm_at = np.flatnonzero(values >= st.warm_threshold)
    warm_rows = entry_rows(ties, warm_at)
    warm_cols = ties.indices[warm_at].astype(np.int64)
    warm_ro, warm_co = org[warm_rows], org[warm_cols]
    warm_cross_rows = warm_rows[warm_ro != warm_co]

    warm_ties = np.bincount(warm_rows, minlength=m).astype(np.int64)
    warm_cross = np.bincount(warm_cross_rows, minlength=m).astype(np.int64)
    # the row sums add each row's entries in stored order, as a bincount over them would
    strength = np.asarray(ties @ np.ones(ties.shape[1])).ravel().astype(np.float64)
    degree = np.diff(ties.indptr).astype(np.int64)

    cold = np.flatnonzero(active & (warm_ties < st.cold_max_warm_ties))
    isolated = np.flatnonzero(active & (degree == 0))
    joined = d.member_joined.astype("datetime64[D]")
    recent = ~np.isnat(joined) & (joined > fr.as_of - np.timedelta64(st.newcomer_days, "D"))
    newcomers = np.flatnonzero(active & recent & (warm_ties == 0))

    org_warm = np.zeros((o, o), dtype=np.int64)
    org_ties = np.zeros((o, o), dtype=np.int64)
    org_mean = np.zeros((o, o))
    if o and values.size:
        # members without an organisation go to an extra row and column, dropped after;
        # one pass over all entries, in 32-bit keys, for the pair sums and counts
        oo = o + 1
        key = np.int32 if oo * oo < 2**31 else np.int64
        org_or_extra = np.where(org >= 0, org, o).astype(key)
        flat = np.repeat(org_or_extra * oo, np.diff(ties.indptr))  # stays 32-bit (NEP 50)
        flat += org_or_extra[ties.indices]
        org_sum = np.bincount(flat, weights=values, minlength=oo * oo).reshape(oo, oo)[:o, :o]
        org_ties = np.bincount(flat, minlength=oo * oo).reshape(oo, oo)[:o, :o].copy()
        org_ties[np.diag_indices(o)] //= 2  # each pair inside one organisation came twice
        warm_flat = np.where(warm_ro >= 0, warm_ro, o) * oo + np.where(warm_co >= 0, warm_co, o)
        org_warm = np.bincount(warm_flat, minlength=oo * oo).reshape(oo, oo)[:o, :o].copy()
        org_warm[np.diag_indices(o)] //= 2
        size = np.bincount(org[active & (org >= 0)], minlength=o).astype(np.float64)
        pairs = np.outer(size, size)
        pairs[np.diag_indices(o)] = size * (size - 1)
        with np.errstate(invalid="ignore", divide="ignore"):
            org_mean = np.where(pairs > 0, org_sum / np.where(pairs > 0, pairs, 1.0), 0.0)

    n_active = int(active.sum())
    index = float((warm_cross[active] >= st.index_min_cross_ties).mean()) if n_active else 0.0
    if familiarity is not None and familiarity.shape == ties.shape:
        fam_strength = np.asarray(familiarity @ np.ones(ties.shape[1])).ravel()
    else:
        fam_strength = np.zeros(m)
    pairs_all = n_active * (n_active - 1)
    mean_rel = float(strength[active].sum() / pairs_all) if pairs_all else 0.0
    mean_fam = float(fam_strength[active].sum() / pairs_all) if pairs_all else 0.0
    strong = float(np.median(values[warm_at])) if warm_at.size else 2 * st.warm_threshold
    return Warmth(
        warm_ties=warm_ties,
        warm_cross_ties=warm_cross,
        strength=strength,
        ties=degree,
        cold=cold,
        isolated=isolated,
        newcomers_unconnected=newcomers,
        org_warm_ties=org_warm.astype(np.int64),
        org_ties=org_ties.astype(np.int64),
        org_mean_tie=org_mean,
        active_members=n_active,
        total_warm_ties=int(warm_rows.size // 2),
        warm_cross_org_ties=int(warm_cross_rows.size // 2),
        index=index,
        familiarity_strength=fam_strength,
        mean_relational=mean_rel,
        mean_familiarity=mean_fam,
        strong_threshold=max(strong, st.warm_threshold),
    )
