"""The member map as data: every member in the network on a day, where they stand, and
their strongest ties, for the browser to draw (and for the table that says the same).

Where members stand does not depend on the day shown: the layout is computed from
today's ties once a day per network (again when members join, leave the records or move
to another organisation, or the settings change), and every day of the replay and every
data version of the day reuse it.  So a member keeps their place while the history plays
and while the day's attendance is recorded (the ties drawn are always the current ones),
and neither a replay step nor a recompute after a write costs a layout.  Each day's map
is cached under the analysis key.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import hashlib
from dataclasses import dataclass

import numpy as np
import numpy.typing as npt
import scipy.sparse as sp
from django.core.cache import cache
from django.utils import timezone

from warmnet.engine.graphs import upper_edges
from warmnet.insights.service import Analysis, analysis_for, network_scope
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
    #: Whether the analysis has this layer at all (``layer`` keeps no matrix).
    available: bool = True


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
    """Member ids (sorted) and their places, from the ties as of ``today`` (cached for the
    day while the members and their organisations stay the same)."""
    analysis = analysis_for(network, today)
    lookup = analysis.lookup
    members = hashlib.sha1(usedforsecurity=False)
    members.update(np.asarray(lookup.member_id, dtype=np.int64).tobytes())
    members.update(np.asarray(lookup.member_org, dtype=np.int64).tobytes())
    members.update(np.asarray(lookup.org_id, dtype=np.int64).tobytes())
    key = f"warmnet:map:1:member-layout:{network_scope(network)}:{today}:{members.hexdigest()}"
    cached = cache.get(key)
    if cached is not None:
        return cached
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
    return _strongest_of(_upper(ties), limit)


def _upper(ties: sp.csr_matrix) -> sp.coo_matrix:
    """The pairs above the diagonal, in the matrix's stored order and index type: what
    ``sp.triu(ties, k=1, format="coo")`` gives for a matrix of ties (no stored zeros),
    in a fifth of its time on millions of pairs."""
    u, v, w = upper_edges(ties)
    index = ties.indices.dtype
    return sp.coo_matrix(
        (w, (u.astype(index, copy=False), v.astype(index, copy=False))), shape=ties.shape
    )


def _among(upper: sp.coo_matrix, rows: IntArray, n: int) -> sp.coo_matrix:
    """The pairs of an upper triangle between the members ``rows`` (sorted) of ``n``,
    numbered as nodes of the map (their place in ``rows``), in the same order."""
    if rows.size == n:
        return upper
    # in the matrix's own index type: gathering it with those indices stays fast
    node = np.full(n, -1, dtype=upper.row.dtype)
    node[rows] = np.arange(rows.size)
    r, c = node[upper.row], node[upper.col]
    keep = (r >= 0) & (c >= 0)
    return sp.coo_matrix((upper.data[keep], (r[keep], c[keep])), shape=(rows.size, rows.size))


def _strongest_of(upper: sp.coo_matrix, limit: int) -> tuple[IntArray, IntArray, FloatArray]:
    """The ``limit`` strongest of the pairs of an upper triangle, strongest first."""
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


def _dossier_members(network: Network, analysis: Analysis) -> dict[int, list[int]]:
    """Who attended each dossier's activities up to the day: from the analysis when it
    holds them (read from the records it was computed from), else from the database."""
    if analysis.dossier_members is not None:
        return analysis.dossier_members
    return dossier_attendance(network, analysis.as_of)


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
        # the picture keeps the strongest ties it sends, never the whole matrix (millions of
        # pairs in a large network: it would make every cached picture as large)
        kept = dataclasses.replace(layer, ties=None)
        if layer.ties is None:
            layers.append(LayerEdges(kept, empty, empty, np.zeros(0), 0, 0, available=False))
            continue
        upper = _among(_upper(layer.ties), rows, ids.size)
        u, v, s = _strongest_of(upper, MAX_EDGES)
        total, warm = int(upper.data.size), int((upper.data >= threshold).sum())
        layers.append(LayerEdges(kept, u, v, s, total, warm))

    node_of = {int(pk): i for i, pk in enumerate(ids[rows].tolist())}
    dossiers = {
        dossier_id: np.asarray(sorted(node_of[m] for m in members if m in node_of), dtype=np.int64)
        for dossier_id, members in _dossier_members(network, analysis).items()
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
