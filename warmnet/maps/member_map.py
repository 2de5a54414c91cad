"""The member map: which members and ties are drawn, where, and how, as of a day.

Built from the cached analysis and itself cached under the same data version plus the
filters, so a repeated view costs two cache reads.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

import numpy as np
import scipy.sparse as sp
from django.core.cache import cache

from warmnet.insights.service import Analysis, analysis_for
from warmnet.maps.layout import (
    Box,
    TiePath,
    fit,
    force_layout,
    initial_positions,
    marker,
    tie_paths,
)
from warmnet.maps.layout import style_of as org_style
from warmnet.maps.queries import active_mask, dossier_attendees, picture_key
from warmnet.network.models import Network

__all__ = ["MAX_EDGES", "MAX_NODES", "LegendItem", "MemberMap", "Node", "member_map"]

#: More nodes than this make an unreadable picture and a slow page.
MAX_NODES = 400
MAX_EDGES = 2500
NO_ORG = ("#BBBBBB", "circle")
CACHE_SECONDS = 24 * 3600


@dataclass(frozen=True)
class Node:
    pk: int
    name: str
    organisation: str
    colour: str
    shape: str
    points: str  # polygon points; '' for a circle
    x: str
    y: str
    r: str
    warm_ties: int
    ties: int


@dataclass(frozen=True)
class LegendItem:
    pk: int
    name: str
    colour: str
    shape: str
    points: str
    count: int


@dataclass(frozen=True)
class MemberMap:
    as_of: dt.date
    box: Box
    nodes: list[Node]
    ties: list[TiePath]
    legend: list[LegendItem]
    #: Members matching the filters on the day, and members in the network on the day.
    eligible: int
    active: int
    #: True when only the most connected ``MAX_NODES`` of the eligible are drawn.
    capped: bool
    #: Ties among the drawn members, and how many of those are drawn (the strongest).
    tie_count: int
    warm_count: int
    #: The picture's cache key, which also keys its drawn nodes.
    key: str


def legend_marker(shape: str) -> str:
    return marker(shape, 8.0, 8.0, 5.5)


def member_map(
    network: Network, as_of: dt.date, org_ids: list[int], dossier_id: int | None
) -> MemberMap:
    key = picture_key("members", network, as_of, sorted(org_ids), dossier_id)
    picture = cache.get(key)
    if picture is None:
        picture = _build(network, analysis_for(network, as_of), org_ids, dossier_id, key)
        cache.set(key, picture, CACHE_SECONDS)
    return picture


def _build(
    network: Network, analysis: Analysis, org_ids: list[int], dossier_id: int | None, key: str
) -> MemberMap:
    lookup, result = analysis.lookup, analysis.result
    ids = np.asarray(lookup.member_id, dtype=np.int64)
    member_org = np.asarray(lookup.member_org, dtype=np.int64)
    org_pk = np.asarray(lookup.org_id, dtype=np.int64)
    n_orgs = org_pk.size
    active = active_mask(network, lookup.member_id, analysis.as_of)
    mask = active.copy()
    if org_ids:
        member_org_pk = np.where(member_org >= 0, org_pk[np.maximum(member_org, 0)], -1)
        mask &= np.isin(member_org_pk, org_ids)
    if dossier_id is not None:
        attendees = dossier_attendees(network, dossier_id, analysis.as_of)
        mask &= np.isin(ids, np.fromiter(attendees, dtype=np.int64, count=len(attendees)))
    rows = np.flatnonzero(mask)
    eligible = int(rows.size)
    strength = result.warmth.strength
    capped = eligible > MAX_NODES
    if capped:
        rows = np.sort(rows[np.lexsort((rows, -strength[rows]))][:MAX_NODES])

    ties: sp.csr_matrix = result.ties
    sub = sp.triu(ties[rows][:, rows], k=1, format="coo")
    u, v, s = sub.row.astype(np.int64), sub.col.astype(np.int64), sub.data
    tie_count = int(s.size)
    if s.size > MAX_EDGES:
        keep = np.argsort(-s, kind="stable")[:MAX_EDGES]
        u, v, s = u[keep], v[keep], s[keep]
    threshold = result.settings.warm_threshold
    warm = s >= threshold

    start = initial_positions(ids[rows], member_org[rows], n_orgs, seed=network.pk)
    pull = np.log1p(s / threshold)
    pull = pull / pull.max() if pull.size else pull
    box = Box()
    pos = fit(force_layout(start, u, v, pull), box)

    warm_ties = result.warmth.warm_ties
    degree = result.warmth.ties
    r = 4.5 + 1.1 * np.sqrt(np.minimum(warm_ties[rows], 16))
    nodes = []
    for i, row in enumerate(rows.tolist()):
        org = int(member_org[row])
        colour, shape = org_style(org) if org >= 0 else NO_ORG
        x, y, radius = float(pos[i, 0]), float(pos[i, 1]), float(r[i])
        nodes.append(
            Node(
                pk=int(ids[row]),
                name=lookup.member_name[row],
                organisation=lookup.organisation(org) if org >= 0 else "",
                colour=colour,
                shape=shape,
                points=marker(shape, x, y, radius),
                x=f"{x:.1f}",
                y=f"{y:.1f}",
                r=f"{radius:.1f}",
                warm_ties=int(warm_ties[row]),
                ties=int(degree[row]),
            )
        )
    paths = tie_paths(pos[u], pos[v], s, threshold)
    shown_orgs = np.bincount(member_org[rows][member_org[rows] >= 0], minlength=n_orgs)
    legend = []
    for org in np.flatnonzero(shown_orgs).tolist():
        colour, shape = org_style(org)
        legend.append(
            LegendItem(
                int(org_pk[org]),
                lookup.org_name[org],
                colour,
                shape,
                legend_marker(shape),
                int(shown_orgs[org]),
            )
        )
    return MemberMap(
        as_of=analysis.as_of,
        box=box,
        nodes=nodes,
        ties=paths,
        legend=legend,
        eligible=eligible,
        active=int(active.sum()),
        capped=capped,
        tie_count=tie_count,
        warm_count=int(warm.sum()),
        key=key,
    )
