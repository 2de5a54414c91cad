"""Shared set-up of the map, member and fault-line browser tests."""

from __future__ import annotations

import re
from typing import Any

from tests.conftest import PASSWORD


def log_in(page: Any, base: str, username: str) -> None:
    page.goto(f"{base}/login/")
    page.get_by_label(re.compile("Gebruikersnaam|Username")).fill(username)
    page.get_by_label(re.compile("Wachtwoord|Password")).fill(PASSWORD)
    page.locator("form.record button[type=submit]").click()
    page.wait_for_load_state()
