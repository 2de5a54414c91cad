"""The member map as data: every member in the network on a day, where they stand, and
their strongest ties, for the browser to draw (and for the table that says the same).

Where members stand does not depend on the day shown: the layout is computed once per
network, data version and today (from today's ties), and every day of the replay reuses
it, so a member keeps their place while the history plays and a replay step costs no
layout.  Both the layout and each day's map are cached under the analysis key.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

import numpy as np
import numpy.typing as npt
import scipy.sparse as sp
from django.core.cache import cache
from django.utils import timezone

from warmnet.insights.service import Analysis, analysis_for
from warmnet.maps.layers import TieLayer, tie_layers
from warmnet.maps.layout import Box, fit, place_members
from warmnet.maps.palette import Style, org_styles
from warmnet.maps.queries import active_mask, dossier_attendance, picture_key
from warmnet.network.models import Network

__all__ = [
    "MAX_EDGES",
    "LayerEdges",
    "MemberMap",
    "OrgEntry",
    "member_map",
    "member_map_key",
    "strongest",
]

#: Ties sent to the browser per layer, strongest first (every warm tie when they fit).
MAX_EDGES = 30_000
#: Ties the layout pulls along.
LAYOUT_EDGES = 40_000
CACHE_SECONDS = 24 * 3600
#: Positions are in a square of this size (the browser scales them to the screen).
BOX = Box(1000.0, 1000.0, 0.0)

IntArray = npt.NDArray[np.int64]
FloatArray = npt.NDArray[np.float64]


@dataclass(frozen=True)
class OrgEntry:
    pk: int
    name: str
    style: Style
    #: Members of the organisation on the map.
    count: int


@dataclass(frozen=True)
class LayerEdges:
    layer: TieLayer
    #: Node indices (into the map's members) and strengths of the ties sent, strongest first.
    source: IntArray
    target: IntArray
    strength: FloatArray
    #: Ties among the members on the map, of them warm, in this layer (sent or not).
    total: int
    warm: int


@dataclass(frozen=True)
class MemberMap:
    as_of: dt.date
    #: Row of each member on the map in the analysis' lookup, and their database ids.
    rows: IntArray
    pk: IntArray
    name: list[str]
    #: Index into ``orgs`` of each member's organisation (-1: none).
    org: IntArray
    x: FloatArray
    y: FloatArray
    warm_ties: IntArray
    ties: IntArray
    #: Sum of tie strengths (effective hours): how much a member is part of the network.
    strength: FloatArray
    orgs: list[OrgEntry]
    layers: list[LayerEdges]
    #: Node indices of the members who attended each dossier's activities, by dossier id.
    dossiers: dict[int, IntArray]
    warm_threshold: float
    key: str
    #: Where a strong tie starts (:attr:`warmnet.engine.warmth.Warmth.strong_threshold`).
    strong_threshold: float = 1.0

    @property
    def count(self) -> int:
        return int(self.rows.size)

    @property
    def shared_markers(self) -> bool:
        """Whether some organisations share the grey marker (more than can be told apart)."""
        return any(not o.style.own for o in self.orgs)


def member_map_key(network: Network, as_of: dt.date) -> str:
    return picture_key("member-graph", network, as_of)


def member_map(network: Network, as_of: dt.date) -> MemberMap:
    """The map of ``network`` on ``as_of`` (cached)."""
    key = member_map_key(network, as_of)
    picture = cache.get(key)
    if picture is None:
        picture = _build(network, analysis_for(network, as_of), key)
        cache.set(key, picture, CACHE_SECONDS)
    return picture


def _positions(network: Network, today: dt.date) -> tuple[IntArray, FloatArray]:
    """Member ids (sorted) and their places, from the ties as of ``today`` (cached)."""
    key = picture_key("member-layout", network, today)
    cached = cache.get(key)
    if cached is not None:
        return cached
    analysis = analysis_for(network, today)
    lookup = analysis.lookup
    ids = np.asarray(lookup.member_id, dtype=np.int64)
    orgs = np.asarray(lookup.member_org, dtype=np.int64)
    u, v, s = _strongest_pairs(analysis.result.ties, LAYOUT_EDGES)
    threshold = analysis.result.settings.warm_threshold
    pull = np.log1p(s / threshold)
    pull = pull / pull.max() if pull.size else pull
    pos = fit(place_members(ids, orgs, len(lookup.org_id), u, v, pull, network.pk), BOX)
    order = np.argsort(ids)
    result = (ids[order], np.round(pos[order], 1))
    cache.set(key, result, CACHE_SECONDS)
    return result


def _strongest_pairs(ties: sp.csr_matrix, limit: int) -> tuple[IntArray, IntArray, FloatArray]:
    """The ``limit`` strongest ties (each pair once), strongest first."""
    upper = sp.triu(ties, k=1, format="coo")
    s = upper.data
    keep = np.argpartition(-s, limit - 1)[:limit] if s.size > limit else np.arange(s.size)
    keep = keep[np.lexsort((keep, -s[keep]))]
    return upper.row[keep].astype(np.int64), upper.col[keep].astype(np.int64), s[keep]


def strongest(ties: sp.csr_matrix, row: int, limit: int) -> list[tuple[int, float]]:
    """The ``limit`` strongest ties of member ``row``: (other row, strength)."""
    start, end = ties.indptr[row], ties.indptr[row + 1]
    cols, data = ties.indices[start:end], ties.data[start:end]
    order = np.lexsort((cols, -data))[:limit]
    return [(int(cols[i]), float(data[i])) for i in order]


def _build(network: Network, analysis: Analysis, key: str) -> MemberMap:
    lookup, result = analysis.lookup, analysis.result
    ids = np.asarray(lookup.member_id, dtype=np.int64)
    member_org = np.asarray(lookup.member_org, dtype=np.int64)
    n_orgs = len(lookup.org_id)
    rows = np.flatnonzero(active_mask(network, lookup.member_id, analysis.as_of))

    laid_ids, laid_pos = _positions(network, max(timezone.localdate(), analysis.as_of))
    at = np.minimum(np.searchsorted(laid_ids, ids[rows]), max(laid_ids.size - 1, 0))
    pos = laid_pos[at] if laid_ids.size else np.zeros((rows.size, 2))

    per_org = np.bincount(member_org[member_org >= 0], minlength=n_orgs).astype(np.int64)
    styles = org_styles(per_org)
    shown = np.bincount(member_org[rows][member_org[rows] >= 0], minlength=n_orgs)
    org_rows = np.flatnonzero(shown)
    org_index = np.full(n_orgs + 1, -1, dtype=np.int64)
    org_index[org_rows] = np.arange(org_rows.size)
    orgs = [
        OrgEntry(int(lookup.org_id[o]), lookup.org_name[o], styles[o], int(shown[o]))
        for o in org_rows.tolist()
    ]

    threshold = result.settings.warm_threshold
    layers = []
    for layer in tie_layers(result):
        empty = np.zeros(0, dtype=np.int64)
        if layer.ties is None:
            layers.append(LayerEdges(layer, empty, empty, np.zeros(0), 0, 0))
            continue
        among = layer.ties[rows][:, rows]
        upper = sp.triu(among, k=1).data
        u, v, s = _strongest_pairs(among, MAX_EDGES)
        total, warm = int(upper.size), int((upper >= threshold).sum())
        layers.append(LayerEdges(layer, u, v, s, total, warm))

    node_of = {int(pk): i for i, pk in enumerate(ids[rows].tolist())}
    dossiers = {
        dossier_id: np.asarray(sorted(node_of[m] for m in members if m in node_of), dtype=np.int64)
        for dossier_id, members in dossier_attendance(network, analysis.as_of).items()
    }
    warmth = result.warmth
    return MemberMap(
        as_of=analysis.as_of,
        rows=rows,
        pk=ids[rows],
        name=[lookup.member_name[r] for r in rows.tolist()],
        org=org_index[member_org[rows]],
        x=pos[:, 0],
        y=pos[:, 1],
        warm_ties=warmth.warm_ties[rows].astype(np.int64),
        ties=warmth.ties[rows].astype(np.int64),
        strength=warmth.strength[rows].astype(np.float64),
        orgs=orgs,
        layers=layers,
        dossiers=dossiers,
        warm_threshold=float(threshold),
        key=key,
        strong_threshold=float(warmth.strong_threshold),
    )
