"""Tiny typed readers for settings from the environment.

Each one rejects a bad value with a message that names the variable, so a
misconfigured deployment stops at start-up instead of failing later.
"""

from __future__ import annotations

import os
from pathlib import Path

import platformdirs

__all__ = ["ConfigError", "data_dir", "env_bool", "env_int", "env_list", "env_str"]


class ConfigError(Exception):
    pass


def env_str(name: str, default: str = "") -> str:
    return os.environ.get(name, default)


def env_bool(name: str, default: bool = False) -> bool:
    raw = os.environ.get(name)
    if raw is None or raw == "":
        return default
    value = raw.strip().lower()
    if value in {"1", "true", "yes", "on"}:
        return True
    if value in {"0", "false", "no", "off"}:
        return False
    raise ConfigError(f"{name}={raw!r} is not a boolean (use true/false, 1/0, yes/no)")


def env_int(name: str, default: int) -> int:
    raw = os.environ.get(name)
    if raw is None or raw == "":
        return default
    try:
        return int(raw)
    except ValueError:
        raise ConfigError(f"{name}={raw!r} is not an integer") from None


def env_list(name: str, default: list[str]) -> list[str]:
    raw = os.environ.get(name)
    if raw is None or raw.strip() == "":
        return default
    return [item.strip() for item in raw.split(",") if item.strip()]


def data_dir() -> Path:
    """Where Warmnet keeps its embedded database: ``WARMNET_DATA_DIR`` or the
    user's data directory (``~/.local/share/warmnet`` on Linux)."""
    raw = os.environ.get("WARMNET_DATA_DIR")
    if raw:
        return Path(raw).expanduser().resolve()
    return Path(platformdirs.user_data_dir("warmnet", appauthor=False))
