"""Logging in through the real form, the way a person does."""

from __future__ import annotations

import re
from typing import Any

from tests.conftest import PASSWORD

TABLET = {"width": 768, "height": 1024}


def log_in(page: Any, base: str, username: str, password: str = PASSWORD) -> None:
    page.goto(f"{base}/login/")
    page.get_by_label(re.compile("Gebruikersnaam|Username")).fill(username)
    page.get_by_label(re.compile("Wachtwoord|Password")).fill(password)
    page.locator("form.record button[type=submit]").click()
    page.wait_for_url(lambda url: "/login/" not in url)
