"""Leiden in a helper process (the background run's analysis): the groups it finds are
the groups found in the caller's own process, and whatever reads them before they are
there waits for them."""

from __future__ import annotations

import pickle
from typing import Any

import numpy as np
import pytest

from warmnet.engine import AnalysisSettings, analyse, graphs
from warmnet.engine.analyse import jsonable
from warmnet.engine.frame import frame
from warmnet.engine.groups import Groups, PendingGroups, groups, groups_apart
from warmnet.engine.ties import tie_matrices
from warmnet.generate.synth import generate_network

SETTINGS = AnalysisSettings()


def _network() -> Any:
    generated = generate_network(seed=5, size="demo", scenario="together")
    return generated.data, np.datetime64(generated.end, "D")


def _same(a: Groups, b: Groups) -> bool:
    return jsonable(a) == jsonable(b)


def test_groups_found_in_the_helper_process_are_the_groups_found_here() -> None:
    data, day = _network()
    fr = frame(data, day, SETTINGS)
    total = tie_matrices(fr).total()
    here = groups(fr, total)
    pending = groups_apart(fr, total)
    assert isinstance(pending, PendingGroups)
    assert graphs._HELPER, "a helper process looks for them"
    assert _same(pending.settle(), here)
    assert here.count > 1


def test_reading_pending_groups_waits_for_them_and_pickles_them_settled() -> None:
    data, day = _network()
    whole = analyse(data, day, SETTINGS)
    graphs.forget_groupings()
    result = analyse(data, day, SETTINGS, apart=True)
    assert isinstance(result.groups, PendingGroups)
    assert result.groups.count == whole.groups.count  # waits, then reads
    copy = pickle.loads(pickle.dumps(result))
    assert isinstance(copy.groups, Groups) and _same(copy.groups, whole.groups)
    assert result.to_dict()["groups"] == whole.to_dict()["groups"]
    result.settle()
    assert isinstance(result.groups, Groups) and _same(result.groups, whole.groups)


def test_without_a_helper_process_the_groups_are_found_here(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    data, day = _network()
    fr = frame(data, day, SETTINGS)
    total = tie_matrices(fr).total()
    here = groups(fr, total)

    def refused(*args: Any, **kwargs: Any) -> Any:
        raise OSError("no processes to be had")

    monkeypatch.setattr(graphs, "_HELPER", [])
    monkeypatch.setattr(graphs, "ProcessPoolExecutor", refused)
    graphs.forget_groupings()
    assert _same(groups_apart(fr, total).settle(), here)


def test_the_helper_process_leaves_when_the_process_that_started_it_is_killed() -> None:
    import os
    import signal
    import subprocess
    import sys
    import time

    starter = subprocess.Popen(
        [
            sys.executable,
            "-c",
            "import numpy as np\n"
            "from warmnet.engine import graphs\n"
            "if __name__ == '__main__':\n"
            "    u, v = np.array([0, 1, 2]), np.array([1, 2, 3])\n"
            "    graphs.communities_apart(4, u, v)()\n"
            "    print(list(graphs._HELPER[0]._processes)[0], flush=True)\n"
            "    import time; time.sleep(60)\n",
        ],
        stdout=subprocess.PIPE,
        text=True,
    )
    assert starter.stdout is not None
    helper = int(starter.stdout.readline())
    os.kill(helper, 0)  # alive while the starter is
    starter.send_signal(signal.SIGKILL)
    starter.wait()
    deadline = time.monotonic() + 10
    while time.monotonic() < deadline:
        try:
            os.kill(helper, 0)
        except ProcessLookupError:
            return
        try:  # reaped by init once gone; until then a zombie counts as gone too
            with open(f"/proc/{helper}/stat") as stat:
                if stat.read().split()[2] == "Z":
                    return
        except FileNotFoundError:
            return
        time.sleep(0.2)
    os.kill(helper, signal.SIGKILL)
    raise AssertionError("the helper process outlived the process that started it")


def test_a_helper_started_ahead_is_the_one_that_looks_for_the_groups() -> None:
    ready = graphs.start_helper()
    assert ready is not None and ready.result(timeout=60) is True
    started = set(graphs._HELPER[0]._processes)  # type: ignore[attr-defined]
    assert len(started) == 1
    data, day = _network()
    fr = frame(data, day, SETTINGS)
    total = tie_matrices(fr).total()
    graphs.forget_groupings()
    assert _same(groups_apart(fr, total).settle(), groups(fr, total))
    assert set(graphs._HELPER[0]._processes) == started  # type: ignore[attr-defined]


def test_the_worker_starts_the_helper_at_its_start(monkeypatch: pytest.MonkeyPatch) -> None:
    import threading

    from warmnet.background.worker import run_worker

    monkeypatch.setattr(graphs, "_HELPER", [])
    stopped = threading.Event()
    stopped.set()  # no round: only what the worker does first
    run_worker(stop=stopped)
    try:
        assert graphs._HELPER, "the worker started the helper"
        ready = graphs.start_helper()  # the same helper: answers once it is up
        assert ready is not None and ready.result(timeout=60) is True
    finally:
        graphs._HELPER[0].shutdown()
