"""Geometry of the network maps: where nodes go and how ties look.  Pure numpy, no Django.

The layout is a force-directed placement (Fruchterman-Reingold) written with numpy so
that it is deterministic: the same members, ties and seed give the same picture, and
a member keeps roughly the same place while the history is replayed, because the
starting positions depend on the member's id and organisation, not on who else is
shown.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import numpy.typing as npt

from warmnet.maps.mesh_layout import mesh_layout

__all__ = [
    "Box",
    "fit",
    "force_layout",
    "initial_positions",
    "marker",
    "place_members",
]

FloatArray = npt.NDArray[np.float64]
IntArray = npt.NDArray[np.int64]


def marker(shape: str, x: float, y: float, r: float) -> str:
    """SVG ``points`` of a polygon marker centred on (x, y) with radius ``r`` ('' for a
    circle, which is drawn as one)."""
    if shape == "square":
        s = r * 0.9
        pts = [(x - s, y - s), (x + s, y - s), (x + s, y + s), (x - s, y + s)]
    elif shape == "diamond":
        s = r * 1.25
        pts = [(x, y - s), (x + s, y), (x, y + s), (x - s, y)]
    elif shape == "triangle":
        s = r * 1.3
        pts = [(x, y - s), (x + s * 0.87, y + s * 0.5), (x - s * 0.87, y + s * 0.5)]
    else:
        return ""
    return " ".join(f"{px:.1f},{py:.1f}" for px, py in pts)


def initial_positions(keys: IntArray, groups: IntArray, n_groups: int, seed: int) -> FloatArray:
    """Starting points: each group (organisation) on its own sector of the unit disc, each
    member at a place fixed by its key (database id) and ``seed``."""
    rng = np.random.default_rng(seed)
    # one random offset per key, the same whichever other keys are present
    salt = rng.integers(1, 2**31 - 1)
    mixed = (keys.astype(np.uint64) * np.uint64(2654435761) + np.uint64(salt)) % np.uint64(2**32)
    jitter = mixed.astype(np.float64) / 2**32
    second = ((mixed * np.uint64(40503)) % np.uint64(2**16)).astype(np.float64) / 2**16
    angle = 2 * np.pi * (np.where(groups >= 0, groups, n_groups) + 0.8 * jitter) / (n_groups + 1)
    radius = 0.35 + 0.6 * second
    return np.column_stack([radius * np.cos(angle), radius * np.sin(angle)])


def force_layout(
    start: FloatArray,
    u: IntArray,
    v: IntArray,
    weight: FloatArray,
    iterations: int = 120,
) -> FloatArray:
    """Fruchterman-Reingold from ``start`` on the ties (u, v) with weights in (0, 1].

    All pairs repel (k^2 / d), tied pairs attract (weight x d^2 / k), a weak pull to the
    centre keeps loose members in view (a stronger one for members without a tie); each
    step moves a node at most the current temperature, which cools linearly.  O(n^2) per
    step: meant for a few hundred nodes.
    """
    pos = start.astype(np.float64).copy()
    n = pos.shape[0]
    if n <= 1:
        return np.zeros((n, 2))
    k = 1.0 / np.sqrt(n)
    temperature = 0.1
    cooling = temperature / (iterations + 1)
    # members without a drawn tie are held closer, so they ring the picture, not stretch it
    loose = np.ones(n, dtype=bool)
    loose[u] = False
    loose[v] = False
    gravity = np.where(loose, 0.6, 0.05)[:, None]
    for _ in range(iterations):
        delta = pos[:, None, :] - pos[None, :, :]
        dist = np.sqrt((delta**2).sum(axis=2))
        np.fill_diagonal(dist, 1.0)
        dist = np.maximum(dist, 1e-3)
        repulse = (k * k / dist**2)[:, :, None] * delta
        disp = repulse.sum(axis=1)
        if u.size:
            d = pos[u] - pos[v]
            length = np.maximum(np.sqrt((d**2).sum(axis=1)), 1e-3)
            pull = (weight * length / k)[:, None] * d
            disp[:, 0] -= np.bincount(u, pull[:, 0], n) - np.bincount(v, pull[:, 0], n)
            disp[:, 1] -= np.bincount(u, pull[:, 1], n) - np.bincount(v, pull[:, 1], n)
        disp -= gravity * pos / k
        size = np.maximum(np.sqrt((disp**2).sum(axis=1)), 1e-9)
        pos += disp / size[:, None] * np.minimum(size, temperature)[:, None]
        temperature -= cooling
    return pos


@dataclass(frozen=True)
class Box:
    """The drawing area in SVG user units."""

    width: float = 960.0
    height: float = 640.0
    margin: float = 24.0


def fit(pos: FloatArray, box: Box) -> FloatArray:
    """``pos`` scaled and moved into ``box`` (aspect ratio kept, centred)."""
    if pos.shape[0] == 0:
        return pos
    lo, hi = pos.min(axis=0), pos.max(axis=0)
    span = np.maximum(hi - lo, 1e-9)
    inner = np.array([box.width - 2 * box.margin, box.height - 2 * box.margin])
    scale = float(np.min(inner / span)) if pos.shape[0] > 1 else 0.0
    centre = (lo + hi) / 2
    return (pos - centre) * scale + np.array([box.width / 2, box.height / 2])


#: Up to this many tied members the exact layout is used; beyond it the mesh layout.
EXACT_UP_TO = 600


def place_members(
    keys: IntArray,
    groups: IntArray,
    n_groups: int,
    u: IntArray,
    v: IntArray,
    weight: FloatArray,
    seed: int,
) -> FloatArray:
    """Positions of members (n x 2) for the ties (u, v) with weights in (0, 1].

    Members with a tie are placed by the force layout (exact for a few hundred, on a mesh
    beyond :data:`EXACT_UP_TO`); members without one ring the picture, grouped by
    organisation, so they neither clutter the middle nor stretch the picture.
    """
    n = keys.size
    pos = np.zeros((n, 2))
    tied = np.zeros(n, dtype=bool)
    tied[u] = True
    tied[v] = True
    inner = np.flatnonzero(tied)
    if inner.size:
        index = np.full(n, -1, dtype=np.int64)
        index[inner] = np.arange(inner.size)
        start = initial_positions(keys[inner], groups[inner], n_groups, seed)
        layout = force_layout if inner.size <= EXACT_UP_TO else mesh_layout
        placed = layout(start, index[u], index[v], weight)
        placed = placed - placed.mean(axis=0)
        pos[inner] = placed
    loose = np.flatnonzero(~tied)
    if loose.size:
        reach = float(np.sqrt((pos[inner] ** 2).sum(axis=1)).max()) if inner.size > 1 else 0.5
        order = loose[np.lexsort((keys[loose], groups[loose]))]
        angle = 2 * np.pi * np.arange(order.size) / order.size
        pos[order] = (reach * 1.12 + 0.02) * np.column_stack([np.cos(angle), np.sin(angle)])
    return pos
