"""Reported trust next to behavioural warmth: where what people say and what they do
part ways.

Behaviour is the analysis's organisation x organisation warmth as of the round's
closing day (``warmnet.insights.service.analysis_for``): the warm ties between the two
organisations' people, and the mean tie strength per pair of their members.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from warmnet.insights.service import analysis_for
from warmnet.network.models import Network

__all__ = [
    "HIGH_TRUST",
    "LOW_TRUST",
    "MEET_OFTEN_WARM_TIES",
    "Behaviour",
    "behaviour_between",
    "discrepancy",
]

#: Pairs whose people share at least this many warm ties "meet often".
MEET_OFTEN_WARM_TIES = 3
#: Reported trust (1-5) at or below this is low, at or above the next high.
LOW_TRUST = 3.0
HIGH_TRUST = 4.0


@dataclass(frozen=True)
class Behaviour:
    warm_ties: int
    #: Mean tie strength per pair of their members (effective hours).
    mean_tie: float


def behaviour_between(network: Network, as_of: dt.date) -> dict[tuple[int, int], Behaviour]:
    """Per pair of organisation ids (smaller first), their behavioural warmth."""
    analysis = analysis_for(network, as_of)
    ids = analysis.lookup.org_id
    warm = analysis.result.warmth.org_warm_ties
    mean = analysis.result.warmth.org_mean_tie
    out: dict[tuple[int, int], Behaviour] = {}
    n = len(ids)
    if warm.shape != (n, n):
        return out
    for i in range(n):
        for j in range(i + 1, n):
            a, b = sorted((int(ids[i]), int(ids[j])))
            out[(a, b)] = Behaviour(int(warm[i, j]), round(float(mean[i, j]), 2))
    return out


def discrepancy(trust: float | None, behaviour: Behaviour | None) -> str:
    """``"meet_often_trust_little"``, ``"trust_a_lot_never_meet"`` or ``""``."""
    if trust is None or behaviour is None:
        return ""
    if behaviour.warm_ties >= MEET_OFTEN_WARM_TIES and trust <= LOW_TRUST:
        return "meet_often_trust_little"
    if behaviour.warm_ties == 0 and trust >= HIGH_TRUST:
        return "trust_a_lot_never_meet"
    return ""
