"""Finding 5: every query parameter of every route, out of range, never gives a 500.

Which parameters a page reads is found by watching it: each route is opened once
while ``QueryDict`` notes the names looked up, then each of those names is tried
with malformed and out-of-range values.  A new page with a new parameter is fuzzed
without touching this file.
"""

from __future__ import annotations

import subprocess
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import pytest
from django.http import QueryDict
from django.test import Client

from tests.network.crawl import network_routes
from tests.network.test_isolation import _candidate_values, _urls_for, populated_a  # noqa: F401
from warmnet.network.models import Network

HOSTILE = [
    "0001-01-01",
    "9999-12-31",
    "9999-12",
    "0000-01",
    "1-1",
    "99999999999999999999",
    "-1",
    "²",
    "\x00",
    "x" * 3000,
    "2024-02-30",
    "1,99999999999999999999,²",
]


@contextmanager
def watching() -> Iterator[set[str]]:
    """Record every key a view looks up in a QueryDict (GET and POST alike)."""
    seen: set[str] = set()
    originals = {name: getattr(QueryDict, name) for name in ("get", "__getitem__", "getlist")}

    def wrap(name: str) -> Any:
        original = originals[name]

        def recorded(self: QueryDict, key: str, *args: Any, **kwargs: Any) -> Any:
            seen.add(key)
            return original(self, key, *args, **kwargs)

        return recorded

    for name in originals:
        setattr(QueryDict, name, wrap(name))
    try:
        yield seen
    finally:
        for name, original in originals.items():
            setattr(QueryDict, name, original)


def _get_routes(network: Network) -> list[str]:
    pks = _candidate_values(network, exclude=set())
    urls = []
    for route in network_routes():
        if "delete" in route.name or route.name.endswith(("cell", "confirm", "unlock")):
            continue
        urls += _urls_for(route, network.slug, pks[:1] or [1])
    return urls


@pytest.mark.slow
def test_no_query_parameter_on_any_route_gives_a_500(
    populated_a: Network,  # noqa: F811
    alice_client: Client,
) -> None:
    failures, tried = [], 0
    for url in _get_routes(populated_a):
        with watching() as names:
            alice_client.get(url)
        names -= {"csrfmiddlewaretoken", "next", "language"}
        for name in sorted(names):
            for value in HOSTILE:
                response = alice_client.get(url, {name: value})
                tried += 1
                if response.status_code >= 500:
                    failures.append(f"{url}?{name}={value[:20]!r} -> {response.status_code}")
    assert tried > 100
    assert failures == []


ROOT = Path(__file__).resolve().parents[2]


def _cli(data: Path, *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "warmnet.cli", *args],
        capture_output=True,
        text=True,
        cwd=ROOT,
        env={"WARMNET_DATA_DIR": str(data), "PATH": "/usr/bin:/bin"},
    )


def test_the_command_line_says_one_clear_line_instead_of_a_traceback(tmp_path: Path) -> None:
    _cli(tmp_path, "migrate", "--verbosity", "0")
    create = "from warmnet.network.models import Network as N; N.objects.create(slug='f', name='F')"
    _cli(tmp_path, "shell", "-c", create)
    for args in (
        ("analyse", "f", "--as-of", "9999-12-31"),
        ("export", "f", "--output", "/missing/dir/x.zip"),
    ):
        result = _cli(tmp_path, *args)
        assert result.returncode != 0
        assert "Traceback" not in result.stderr, result.stderr
        assert result.stderr.strip().count("\n") == 0, result.stderr
