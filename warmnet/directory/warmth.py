"""Warmth per member and per organisation, read from the analysis (relational ties).

For the roles that see relationship data about others (``RUNNERS``) only: the views
call these for coordinators and the core team, never for participants.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

import numpy as np

from warmnet.engine.warmth import tie_band
from warmnet.insights.service import Analysis

__all__ = ["STATUSES", "MemberWarmth", "OrganisationWarmth", "member_warmth", "organisation_warmth"]

#: A member's warmth, warmest first (the order of the filter and of a sort by warmth).
STATUSES = ("warm", "cold", "newcomer", "isolated", "away")


@dataclass(frozen=True)
class MemberWarmth:
    """``status``: warm (enough warm ties), cold (too few), newcomer (joined lately, no
    warm tie yet), isolated (no tie at all), away (not in the network on the day)."""

    status: str
    warm_ties: int = 0
    warm_across: int = 0

    @property
    def rank(self) -> tuple[int, int, int]:
        """Warmest first: by status, then warm ties across, then all warm ties."""
        return (STATUSES.index(self.status), -self.warm_across, -self.warm_ties)


def _active(joined: dt.date | None, left: dt.date | None, day: dt.date) -> bool:
    return (joined is None or joined <= day) and (left is None or left >= day)


def member_warmth(
    analysis: Analysis, members: list[tuple[int, dt.date | None, dt.date | None]]
) -> dict[int, MemberWarmth]:
    """Each member's warmth as of the analysis day, by member id; ``members`` are
    ``(id, joined_on, left_on)`` (a member the analysis does not know is "away")."""
    w = analysis.result.warmth
    rows = {pk: i for i, pk in enumerate(analysis.lookup.member_id)}
    isolated = set(w.isolated.tolist())
    newcomers = set(w.newcomers_unconnected.tolist())
    cold = set(w.cold.tolist())
    found: dict[int, MemberWarmth] = {}
    for pk, joined, left in members:
        row = rows.get(pk)
        if row is None or not _active(joined, left, analysis.as_of):
            found[pk] = MemberWarmth("away")
            continue
        if row in isolated:
            status = "isolated"
        elif row in newcomers:
            status = "newcomer"
        elif row in cold:
            status = "cold"
        else:
            status = "warm"
        found[pk] = MemberWarmth(status, int(w.warm_ties[row]), int(w.warm_cross_ties[row]))
    return found


@dataclass
class OrganisationWarmth:
    """An organisation's place in the warm network as of the analysis day."""

    found: bool = False
    #: Warm ties among its own people, and with people of other organisations.
    warm_inside: int = 0
    warm_outside: int = 0
    #: Its active members with enough warm ties outside it (the network's warmth index,
    #: for this organisation alone), as a percentage; None without active members.
    index_pct: int | None = None
    #: Other organisations by warm ties with this one, most first: (name, id, warm ties,
    #: the band of the mean tie per pair of their people, that mean in effective hours).
    partners: list[tuple[str, int, int, str, float]] = field(default_factory=list)
    #: Organisations with no warm tie to this one.
    cold_partners: list[tuple[str, int]] = field(default_factory=list)


def organisation_warmth(
    analysis: Analysis, org_pk: int, statuses: dict[int, MemberWarmth]
) -> OrganisationWarmth:
    """``statuses``: the warmth of this organisation's members (from :func:`member_warmth`)."""
    lookup = analysis.lookup
    try:
        row = lookup.org_id.index(org_pk)
    except ValueError:
        return OrganisationWarmth()
    w = analysis.result.warmth
    warm = np.asarray(w.org_warm_ties)
    inside = int(warm[row, row])
    outside = int(warm[row].sum() - inside)
    minimum = analysis.result.settings.index_min_cross_ties
    active = [s for s in statuses.values() if s.status != "away"]
    index = (
        round(100 * sum(s.warm_across >= minimum for s in active) / len(active)) if active else None
    )
    partners, cold = [], []
    means = np.asarray(w.org_mean_tie)
    threshold = analysis.result.settings.warm_threshold
    for other, ties in enumerate(warm[row].tolist()):
        if other == row:
            continue
        if ties > 0:
            mean = float(means[row, other]) if means.shape == warm.shape else 0.0
            band = tie_band(mean, threshold, w.strong_threshold)
            partners.append(
                (lookup.org_name[other], lookup.org_id[other], int(ties), band, round(mean, 2))
            )
        else:
            cold.append((lookup.org_name[other], lookup.org_id[other]))
    partners.sort(key=lambda p: (-p[2], p[0]))
    cold.sort()
    return OrganisationWarmth(True, inside, outside, index, partners, cold)
