"""Graph algorithms the analysis needs, on plain edge arrays, run by igraph.

Only the steps that need a graph algorithm (community detection, betweenness)
go to a compiled graph library; everything else stays in numpy/scipy.  igraph's
randomness is driven from ``numpy.random.default_rng(seed)`` so results repeat.
"""

from __future__ import annotations

import hashlib
import multiprocessing
import os
import random
import threading
import time
from collections import OrderedDict
from collections.abc import Callable, Iterator
from concurrent.futures import Future, ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from contextlib import contextmanager
from typing import Any, TypeVar

import igraph as ig
import numpy as np
import numpy.typing as npt
import scipy.sparse as sp

__all__ = [
    "adjusted_mutual_information",
    "adjusted_rand",
    "betweenness",
    "communities",
    "communities_apart",
    "forget_groupings",
    "normalised_mutual_information",
    "start_helper",
    "upper_edges",
]

IntArray = npt.NDArray[np.int64]
FloatArray = npt.NDArray[np.float64]
T = TypeVar("T")


class _NumpyRandom:
    """The interface igraph asks of a random source, backed by a numpy Generator.

    igraph calls back into Python for every number it draws (tens of thousands per
    Leiden run), so raw 64-bit values are drawn from numpy in blocks and handed out
    one by one: one numpy call per block instead of one per number.
    """

    _BLOCK = 4096

    def __init__(self, seed: int) -> None:
        self._rng = np.random.default_rng(seed)
        self._raw: list[int] = []
        self._next = 0

    def _draw(self) -> int:
        if self._next == len(self._raw):
            self._raw = self._rng.bit_generator.random_raw(self._BLOCK).tolist()
            self._next = 0
        self._next += 1
        return self._raw[self._next - 1]

    def random(self) -> float:
        return (self._draw() >> 11) * (1.0 / 9007199254740992.0)  # 53 bits in [0, 1)

    def randint(self, a: int, b: int) -> int:
        return a + self._draw() % (b - a + 1)  # modulo bias: range / 2**64, negligible

    def gauss(self, mu: float, sigma: float) -> float:
        return float(self._rng.normal(mu, sigma))

    def getrandbits(self, k: int) -> int:
        out, got = 0, 0
        while got < k:
            out = (out << 64) | self._draw()
            got += 64
        return out >> (got - k)


@contextmanager
def _seeded(seed: int) -> Iterator[None]:
    ig.set_random_number_generator(_NumpyRandom(seed))
    try:
        yield
    finally:
        ig.set_random_number_generator(random)


def upper_edges(
    mat: sp.csr_matrix, min_weight: float = 0.0
) -> tuple[IntArray, IntArray, FloatArray]:
    """Edges ``u < v`` of a symmetric matrix with weight at least ``min_weight``, in the
    matrix's stored order (row by row)."""
    csr = mat.tocsr()
    strong = (csr.data >= min_weight) & (csr.data > 0)
    if np.count_nonzero(strong) * 8 < csr.data.size:
        # at a high threshold the qualifying entries are a small part of millions: find
        # only their rows
        at = np.flatnonzero(strong)
        rows = np.searchsorted(csr.indptr, at, side="right").astype(np.int64) - 1
        cols = csr.indices[at].astype(np.int64)
        upper = cols > rows
        return rows[upper], cols[upper], csr.data[at[upper]]
    # most of them: every entry's row in one pass, and one mask (no gathers by position)
    entry_row = np.repeat(np.arange(csr.shape[0], dtype=csr.indices.dtype), np.diff(csr.indptr))
    keep = strong & (csr.indices > entry_row)
    return (
        entry_row[keep].astype(np.int64),
        csr.indices[keep].astype(np.int64),
        csr.data[keep],
    )


def _graph(n: int, u: IntArray, v: IntArray) -> ig.Graph:
    # igraph reads a list of int pairs about twice as fast as rows of a numpy array
    return ig.Graph(n=n, edges=list(zip(u.tolist(), v.tolist(), strict=True)), directed=False)


#: The last few groupings found, by a digest of everything they were found from: the same
#: graph (a write that changed no tie: a renamed organisation, a new position on a point)
#: gives the same groups without running Leiden again.
_FOUND: OrderedDict[bytes, tuple[IntArray, float]] = OrderedDict()
_FOUND_LOCK = threading.Lock()
FOUND_KEPT = 4


def forget_groupings() -> None:
    """Drop the kept groupings (a benchmark of the engine's own cost; tests)."""
    with _FOUND_LOCK:
        _FOUND.clear()


def communities(
    n: int,
    u: IntArray,
    v: IntArray,
    weights: FloatArray | None = None,
    resolution: float = 1.0,
    seed: int = 0,
    restarts: int = 5,
    passes: int = -1,
) -> tuple[IntArray, float]:
    """Groups by modularity, and the modularity reached.

    Leiden runs to convergence (``passes=-1``: until a pass changes nothing; else
    ``passes`` passes) ``restarts`` times, each from its own seed drawn from ``seed``;
    the grouping with the highest modularity is kept (the first of equals).  Vertices
    without an edge get group -1.  Groups are numbered by size, largest first.  The
    result is a function of the arguments alone (seeded), so the last few are kept by a
    digest of them and handed out again (as copies) for the same graph.
    """
    return communities_apart(n, u, v, weights, resolution, seed, restarts, passes, apart=False)()


def communities_apart(
    n: int,
    u: IntArray,
    v: IntArray,
    weights: FloatArray | None = None,
    resolution: float = 1.0,
    seed: int = 0,
    restarts: int = 5,
    passes: int = -1,
    *,
    apart: bool = True,
) -> Callable[[], tuple[IntArray, float]]:
    """:func:`communities`, looked for in a helper process while the caller goes on
    (``apart``; Leiden holds the interpreter, so a thread would not run beside it):
    returns the function that hands out the result, waiting for it.  The same graph
    found before is handed out at once; without a helper process (none can be started,
    or it died) the groups are looked for in this one when asked for."""
    h = hashlib.blake2b(digest_size=32)
    what = (n, float(resolution), int(seed), int(restarts), int(passes), weights is None)
    h.update(repr(what).encode())
    for column in (u, v) if weights is None else (u, v, weights):
        h.update(np.ascontiguousarray(column).tobytes())
        h.update(str(np.asarray(column).dtype).encode())
    key = h.digest()
    with _FOUND_LOCK:
        found = _FOUND.get(key)
        if found is not None:
            _FOUND.move_to_end(key)
    if found is not None:
        kept = found
        return lambda: (kept[0].copy(), kept[1])
    args = (n, u, v, weights, resolution, seed, restarts, passes)
    future = _submit(_communities, *args) if apart else None

    def result() -> tuple[IntArray, float]:
        labels, modularity = _collect(future, args)
        with _FOUND_LOCK:
            _FOUND[key] = (labels.copy(), modularity)
            while len(_FOUND) > FOUND_KEPT:
                _FOUND.popitem(last=False)
        return labels, modularity

    return result


#: The helper process that looks for groups beside the caller (started by
#: :func:`start_helper` or when first needed, by ``spawn``: a fresh interpreter that
#: imports only the engine).
_HELPER: list[ProcessPoolExecutor] = []
_HELPER_LOCK = threading.Lock()


def _submit(function: Callable[..., T], *args: Any) -> Future[T] | None:
    with _HELPER_LOCK:
        try:
            if not _HELPER:
                _HELPER.append(
                    ProcessPoolExecutor(
                        1,
                        mp_context=multiprocessing.get_context("spawn"),
                        initializer=_helper_watches,
                        initargs=(os.getpid(),),
                    )
                )
            return _HELPER[0].submit(function, *args)
        except (OSError, RuntimeError, BrokenProcessPool):  # none to be had: in this one
            _HELPER.clear()
            return None


def start_helper() -> Future[bool] | None:
    """Start the helper process now and have it import the engine (``warmnet worker`` at
    its start), so that the first run does not wait for a new Python to start (about half
    a second); without this it starts when first needed.  Returns the future of its
    answer, or None when no helper can be had."""
    return _submit(_helper_ready)


def _helper_ready() -> bool:
    """In the helper: the engine is imported (unpickling this function did it)."""
    return True


def _helper_watches(parent: int) -> None:
    """In the helper: leave once the process that started it is gone (killed, it cannot
    say so; the helper would wait for work for ever)."""

    def watch() -> None:
        while os.getppid() == parent:
            time.sleep(1.0)
        os._exit(0)

    threading.Thread(target=watch, name="warmnet-helper-watch", daemon=True).start()


def _collect(
    future: Future[tuple[IntArray, float]] | None, args: tuple[Any, ...]
) -> tuple[IntArray, float]:
    if future is not None:
        try:
            return future.result()
        except BrokenProcessPool:  # the helper died (killed, out of memory): here, then
            with _HELPER_LOCK:
                _HELPER.clear()
    return _communities(*args)


def _communities(
    n: int,
    u: IntArray,
    v: IntArray,
    weights: FloatArray | None,
    resolution: float,
    seed: int,
    restarts: int,
    passes: int,
) -> tuple[IntArray, float]:
    g = _graph(n, u, v)
    w = None if weights is None else np.asarray(weights, dtype=np.float64).tolist()
    seeds = np.random.default_rng(seed).integers(0, 2**31 - 1, size=max(1, restarts))
    best: tuple[float, list[int]] | None = None
    for run_seed in seeds.tolist():
        with _seeded(int(run_seed)):
            part = g.community_leiden(
                objective_function="modularity",
                weights=w,
                resolution=resolution,
                n_iterations=passes,
            )
        q = float(g.modularity(part.membership, weights=w, resolution=resolution))
        if best is None or q > best[0] + 1e-12:
            best = (q, part.membership)
    assert best is not None
    labels = np.asarray(best[1], dtype=np.int64)
    modularity = best[0]
    has_edge = np.zeros(n, dtype=bool)
    has_edge[u] = True
    has_edge[v] = True
    labels[~has_edge] = -1
    return _renumber_by_size(labels), modularity


def _renumber_by_size(labels: IntArray) -> IntArray:
    out = np.full(labels.size, -1, dtype=np.int64)
    real = labels >= 0
    if not real.any():
        return out
    uniq, inverse, counts = np.unique(labels[real], return_inverse=True, return_counts=True)
    # largest first, ties broken by the smallest member row in the group
    first = np.full(uniq.size, labels.size, dtype=np.int64)
    np.minimum.at(first, inverse, np.flatnonzero(real))
    order = np.lexsort((first, -counts))
    rank = np.empty(uniq.size, dtype=np.int64)
    rank[order] = np.arange(uniq.size)
    out[real] = rank[inverse]
    return out


def betweenness(
    n: int, u: IntArray, v: IntArray, samples: int | None = None, seed: int = 0
) -> tuple[FloatArray, bool]:
    """Betweenness of each vertex of an unweighted undirected graph: the number of
    pairs of other vertices whose shortest paths run through it (shared equally
    among equally short paths).

    With ``samples`` below the number of vertices with an edge, shortest paths are
    followed from that many sources drawn at random and the counts scaled up
    (Brandes and Pich's source sampling); the second value says whether it did.
    """
    g = _graph(n, u, v)
    connected = np.flatnonzero(np.bincount(np.concatenate([u, v]), minlength=n) > 0)
    if samples is None or samples >= connected.size:
        return np.asarray(g.betweenness(directed=False), dtype=np.float64), False
    rng = np.random.default_rng(seed)
    sources = np.sort(rng.choice(connected, size=samples, replace=False))
    partial = np.asarray(g.betweenness(directed=False, sources=sources.tolist()), dtype=np.float64)
    # With every vertex as a source igraph returns the exact figure, so a uniform sample
    # of sources only needs scaling by the fraction sampled.
    return partial * (connected.size / samples), True


def normalised_mutual_information(a: IntArray, b: IntArray) -> float:
    """NMI of two labelings (arithmetic-mean normalisation), 0 = independent, 1 = equal."""
    table = _contingency(a, b)
    n = table.sum()
    if n == 0:
        return 0.0
    pa, pb = table.sum(axis=1) / n, table.sum(axis=0) / n
    ha = -float(np.sum(pa[pa > 0] * np.log(pa[pa > 0])))
    hb = -float(np.sum(pb[pb > 0] * np.log(pb[pb > 0])))
    nz = table > 0
    pij = table[nz] / n
    mi = float(np.sum(pij * np.log(pij / np.outer(pa, pb)[nz])))
    if ha + hb == 0:
        return 1.0
    return max(0.0, 2.0 * mi / (ha + hb))


def adjusted_rand(a: IntArray, b: IntArray) -> float:
    """Adjusted Rand index of two labelings: 1 = equal, about 0 = chance."""
    table = _contingency(a, b).astype(np.float64)
    n = table.sum()
    if n < 2:
        return 1.0

    def comb2(x: npt.NDArray[np.float64] | float) -> npt.NDArray[np.float64] | float:
        return x * (x - 1.0) / 2.0

    index = float(np.sum(comb2(table)))
    sa = float(np.sum(comb2(table.sum(axis=1))))
    sb = float(np.sum(comb2(table.sum(axis=0))))
    expected = sa * sb / float(comb2(n))
    top = (sa + sb) / 2.0
    if top == expected:
        return 1.0
    return (index - expected) / (top - expected)


def _contingency(a: IntArray, b: IntArray) -> npt.NDArray[np.int64]:
    _, ai = np.unique(a, return_inverse=True)
    _, bi = np.unique(b, return_inverse=True)
    table = np.zeros((int(ai.max(initial=-1)) + 1, int(bi.max(initial=-1)) + 1), dtype=np.int64)
    np.add.at(table, (ai, bi), 1)
    return table


def _entropy(counts: npt.NDArray[np.float64], n: float) -> float:
    p = counts[counts > 0] / n
    return -float(np.sum(p * np.log(p)))


def adjusted_mutual_information(a: IntArray, b: IntArray) -> float:
    """Adjusted mutual information of two labelings (arithmetic normalisation, as in
    Vinh, Epps and Bailey 2010): (MI - E[MI]) / (mean(H(a), H(b)) - E[MI]), the expectation
    over random labelings with the same group sizes (the hypergeometric model).  About 0
    when the agreement is what chance gives, 1 when the labelings are the same.

    Unlike normalised mutual information it does not grow with the number of groups:
    when every organisation has one member, any grouping has the same MI with the
    organisations as chance would, and AMI is 0.
    """
    from scipy.special import gammaln

    table = _contingency(a, b).astype(np.float64)
    n = float(table.sum())
    if n < 2:
        return 0.0
    ra, cb = table.sum(axis=1), table.sum(axis=0)
    ha, hb = _entropy(ra, n), _entropy(cb, n)
    nz = table > 0
    mi = float(np.sum(table[nz] / n * np.log(n * table[nz] / np.outer(ra, cb)[nz])))
    if ra.size == cb.size == 1 or (ha == 0 and hb == 0):
        return 1.0
    # E[MI] = sum over cells and over each possible count k of the cell of
    # k/n log(n k / (a_i b_j)) x P(k), P hypergeometric; all k of all cells at once
    ai = np.repeat(ra, cb.size)
    bj = np.tile(cb, ra.size)
    lo = np.maximum(1.0, ai + bj - n)
    hi = np.minimum(ai, bj)
    length = np.maximum(0, (hi - lo + 1)).astype(np.int64)
    cell = np.repeat(np.arange(ai.size), length)
    start = np.repeat(np.cumsum(length) - length, length)
    k = lo[cell] + (np.arange(cell.size) - start)
    x, y = ai[cell], bj[cell]
    log_p = (
        gammaln(x + 1)
        + gammaln(y + 1)
        + gammaln(n - x + 1)
        + gammaln(n - y + 1)
        - gammaln(n + 1)
        - gammaln(k + 1)
        - gammaln(x - k + 1)
        - gammaln(y - k + 1)
        - gammaln(n - x - y + k + 1)
    )
    emi = float(np.sum(k / n * np.log(n * k / (x * y)) * np.exp(log_p)))
    denominator = (ha + hb) / 2.0 - emi
    if abs(denominator) < 1e-12:
        return 0.0 if abs(mi - emi) < 1e-12 else 1.0
    return float((mi - emi) / denominator)
