"""Shared set-up of the map, member and fault-line browser tests."""

from __future__ import annotations

import re
from collections.abc import Sequence
from typing import Any

import numpy as np
import pytest

from tests.conftest import PASSWORD
from warmnet.insights import loader


def log_in(page: Any, base: str, username: str) -> None:
    page.goto(f"{base}/login/")
    page.get_by_label(re.compile("Gebruikersnaam|Username")).fill(username)
    page.get_by_label(re.compile("Wachtwoord|Password")).fill(PASSWORD)
    page.locator("form.record button[type=submit]").click()
    page.wait_for_load_state()


def _cursor_read(conn: Any, sql: str, params: Sequence[Any], kinds: str) -> list[np.ndarray]:
    with conn.cursor() as cursor:
        cursor.execute(sql, params)
        rows = cursor.fetchall()
    if not rows:
        return [np.empty(0, "int64" if k == "i" else "float64") for k in kinds]
    array = np.array(rows, dtype="float64" if "f" in kinds else "int64")
    return [array[:, i].astype("int64" if k == "i" else "float64") for i, k in enumerate(kinds)]


@pytest.fixture(autouse=True)
def cursor_reads_only(monkeypatch: pytest.MonkeyPatch) -> None:
    """Read through Django's own SQLite connection in these tests.

    The loader's ADBC reader opens the database file with a second SQLite library in
    the same process while the live server's thread holds a connection to it; after a
    few such reads the next test's connection fails with "disk I/O error" (closing one
    library's handle drops the other's POSIX locks).  Reported to the loader's owner.
    """
    monkeypatch.setattr(loader, "_read_sqlite", _cursor_read)
