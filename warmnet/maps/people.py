"""What the analysis says about one member: their ties, their standing, whom to meet."""

from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np

from warmnet.engine.warmth import tie_band
from warmnet.insights.service import Analysis
from warmnet.maps.acquaintances import not_met_yet
from warmnet.maps.queries import active_mask
from warmnet.network.models import Member

__all__ = ["MemberInsights", "TieRow", "member_insights"]

SHOW_TIES = 15


@dataclass(frozen=True)
class TieRow:
    pk: int
    name: str
    organisation: str
    strength: float
    warm: bool
    across: bool
    #: Bar length 0-100 (share of the member's strongest tie).
    bar: int
    #: For "not met yet": who could introduce them ('' when nobody).
    via: str = ""
    #: strong, medium, weak or none (:func:`warmnet.engine.warmth.tie_band`).
    band: str = "none"


@dataclass
class MemberInsights:
    found: bool
    warm_ties: int = 0
    warm_across: int = 0
    weak_ties: int = 0
    within: int = 0
    across: int = 0
    strength: float = 0.0
    #: Status codes: broker, cold, isolated, newcomer, warm; away (not in the network then).
    status: list[str] = field(default_factory=list)
    broker_rank: int = 0
    ties: list[TieRow] = field(default_factory=list)
    more_ties: int = 0
    unmet: list[TieRow] = field(default_factory=list)


def member_insights(analysis: Analysis, member: Member) -> MemberInsights:
    lookup, result = analysis.lookup, analysis.result
    rows = {pk: i for i, pk in enumerate(lookup.member_id)}
    row = rows.get(member.pk)
    if row is None:
        return MemberInsights(found=False)
    active = active_mask(member.network, lookup.member_id, analysis.as_of)
    if not active[row]:
        # ties count only while someone is in the network
        return MemberInsights(found=True, status=["away"])
    threshold = result.settings.warm_threshold
    member_org = np.asarray(lookup.member_org, dtype=np.int64)
    ties = result.ties
    cols = ties.indices[ties.indptr[row] : ties.indptr[row + 1]].astype(np.int64)
    values = ties.data[ties.indptr[row] : ties.indptr[row + 1]]
    order = np.lexsort((cols, -values))
    cols, values = cols[order], values[order]
    warm = values >= threshold
    across = member_org[cols] != member_org[row]
    top = float(values[0]) if values.size else 1.0

    def tie_row(col: int, strength: float, via: str = "") -> TieRow:
        org = int(member_org[col])
        return TieRow(
            pk=lookup.member_id[col],
            name=lookup.member_name[col],
            organisation=lookup.organisation(org) if org >= 0 else "",
            strength=round(strength, 2),
            warm=strength >= threshold,
            across=org != member_org[row],
            bar=max(2, round(100 * strength / top)) if top > 0 else 0,
            via=via,
            band=tie_band(strength, threshold, result.warmth.strong_threshold),
        )

    w = result.warmth
    status = []
    brokers = result.brokers.top.tolist()
    if row in brokers:
        status.append("broker")
    if row in set(w.isolated.tolist()):
        status.append("isolated")
    elif row in set(w.newcomers_unconnected.tolist()):
        status.append("newcomer")
    elif row in set(w.cold.tolist()):
        status.append("cold")
    if not status:
        status.append("warm")

    picked, _score, introducer = not_met_yet(ties, row, active, member_org, w.org_mean_tie, limit=8)
    unmet = [
        tie_row(int(c), 0.0, lookup.member_name[i] if i >= 0 else "")
        for c, i in zip(picked.tolist(), introducer.tolist(), strict=True)
    ]
    return MemberInsights(
        found=True,
        warm_ties=int(warm.sum()),
        warm_across=int((warm & across).sum()),
        weak_ties=int((~warm).sum()),
        within=int((~across).sum()),
        across=int(across.sum()),
        strength=round(float(values.sum()), 1),
        status=status,
        broker_rank=brokers.index(row) + 1 if row in brokers else 0,
        ties=[
            tie_row(int(c), float(s))
            for c, s in zip(cols[:SHOW_TIES].tolist(), values[:SHOW_TIES].tolist(), strict=True)
        ],
        more_ties=max(0, int(cols.size) - SHOW_TIES),
        unmet=unmet,
    )
