"""The three generated scenarios of ``warmnet generate`` are classified correctly.

The generator and the classifier come from the same project, so this is a check that
they agree, not proof; the hand-written histories in test_balance_and_scenario.py are
the independent check.
"""

import numpy as np
import pytest

from warmnet.engine import analyse
from warmnet.generate.synth import generate_network

EXPECTED = {
    "content-first": "content_first",
    "kickoff-then-content": "kickoff_then_content",
    "together": "together",
}


@pytest.mark.parametrize("story", list(EXPECTED))
def test_at_least_95_of_100_generated_networks_get_their_scenario(story: str) -> None:
    right = 0
    for seed in range(100):
        generated = generate_network(seed=seed, size="demo", scenario=story)
        result = analyse(generated.data, np.datetime64(generated.end, "D"), seed=seed)
        right += result.scenario.overall.scenario.value == EXPECTED[story]
    assert right >= 95
