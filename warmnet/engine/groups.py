"""Groups: clusters of members who spend their time together, and whether they are silos.

Groups are found by modularity (Leiden, to convergence or on a graph of more than
``settings.group_converge_edges`` edges ``settings.group_passes`` passes, the best of
``settings.group_restarts`` seeded restarts) on the graph of all time together
(relational ties plus working familiarity) of at least ``settings.group_min_tie``
effective hours, weighted by strength.  The seed is ``settings.group_seed``, a
constant: groups are a property of the data, not of a database id.  When the
groups mostly coincide with the organisations (adjusted mutual information at
least ``settings.silo_ami``; chance-corrected), the network is a set of silos:
people meet their own colleagues, not the partners.
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any, SupportsIndex

import numpy as np
import numpy.typing as npt
import scipy.sparse as sp

from warmnet.engine.frame import Frame
from warmnet.engine.graphs import (
    adjusted_mutual_information,
    adjusted_rand,
    communities_apart,
    normalised_mutual_information,
    upper_edges,
)

__all__ = ["Groups", "PendingGroups", "groups", "groups_apart"]

IntArray = npt.NDArray[np.int64]
FloatArray = npt.NDArray[np.float64]


@dataclass
class Groups:
    """Groups of members as of the analysis date."""

    #: Group of each member row, largest group 0; -1 for members without ties.
    membership: IntArray
    #: Members per group.
    sizes: IntArray
    #: Organisation row most members of each group come from, and the share they make up.
    dominant_org: IntArray
    dominant_share: FloatArray
    #: Modularity of the grouping (-0.5 to 1; above about 0.3 means clear groups).
    modularity: float
    #: Agreement of groups with organisations: normalised mutual information (0-1; grows
    #: with the number of groups, shown for reference), adjusted mutual information and
    #: adjusted Rand index (both chance-corrected: about 0 = chance, 1 = the same).
    nmi_with_orgs: float
    ari_with_orgs: float
    ami_with_orgs: float
    #: True when the groups are mostly the organisations again.
    silos: bool
    #: Leiden runs the best grouping was chosen from.
    restarts: int = 1
    #: Passes of each run; -1: each ran to convergence.
    passes: int = -1

    @property
    def count(self) -> int:
        return int(self.sizes.size)


def groups(fr: Frame, ties: sp.csr_matrix) -> Groups:
    """Groups on ``ties`` (all time together); seeded by ``settings.group_seed``."""
    return groups_apart(fr, ties, apart=False).settle()


def groups_apart(fr: Frame, ties: sp.csr_matrix, *, apart: bool = True) -> PendingGroups:
    """:func:`groups`, with Leiden run in a helper process while the caller goes on
    (``apart``): :meth:`PendingGroups.settle` gives them, waiting for Leiden."""
    st = fr.settings
    m = fr.data.n_members
    u, v, w = upper_edges(ties, st.group_min_tie)
    restarts = int(np.clip(st.group_restart_edges // max(1, u.size), 1, st.group_restarts))
    passes = -1 if u.size <= st.group_converge_edges else st.group_passes
    found = communities_apart(
        m, u, v, w, st.group_resolution, st.group_seed, restarts, passes, apart=apart
    )
    active, org, n_orgs = fr.member_active, fr.data.member_org, fr.data.n_orgs

    def finish() -> Groups:
        labels, modularity = found()
        return _described(labels, modularity, active, org, n_orgs, st.silo_ami, restarts, passes)

    return PendingGroups(finish)


class PendingGroups:
    """Groups whose Leiden run may still be going on in a helper process.  Reading any
    attribute of the groups waits for them, as does pickling (a pickled analysis holds
    :class:`Groups`); :meth:`settle` gives them."""

    def __init__(self, finish: Callable[[], Groups]) -> None:
        self._finish: Callable[[], Groups] | None = finish
        self._groups: Groups | None = None
        self._lock = threading.Lock()

    def settle(self) -> Groups:
        with self._lock:
            if self._groups is None:
                assert self._finish is not None
                self._groups, self._finish = self._finish(), None
            return self._groups

    def __getattr__(self, name: str) -> Any:
        if name.startswith("__") or name in ("_finish", "_groups", "_lock"):
            raise AttributeError(name)
        return getattr(self.settle(), name)

    def __reduce_ex__(self, protocol: SupportsIndex) -> str | tuple[Any, ...]:
        return (_as_is, (self.settle(),))  # unpickled: the groups themselves


def _as_is(found: Groups) -> Groups:
    return found


def _described(
    labels: IntArray,
    modularity: float,
    active: npt.NDArray[np.bool_],
    org: IntArray,
    n_orgs: int,
    silo_ami: float,
    restarts: int,
    passes: int,
) -> Groups:
    labels[~active] = -1
    grouped = labels >= 0
    n_groups = int(labels.max(initial=-1)) + 1
    sizes = np.bincount(labels[grouped], minlength=n_groups).astype(np.int64)
    dominant = np.full(n_groups, -1, dtype=np.int64)
    share = np.zeros(n_groups)
    if n_groups and n_orgs:
        known = grouped & (org >= 0)
        table = np.zeros((n_groups, n_orgs), dtype=np.int64)
        np.add.at(table, (labels[known], org[known]), 1)
        dominant = table.argmax(axis=1).astype(np.int64)
        with np.errstate(invalid="ignore", divide="ignore"):
            share = np.where(sizes > 0, table.max(axis=1) / sizes, 0.0)
    if grouped.sum() >= 2:
        nmi = normalised_mutual_information(labels[grouped], org[grouped])
        ari = adjusted_rand(labels[grouped], org[grouped])
        ami = adjusted_mutual_information(labels[grouped], org[grouped])
    else:
        nmi, ari, ami = 0.0, 0.0, 0.0
    return Groups(
        membership=labels,
        sizes=sizes,
        dominant_org=dominant,
        dominant_share=share,
        modularity=modularity,
        nmi_with_orgs=nmi,
        ari_with_orgs=ari,
        ami_with_orgs=ami,
        silos=bool(n_groups >= 2 and ami >= silo_ami),
        restarts=restarts,
        passes=passes,
    )
