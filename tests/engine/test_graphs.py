"""The graph measures reproduce published results on classic social-network data."""

from types import SimpleNamespace
from typing import Any

import networkx as nx
import numpy as np
import pytest
import scipy.sparse as sp

from warmnet.engine import graphs
from warmnet.engine.graphs import (
    adjusted_mutual_information,
    adjusted_rand,
    betweenness,
    communities,
    normalised_mutual_information,
    upper_edges,
)
from warmnet.engine.groups import groups
from warmnet.engine.settings import AnalysisSettings
from warmnet.engine.warmth import warm_graph


def edges(g: nx.Graph) -> tuple[int, np.ndarray, np.ndarray]:
    index = {node: i for i, node in enumerate(g.nodes())}
    u = np.array([index[a] for a, _ in g.edges()], dtype=np.int64)
    v = np.array([index[b] for _, b in g.edges()], dtype=np.int64)
    return g.number_of_nodes(), u, v


def test_exact_betweenness_on_the_karate_club_matches_the_published_values() -> None:
    # Zachary's karate club: the instructor (0) and the president (33) are the brokers,
    # with 231.07 and 160.55 pairs through them (unnormalised, as networkx reports them).
    g = nx.karate_club_graph()
    n, u, v = edges(g)
    values, sampled = betweenness(n, u, v)
    reference = nx.betweenness_centrality(g, normalized=False)
    assert not sampled
    assert values == pytest.approx([reference[i] for i in range(n)])
    assert values[0] == pytest.approx(231.0714, abs=1e-3)
    assert values[33] == pytest.approx(160.5516, abs=1e-3)


def test_the_medici_are_the_florentine_families_broker() -> None:
    # Padgett's marriage network: the Medici have by far the highest betweenness.
    g = nx.florentine_families_graph()
    n, u, v = edges(g)
    values, _ = betweenness(n, u, v)
    names = list(g.nodes())
    assert names[int(np.argmax(values))] == "Medici"
    assert values.max() == pytest.approx(47.5)


def test_sampled_betweenness_is_unbiased_and_ranks_the_karate_brokers_first() -> None:
    n, u, v = edges(nx.karate_club_graph())
    exact, _ = betweenness(n, u, v)
    runs = np.array([betweenness(n, u, v, samples=12, seed=s)[0] for s in range(200)])
    assert runs.mean(axis=0) == pytest.approx(exact, abs=8.0)
    single, sampled = betweenness(n, u, v, samples=12, seed=3)
    assert sampled
    assert set(np.argsort(-single)[:2]) == {0, 33}


def test_sampling_is_repeatable_with_the_same_seed() -> None:
    n, u, v = edges(nx.karate_club_graph())
    a, _ = betweenness(n, u, v, samples=10, seed=7)
    b, _ = betweenness(n, u, v, samples=10, seed=7)
    assert np.array_equal(a, b)


def test_groups_on_the_karate_club_reach_the_known_modularity_optimum() -> None:
    # The best partition of the karate club has modularity 0.4198 (Brandes et al. 2008).
    n, u, v = edges(nx.karate_club_graph())
    labels, modularity = communities(n, u, v, seed=0)
    assert modularity == pytest.approx(0.4198, abs=0.0005)
    assert labels.max() + 1 == 4
    again, _ = communities(n, u, v, seed=0)
    assert np.array_equal(labels, again)


def test_groups_are_a_property_of_the_data_whatever_the_seed() -> None:
    # Leiden to convergence, best of five restarts: under thirty different seeds the
    # karate club gets the same four groups at the optimum every time (two passes from
    # one seed, as before, missed it for some seeds).
    n, u, v = edges(nx.karate_club_graph())
    first, _ = communities(n, u, v, seed=0)
    for seed in range(1, 30):
        labels, modularity = communities(n, u, v, seed=seed)
        assert modularity == pytest.approx(0.41979, abs=1e-4), seed
        assert np.array_equal(labels, first), seed


def test_groups_follow_the_clubs_split() -> None:
    g = nx.karate_club_graph()
    n, u, v = edges(g)
    labels, _ = communities(n, u, v, seed=0)
    club = np.array([g.nodes[i]["club"] == "Officer" for i in range(n)], dtype=np.int64)
    # four groups nest inside the two factions almost perfectly
    assert normalised_mutual_information(labels, club) > 0.5


def test_identical_labelings_agree_fully_and_independent_ones_not_at_all() -> None:
    a = np.array([0, 0, 1, 1, 2, 2])
    assert normalised_mutual_information(a, a[::-1] * 0 + a) == pytest.approx(1.0)
    assert adjusted_rand(a, np.array([5, 5, 7, 7, 9, 9])) == pytest.approx(1.0)
    b = np.array([0, 1, 0, 1, 0, 1])
    c = np.array([0, 0, 0, 1, 1, 1])
    assert normalised_mutual_information(b, c) == pytest.approx(0.0817, abs=1e-3)
    # contingency [[2, 1], [1, 2]]: index 2, expected 6 * 6 / 15 = 2.4, maximum 6
    assert adjusted_rand(b, c) == pytest.approx((2 - 2.4) / (6 - 2.4))


def test_vertices_without_edges_get_no_group() -> None:
    labels, _ = communities(4, np.array([0]), np.array([1]))
    assert labels.tolist() == [0, 0, -1, -1]


def test_edge_and_warm_selections_match_the_plain_scipy_ones() -> None:
    # The fast selections (qualifying entries first, their rows by bisection) give the
    # same edges, in the same order, as the upper triangle taken entry by entry.
    rng = np.random.default_rng(5)
    dense = np.triu(rng.random((40, 40)) * (rng.random((40, 40)) < 0.2), k=1) * 3.0
    mat = sp.csr_matrix(dense + dense.T)
    for threshold in (0.0, 0.1, 1.0, 2.5):
        coo = sp.triu(mat, k=1, format="coo")
        keep = (coo.data >= threshold) & (coo.data > 0)
        u, v, w = upper_edges(mat, threshold)
        assert u.tolist() == coo.row[keep].tolist()
        assert v.tolist() == coo.col[keep].tolist()
        assert w.tolist() == coo.data[keep].tolist()
        if threshold > 0:
            warm = warm_graph(mat, threshold)
            assert (warm != (mat >= threshold).astype(np.float64)).nnz == 0


def test_adjusted_mutual_information_is_zero_for_chance_and_one_for_the_same() -> None:
    a = np.array([0, 0, 0, 1, 1, 1, 2, 2])
    b = np.array([0, 0, 1, 1, 1, 2, 2, 2])
    # against the expectation over 200,000 random permutations of b: 0.3192
    assert adjusted_mutual_information(a, b) == pytest.approx(0.3197, abs=1e-3)
    assert adjusted_mutual_information(a, a + 5) == pytest.approx(1.0)
    # one member per organisation: any grouping agrees with the organisations exactly
    # as much as chance would, so AMI is 0 while NMI grows with the number of groups
    delegates = np.arange(12)
    for k in (2, 3, 4, 6):
        grouping = np.arange(12) % k
        assert adjusted_mutual_information(grouping, delegates) == pytest.approx(0.0, abs=1e-9)
        assert normalised_mutual_information(grouping, delegates) > 0.4


def test_the_same_graph_gets_its_groups_without_running_leiden_again(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setattr(graphs, "FOUND_KEPT", 4)
    runs: list[int] = []
    original = graphs._communities

    def counting(*args: Any) -> Any:
        runs.append(1)
        return original(*args)

    monkeypatch.setattr(graphs, "_communities", counting)
    n, u, v = edges(nx.karate_club_graph())
    w = np.ones(u.size)
    first, q = communities(n, u, v, w, seed=0)
    first[:] = 99  # what a caller does with its copy does not reach the next caller
    again, q_again = communities(n, u.copy(), v.copy(), w.copy(), seed=0)
    assert len(runs) == 1, "the same graph: found again, not run again"
    fresh, q_fresh = original(n, u, v, w, 1.0, 0, 5, -1)
    assert np.array_equal(again, fresh) and q_again == q_fresh == q

    w[0] = 2.0  # one tie stronger: another graph
    communities(n, u, v, w, seed=0)
    communities(n, u, v, w, seed=1)  # another seed: another run too
    assert len(runs) == 3
    communities(n, u, v, w, seed=1, passes=2)  # other passes: another run too
    assert len(runs) == 4


def test_a_large_graph_gets_a_fixed_number_of_leiden_passes_instead_of_convergence(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    import igraph as ig

    asked: list[int] = []
    leiden = ig.Graph.community_leiden

    def recording(self: ig.Graph, *args: Any, **kwargs: Any) -> Any:
        asked.append(kwargs["n_iterations"])
        return leiden(self, *args, **kwargs)

    monkeypatch.setattr(ig.Graph, "community_leiden", recording)
    n, u, v = edges(nx.karate_club_graph())  # 78 ties
    ties = sp.coo_matrix((np.ones(u.size), (u, v)), shape=(n, n)).tocsr()
    ties = ties + ties.T
    data = SimpleNamespace(n_members=n, member_org=np.zeros(n, dtype=np.int64), n_orgs=1)
    for limit, passes in ((78, -1), (77, 3)):
        asked.clear()
        settings = AnalysisSettings(group_converge_edges=limit, group_passes=3)
        fr = SimpleNamespace(settings=settings, data=data, member_active=np.ones(n, dtype=bool))
        found = groups(fr, ties)  # type: ignore[arg-type]
        assert found.passes == passes
        assert asked == [passes] * found.restarts and found.restarts == 5
