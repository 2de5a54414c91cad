"""The pure helpers: layout, tie paths, acquaintances, stance strips."""

from __future__ import annotations

import datetime as dt

import numpy as np
import scipy.sparse as sp

from warmnet.maps.acquaintances import not_met_yet
from warmnet.maps.layout import Box, fit, force_layout, initial_positions
from warmnet.maps.timeline import stance_segments


def _ties(pairs: list[tuple[int, int, float]], n: int) -> sp.csr_matrix:
    rows = [a for a, b, _ in pairs] + [b for a, b, _ in pairs]
    cols = [b for a, b, _ in pairs] + [a for a, b, _ in pairs]
    data = [w for *_, w in pairs] * 2
    return sp.csr_matrix((data, (rows, cols)), shape=(n, n))


def test_the_layout_is_deterministic_and_inside_the_box() -> None:
    keys = np.arange(100, 130)
    start = initial_positions(keys, keys % 4, 4, seed=7)
    u = np.arange(29)
    v = u + 1
    w = np.linspace(0.1, 1, 29)
    box = Box()
    a = fit(force_layout(start, u, v, w), box)
    b = fit(force_layout(initial_positions(keys, keys % 4, 4, seed=7), u, v, w), box)
    assert np.array_equal(a, b)
    assert (a[:, 0] >= 0).all() and (a[:, 0] <= box.width).all()
    assert (a[:, 1] >= 0).all() and (a[:, 1] <= box.height).all()


def test_a_members_start_does_not_depend_on_who_else_is_shown() -> None:
    keys = np.array([5, 9, 12, 40])
    groups = np.array([0, 1, 0, 2])
    full = initial_positions(keys, groups, 3, seed=1)
    part = initial_positions(keys[[1, 3]], groups[[1, 3]], 3, seed=1)
    assert np.allclose(full[[1, 3]], part)


def test_not_met_yet_ranks_friends_of_friends_and_skips_known_people() -> None:
    # 0 knows 1 well and 2 a little; 1 knows 3 well, 2 knows 4 a little; 5 is unconnected
    ties = _ties([(0, 1, 4.0), (0, 2, 0.5), (1, 3, 4.0), (2, 4, 0.5), (1, 2, 1.0)], 6)
    active = np.ones(6, dtype=bool)
    org = np.array([0, 0, 1, 1, 2, 2])
    closeness = np.zeros((3, 3))
    rows, scores, via = not_met_yet(ties, 0, active, org, closeness, limit=5)
    assert rows.tolist() == [3, 4]
    assert scores[0] > scores[1] > 0
    assert via.tolist() == [1, 2]


def test_a_newcomer_gets_the_best_connected_of_neighbouring_organisations() -> None:
    ties = _ties([(1, 2, 2.0), (2, 3, 1.0), (3, 4, 0.2)], 5)
    active = np.ones(5, dtype=bool)
    org = np.array([0, 1, 1, 2, 0])
    closeness = np.array([[0.0, 0.5, 0.0], [0.5, 0.0, 0.1], [0.0, 0.1, 0.0]])
    rows, scores, via = not_met_yet(ties, 0, active, org, closeness, limit=3)
    assert rows.tolist() == [2, 1]
    assert (scores == 0).all() and (via == -1).all()


def test_inactive_members_are_never_suggested() -> None:
    ties = _ties([(0, 1, 4.0), (1, 2, 4.0)], 3)
    active = np.array([True, True, False])
    rows, _, _ = not_met_yet(ties, 0, active, np.zeros(3, dtype=np.int64), np.zeros((1, 1)))
    assert rows.size == 0


def test_stance_segments_hold_until_the_next_position() -> None:
    d = dt.date
    segments = stance_segments(
        [(d(2025, 1, 1), 1), (d(2025, 7, 1), -1)], d(2025, 1, 1), d(2026, 1, 1), 0, 100
    )
    assert [s.stance for s in segments] == [1, -1]
    assert segments[0].x == 0 and abs(segments[1].x - 49.6) < 0.5
    assert abs(segments[1].x + segments[1].width - 100) < 0.2
