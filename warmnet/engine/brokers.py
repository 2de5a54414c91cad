"""Brokers: the members many warm connections run through.

Betweenness on the warm-tie graph (unweighted): for each member, the number of
pairs of other members whose shortest chain of warm ties passes through them.
Brokers hold the network together across groups; losing one cuts paths.  Above
``settings.broker_samples`` members the figure is estimated from that many
randomly drawn source members (seeded), since the exact count is too slow for a
page at ten thousand members.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import numpy.typing as npt
import scipy.sparse as sp

from warmnet.engine.frame import Frame
from warmnet.engine.graphs import betweenness, upper_edges

__all__ = ["Brokers", "brokers"]

IntArray = npt.NDArray[np.int64]
FloatArray = npt.NDArray[np.float64]


@dataclass
class Brokers:
    """Betweenness per member and the top brokers, as of the analysis date."""

    #: Pairs of members whose shortest warm chain runs through each member (a count,
    #: estimated when ``sampled``).
    betweenness: FloatArray
    #: The same divided by the number of pairs of other members (0-1).
    normalised: FloatArray
    #: Member rows of the top brokers, highest first (only members with betweenness > 0).
    top: IntArray
    sampled: bool
    samples: int


def brokers(fr: Frame, ties: sp.csr_matrix, seed: int = 0) -> Brokers:
    st = fr.settings
    m = fr.data.n_members
    u, v, _ = upper_edges(ties, st.warm_threshold)
    values, sampled = betweenness(m, u, v, st.broker_samples, seed)
    values = np.where(fr.member_active, values, 0.0)
    n = int(fr.member_active.sum())
    pairs = (n - 1) * (n - 2) / 2.0
    normalised = values / pairs if pairs > 0 else np.zeros(m)
    order = np.lexsort((np.arange(m), -values))
    top = order[values[order] > 0][: st.broker_top].astype(np.int64)
    return Brokers(values, normalised, top, sampled, st.broker_samples if sampled else n)
