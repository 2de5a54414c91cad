"""The one entry point: :func:`analyse` a network as of a date, every family at once."""

from __future__ import annotations

import dataclasses
import math
import time
import tracemalloc
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from enum import Enum, IntEnum
from typing import Any, cast

import numpy as np
import scipy.sparse as sp

from warmnet.engine.balance import Balance, balance
from warmnet.engine.brokers import Brokers, brokers
from warmnet.engine.data import NetworkData
from warmnet.engine.faultlines import FaultLine, faultlines
from warmnet.engine.frame import frame
from warmnet.engine.groups import Groups, PendingGroups, groups, groups_apart
from warmnet.engine.hardmoments import HardMomentTest, hard_moments
from warmnet.engine.rss import peak_rss_bytes, reset_peak_rss
from warmnet.engine.scenario import ScenarioResult, scenario
from warmnet.engine.settings import AnalysisSettings
from warmnet.engine.signals import Signal, signals
from warmnet.engine.suggestions import Suggestion, suggestions
from warmnet.engine.texts import Message
from warmnet.engine.ties import tie_matrices
from warmnet.engine.warmth import Warmth, warm_graph, warmth

__all__ = ["AnalysisResult", "StageTiming", "analyse", "jsonable"]


@dataclass(frozen=True)
class StageTiming:
    stage: str
    #: Wall-clock seconds.
    seconds: float
    #: Peak traced memory during the stage in bytes, when ``tracemalloc`` is tracing; else None.
    peak_bytes: int | None = None
    #: Process resident-memory high-water mark at the end of the stage in bytes, reset at its
    #: start where the system allows (see :mod:`warmnet.engine.rss`), when asked for; else None.
    peak_rss_bytes: int | None = None
    #: Processor seconds of the process (all threads) during the stage: steadier than the
    #: wall clock on a busy machine.
    cpu_seconds: float | None = None


@dataclass
class AnalysisResult:
    """Everything the analysis found about one network as of one day."""

    as_of: np.datetime64
    settings: AnalysisSettings
    balance: Balance
    scenario: ScenarioResult
    warmth: Warmth
    groups: Groups
    brokers: Brokers
    faultlines: list[FaultLine]
    signals: list[Signal]
    suggestions: list[Suggestion]
    #: Relational ties (member x member, effective hours): time in relationship
    #: activities and 1:1 contacts.  Warmth, cold members, brokers and the bridges across
    #: fault lines are based on these.  Left out of :meth:`to_dict` (described there).
    ties: sp.csr_matrix
    #: Working familiarity (member x member, effective hours, same member order): time at
    #: the same table on content.  Groups use both layers together.
    familiarity: sp.csr_matrix = field(default_factory=lambda: sp.csr_matrix((0, 0)))
    #: Each recorded hard moment up to the analysis day, with the relational warmth across
    #: its parties before it, against its outcome (ground truth for the method).
    hard_moments: list[HardMomentTest] = field(default_factory=list)
    #: The network's clock: the last day anything happened on or before ``as_of``; ties
    #: age from this day.
    clock: np.datetime64 = field(default_factory=lambda: np.datetime64("NaT", "D"))
    timings: list[StageTiming] = field(default_factory=list)

    def settle(self) -> None:
        """Wait for groups still being looked for in a helper process (see ``apart``)."""
        if isinstance(self.groups, PendingGroups):
            self.groups = self.groups.settle()

    def to_dict(self) -> dict[str, Any]:
        """A JSON-safe form (lists, strings, numbers, None); messages carry their English
        text beside key and parameters.  The two tie layers are described (size, pairs,
        unit), not listed."""
        out = {
            f.name: jsonable(getattr(self, f.name))
            for f in dataclasses.fields(self)
            if f.name not in ("ties", "familiarity")
        }
        out["ties"] = _describe_layer(
            self.ties,
            "relational",
            "time in relationship activities and 1:1 contacts; warmth is based on it",
        )
        out["familiarity"] = _describe_layer(
            self.familiarity, "working", "time at the same table on content"
        )
        return out


def _describe_layer(mat: sp.csr_matrix, kind: str, meaning: str) -> dict[str, Any]:
    return {
        "kind": kind,
        "meaning": meaning,
        "unit": "effective hours",
        "members": int(mat.shape[0]),
        "nonzero": int(mat.nnz // 2),
    }


def jsonable(value: Any) -> Any:
    """``value`` turned into plain JSON types, recursively."""
    if isinstance(value, PendingGroups):
        value = value.settle()
    if isinstance(value, Message):
        return value.to_dict()
    if isinstance(value, IntEnum):
        return value.name.lower()
    if isinstance(value, Enum):
        return value.value
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        return {f.name: jsonable(getattr(value, f.name)) for f in dataclasses.fields(value)}
    if isinstance(value, dict):
        return {str(jsonable(k)): jsonable(v) for k, v in value.items()}
    if isinstance(value, list | tuple):
        return [jsonable(v) for v in value]
    if isinstance(value, np.ndarray):
        if value.dtype.kind == "M":
            return [None if np.isnat(v) else str(v) for v in value.ravel()]
        if value.dtype.kind == "f":
            return (
                [jsonable(float(v)) for v in value.ravel()]
                if value.ndim == 1
                else [jsonable(row) for row in value]
            )
        return value.tolist()
    if isinstance(value, np.datetime64):
        return None if np.isnat(value) else str(value)
    if isinstance(value, np.bool_):
        return bool(value)
    if isinstance(value, np.integer):
        return int(value)
    if isinstance(value, float | np.floating):
        v = float(value)
        return None if math.isnan(v) or math.isinf(v) else v
    return value


class _Stages:
    def __init__(self, track_rss: bool = False) -> None:
        self.timings: list[StageTiming] = []
        self.track_rss = track_rss

    @contextmanager
    def stage(self, name: str) -> Iterator[None]:
        tracing = tracemalloc.is_tracing()
        if tracing:
            tracemalloc.reset_peak()
            base = tracemalloc.get_traced_memory()[0]
        if self.track_rss:
            reset_peak_rss()
        start, cpu = time.perf_counter(), time.process_time()
        yield
        seconds, cpu = time.perf_counter() - start, time.process_time() - cpu
        peak = tracemalloc.get_traced_memory()[1] - base if tracing else None
        rss = peak_rss_bytes() if self.track_rss else None
        self.timings.append(StageTiming(name, seconds, peak, rss, cpu))


def analyse(
    data: NetworkData,
    as_of: np.datetime64 | None = None,
    settings: AnalysisSettings | None = None,
    seed: int = 0,
    *,
    track_rss: bool = False,
    apart: bool = False,
) -> AnalysisResult:
    """Analyse ``data`` as it stood on ``as_of`` (default: the last day anything was
    recorded; the engine has no clock, the product passes the day by the rule in
    ``warmnet.insights.asof``).  ``seed`` fixes the sampling of betweenness; community
    detection is seeded by ``settings.group_seed`` alone.  ``track_rss`` records each
    stage's resident memory peak in its timing (for benchmarks).  ``apart``: Leiden runs
    in a helper process while the rest is computed and after (a background run draws its
    maps meanwhile); the result's groups are waited for when first read, or by
    :meth:`AnalysisResult.settle`."""
    st = settings or AnalysisSettings()
    stages = _Stages(track_rss)
    with stages.stage("frame"):
        fr = frame(data, as_of, st)
    with stages.stage("balance"):
        bal = balance(fr)
    with stages.stage("scenario"):
        scen = scenario(fr, bal)
    with stages.stage("ties"):
        layers = tie_matrices(fr)
        ties = layers.relational
    with stages.stage("warmth"):
        warm = warmth(fr, ties, layers.familiarity)
        warm_ties = warm_graph(ties, st.warm_threshold)
    with stages.stage("groups"):
        total = layers.total()
        grp = cast(Groups, groups_apart(fr, total)) if apart else groups(fr, total)
    with stages.stage("brokers"):
        brk = brokers(fr, ties, seed)
    with stages.stage("faultlines"):
        tests = hard_moments(fr, ties)
        lines = faultlines(fr, ties, warm_ties, tests, layers.familiarity)
    with stages.stage("signals"):
        sigs = signals(fr, scen, warm, lines, ties)
    with stages.stage("suggestions"):
        sugg = suggestions(fr, ties, warm, lines)
    return AnalysisResult(
        as_of=fr.as_of,
        settings=st,
        balance=bal,
        scenario=scen,
        warmth=warm,
        groups=grp,
        brokers=brk,
        faultlines=lines,
        signals=sigs,
        suggestions=sugg,
        ties=ties,
        familiarity=layers.familiarity,
        hard_moments=tests,
        clock=fr.clock,
        timings=stages.timings,
    )
