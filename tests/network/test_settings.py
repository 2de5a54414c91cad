from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from warmnet.lib.env import ConfigError, data_dir, env_bool, env_int, env_list


def test_booleans_accept_the_usual_spellings(monkeypatch: pytest.MonkeyPatch) -> None:
    for raw, expected in [("1", True), ("yes", True), ("Off", False), ("false", False)]:
        monkeypatch.setenv("WARMNET_X", raw)
        assert env_bool("WARMNET_X") is expected


def test_a_bad_value_names_the_variable(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("WARMNET_X", "maybe")
    with pytest.raises(ConfigError, match="WARMNET_X='maybe'"):
        env_bool("WARMNET_X")
    monkeypatch.setenv("WARMNET_N", "ten")
    with pytest.raises(ConfigError, match="WARMNET_N"):
        env_int("WARMNET_N", 1)


def test_lists_split_on_commas(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("WARMNET_L", " a.example, b.example ,")
    assert env_list("WARMNET_L", []) == ["a.example", "b.example"]


def test_the_data_directory_follows_the_environment(
    monkeypatch: pytest.MonkeyPatch, tmp_path: object
) -> None:
    monkeypatch.setenv("WARMNET_DATA_DIR", str(tmp_path))
    assert str(data_dir()) == str(tmp_path)


def test_a_new_data_directory_is_made_by_the_first_command(tmp_path: Path) -> None:
    """``WARMNET_DATA_DIR`` naming a folder that is not there yet: the first command (not
    only ``warmnet demo``) makes it and the database in it, instead of failing."""
    target = tmp_path / "new" / "data"
    env = {k: v for k, v in os.environ.items() if k != "DATABASE_URL"}
    env["WARMNET_DATA_DIR"] = str(target)
    done = subprocess.run(
        [sys.executable, "-m", "warmnet.cli", "migrate", "-v", "0"],
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert done.returncode == 0, done.stderr
    assert (target / "warmnet.sqlite3").stat().st_size > 0
