"""Organisation markers (colour and shape) and the layout for thousands of members."""

from __future__ import annotations

import numpy as np

from warmnet.maps.layout import EXACT_UP_TO, initial_positions, place_members
from warmnet.maps.mesh_layout import mesh_layout
from warmnet.maps.palette import DISTINCT, OTHER, PALETTE, SHAPES, org_styles


def test_up_to_28_organisations_each_have_their_own_marker() -> None:
    styles = org_styles(np.full(DISTINCT, 5, dtype=np.int64))
    assert DISTINCT == len(PALETTE) * len(SHAPES) == 28
    assert len({(s.colour, s.shape) for s in styles}) == DISTINCT
    assert all(s.own for s in styles)
    # organisations that share a colour never share a shape
    by_colour: dict[str, set[str]] = {}
    for s in styles:
        by_colour.setdefault(s.colour, set()).add(s.shape)
    assert all(len(shapes) == len(SHAPES) for shapes in by_colour.values())
    # the first few differ in colour and in shape
    first = styles[: len(SHAPES)]
    assert len({s.colour for s in first}) == len({s.shape for s in first}) == len(SHAPES)


def test_beyond_28_the_largest_keep_a_marker_and_the_rest_share_grey() -> None:
    members = np.arange(100, dtype=np.int64)[::-1] + 1  # organisation 0 is the largest
    styles = org_styles(members)
    own = [i for i, s in enumerate(styles) if s.own]
    assert own == list(range(DISTINCT))
    assert all(s == OTHER for s in styles[DISTINCT:])
    assert len({(styles[i].colour, styles[i].shape) for i in own}) == DISTINCT
    assert OTHER.colour not in PALETTE


def _two_groups(n: int) -> tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray]:
    """Two dense groups of n members joined by one tie."""
    rng = np.random.default_rng(1)
    pairs = []
    for base in (0, n):
        for _ in range(6 * n):
            a, b = rng.integers(0, n, 2)
            if a != b:
                pairs.append((base + a, base + b))
    pairs.append((0, n))
    u = np.asarray([a for a, _ in pairs], dtype=np.int64)
    v = np.asarray([b for _, b in pairs], dtype=np.int64)
    keys = np.arange(2 * n, dtype=np.int64)
    return keys, u, v, np.ones(u.size)


def test_the_mesh_layout_keeps_groups_together_and_is_deterministic() -> None:
    keys, u, v, w = _two_groups(400)
    start = initial_positions(keys, keys % 5, 5, seed=3)
    first = mesh_layout(start, u, v, w)
    again = mesh_layout(initial_positions(keys, keys % 5, 5, seed=3), u, v, w)
    assert np.array_equal(first, again)
    assert np.isfinite(first).all()
    left, right = first[:400], first[400:]
    inside = np.linalg.norm(left - left.mean(axis=0), axis=1).mean()
    between = np.linalg.norm(left.mean(axis=0) - right.mean(axis=0))
    assert between > inside
    # nobody lands on top of someone else
    spread = np.unique(np.round(first, 4), axis=0).shape[0]
    assert spread == first.shape[0]


def test_members_without_a_tie_ring_the_picture() -> None:
    keys, u, v, w = _two_groups(EXACT_UP_TO)  # beyond the exact layout
    keys = np.arange(keys.size + 50, dtype=np.int64)  # 50 more, without ties
    pos = place_members(keys, keys % 7, 7, u, v, w, seed=2)
    radius = np.linalg.norm(pos, axis=1)
    tied = radius[: keys.size - 50]
    assert radius[-50:].min() > tied.max()
