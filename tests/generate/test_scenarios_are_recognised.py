"""The engine recognises each generated story: at least 95 of 100 seeds per scenario."""

from __future__ import annotations

import importlib

import numpy as np
import pytest

from warmnet.generate.result import SCENARIOS
from warmnet.generate.synth import generate_network

try:
    analyse = importlib.import_module("warmnet.engine").analyse
except (ImportError, AttributeError):  # the engine arrives in its own issue
    analyse = None

pytestmark = pytest.mark.skipif(analyse is None, reason="warmnet.engine.analyse does not exist yet")

#: Small enough for seconds: two years, 40 people, 150 activities.
SMALL = {"organisations": 8, "members": 40, "activities": 150, "years": 2.0}
EXPECTED = {
    "content-first": "content_first",
    "kickoff-then-content": "kickoff_then_content",
    "together": "together",
}


@pytest.mark.parametrize("scenario", SCENARIOS)
def test_the_engine_recognises_the_story(scenario: str) -> None:
    verdicts = []
    for seed in range(100):
        g = generate_network(seed, SMALL, scenario)
        result = analyse(g.data, as_of=np.datetime64(g.end))
        verdicts.append(result.scenario.overall.scenario.value)
    hits = sum(v == EXPECTED[scenario] for v in verdicts)
    assert hits >= 95, f"{scenario}: {hits}/100 recognised; got {sorted(set(verdicts))}"
