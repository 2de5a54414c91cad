import ast
import json
import subprocess
import sys
from pathlib import Path

import numpy as np
import pytest

from warmnet.engine import AnalysisSettings, SettingsError
from warmnet.engine.texts import MESSAGE_PARAMS, MESSAGES, Message

ENGINE = Path(__file__).resolve().parents[2] / "warmnet" / "engine"


def test_no_engine_module_imports_django() -> None:
    for path in ENGINE.rglob("*.py"):
        tree = ast.parse(path.read_text())
        for node in ast.walk(tree):
            names = []
            if isinstance(node, ast.Import):
                names = [a.name for a in node.names]
            elif isinstance(node, ast.ImportFrom) and node.module:
                names = [node.module]
            assert not any(n.split(".")[0] == "django" for n in names), path


def test_importing_the_engine_loads_no_django() -> None:
    code = "import sys, warmnet.engine; print('django' in sys.modules)"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "False"


def test_every_message_template_renders_with_its_own_parameter_names() -> None:
    for key, names in MESSAGE_PARAMS.items():
        text = Message(key, dict.fromkeys(names, 1)).render()
        assert "{" not in text, key
    assert set(MESSAGE_PARAMS) == set(MESSAGES)


def test_settings_take_overrides_from_json_and_reject_unknown_or_mistyped_ones() -> None:
    s = AnalysisSettings.from_dict(json.loads('{"band_low": 0.2, "max_gap_weeks": 6}'))
    assert s.band_low == 0.2 and s.max_gap_weeks == 6
    assert AnalysisSettings.from_dict({"half_life_days": 60}).half_life_days == 60.0
    with pytest.raises(SettingsError, match="nonsense"):
        AnalysisSettings.from_dict({"nonsense": 1})
    with pytest.raises(SettingsError, match="max_gap_weeks"):
        AnalysisSettings.from_dict({"max_gap_weeks": "six"})
    with pytest.raises(SettingsError, match="band_low"):
        AnalysisSettings.from_dict({"band_low": 0.9, "band_high": 0.5})
    # settings of the first pass that no longer exist are ignored, not refused
    assert AnalysisSettings.from_dict({"silo_nmi": 0.6, "group_iterations": 2}) == (
        AnalysisSettings()
    )


def test_an_empty_network_analyses_to_insufficient_data() -> None:
    from warmnet.engine import NetworkData, analyse

    result = analyse(NetworkData(), np.datetime64("2024-01-01"))
    assert result.scenario.overall.scenario.value == "insufficient_data"
    assert result.signals == [] and result.suggestions == []
    json.dumps(result.to_dict())


def test_the_result_carries_both_tie_layers_in_the_same_member_order() -> None:
    from warmnet.engine import analyse
    from warmnet.engine.data import ActivityKind

    from .conftest import Net

    net = Net()
    o = net.org("A")
    a, b, c = (net.member(x, o) for x in "abc")
    net.activity("2024-01-10", [a, b], hours=2.0, kind=ActivityKind.DINNER)
    net.activity("2024-01-10", [b, c], hours=3.0)
    result = analyse(net.build(), np.datetime64("2024-01-31"))
    assert result.ties.shape == result.familiarity.shape == (3, 3)
    assert result.ties[a, b] == 2.0 and result.ties[b, c] == 0.0
    assert result.familiarity[b, c] == 3.0 and result.familiarity[a, b] == 0.0
    described = result.to_dict()
    assert described["ties"]["kind"] == "relational" and described["ties"]["nonzero"] == 1
    assert described["familiarity"]["kind"] == "working"
    assert described["familiarity"]["unit"] == described["ties"]["unit"] == "effective hours"
    json.dumps(described)
