"""The organisation map: partners as nodes sized by their people, joined by warm ties."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

import numpy as np
from django.core.cache import cache

from warmnet.engine.warmth import tie_band
from warmnet.insights.service import Analysis, analysis_for
from warmnet.maps.layout import Box, fit, force_layout, initial_positions, marker
from warmnet.maps.palette import org_styles
from warmnet.maps.queries import active_mask, picture_key
from warmnet.network.models import Network

__all__ = ["OrgEdge", "OrgMap", "OrgNode", "organisation_map"]

CACHE_SECONDS = 24 * 3600


@dataclass(frozen=True)
class OrgNode:
    pk: int
    name: str
    colour: str
    shape: str
    points: str
    x: float
    y: float
    r: float
    members: int
    warm_inside: int
    warm_outside: int


@dataclass(frozen=True)
class OrgEdge:
    x1: float
    y1: float
    x2: float
    y2: float
    width: float
    opacity: float
    a: str
    b: str
    warm_ties: int
    #: Mean tie strength per pair of their members (effective hours).
    mean_tie: float
    #: That mean as a word: strong, medium, weak or none (:func:`tie_band`).
    band: str = "none"


@dataclass(frozen=True)
class OrgMap:
    as_of: dt.date
    box: Box
    nodes: list[OrgNode]
    edges: list[OrgEdge]
    #: Pairs of organisations with members on both sides but no warm tie between them.
    cold_pairs: int


def organisation_map(network: Network, as_of: dt.date) -> OrgMap:
    key = picture_key("organisations", network, as_of)
    picture = cache.get(key)
    if picture is None:
        picture = _build(network, analysis_for(network, as_of))
        cache.set(key, picture, CACHE_SECONDS)
    return picture


def _build(network: Network, analysis: Analysis) -> OrgMap:
    lookup, warmth = analysis.lookup, analysis.result.warmth
    member_org = np.asarray(lookup.member_org, dtype=np.int64)
    active = active_mask(network, lookup.member_id, analysis.as_of)
    n_orgs = len(lookup.org_id)
    counts = np.bincount(member_org[active & (member_org >= 0)], minlength=n_orgs)
    rows = np.flatnonzero(counts > 0)
    warm = warmth.org_warm_ties
    if warm.shape != (n_orgs, n_orgs):
        warm = np.zeros((n_orgs, n_orgs), dtype=np.int64)
    mean = warmth.org_mean_tie if warmth.org_mean_tie.shape == warm.shape else np.zeros(warm.shape)
    sub = warm[np.ix_(rows, rows)]
    u, v = np.triu_indices(rows.size, k=1)
    between = sub[u, v]
    linked = between > 0
    cold_pairs = int((~linked).sum())
    u, v, between = u[linked], v[linked], between[linked]
    top = float(between.max()) if between.size else 1.0

    start = initial_positions(
        np.asarray(lookup.org_id, dtype=np.int64)[rows], np.arange(rows.size), rows.size, network.pk
    )
    box = Box()
    pos = fit(force_layout(start, u.astype(np.int64), v.astype(np.int64), between / top), box)
    radius = 10 + 4 * np.sqrt(counts[rows])
    if radius.size:
        radius = radius * min(1.0, 60.0 / float(radius.max()))
    inside = np.diag(warm)[rows]
    outside = warm[rows].sum(axis=1) - inside
    styles = org_styles(np.bincount(member_org[member_org >= 0], minlength=n_orgs))
    nodes = []
    for i, org in enumerate(rows.tolist()):
        colour, shape = styles[org].colour, styles[org].shape
        x, y, r = float(pos[i, 0]), float(pos[i, 1]), float(radius[i])
        nodes.append(
            OrgNode(
                pk=int(lookup.org_id[org]),
                name=lookup.org_name[org],
                colour=colour,
                shape=shape,
                points=marker(shape, x, y, r),
                x=round(x, 1),
                y=round(y, 1),
                r=round(r, 1),
                members=int(counts[org]),
                warm_inside=int(inside[i]),
                warm_outside=int(outside[i]),
            )
        )
    rel = between / top if between.size else between
    warm_at = analysis.result.settings.warm_threshold
    edges = [
        OrgEdge(
            x1=nodes[a].x,
            y1=nodes[a].y,
            x2=nodes[b].x,
            y2=nodes[b].y,
            width=round(1.0 + 9.0 * float(rel[j]), 1),
            opacity=round(0.35 + 0.5 * float(rel[j]), 2),
            a=nodes[a].name,
            b=nodes[b].name,
            warm_ties=int(between[j]),
            mean_tie=round(float(mean[rows[a], rows[b]]), 2),
            band=tie_band(float(mean[rows[a], rows[b]]), warm_at, warmth.strong_threshold),
        )
        for j, (a, b) in enumerate(zip(u.tolist(), v.tolist(), strict=True))
    ]
    edges.sort(key=lambda e: -e.warm_ties)
    return OrgMap(analysis.as_of, box, nodes, edges, cold_pairs)
