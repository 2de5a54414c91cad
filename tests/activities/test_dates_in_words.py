"""Dates name their month in the user's language ("4 mrt 2025", "4 maart 2025"), never
"4-3-2025" or "March 4" on a Dutch page."""

from __future__ import annotations

import re

import pytest
from django.test import Client

from tests.activities.test_activity_pages import url
from warmnet.activities.models import Activity


@pytest.mark.parametrize(
    ("language", "short", "long", "foreign"),
    [
        ("nl", "4 mrt 2025 10:00", "4 maart 2025", "March"),
        ("en", "4 Mar 2025 10:00", "March 4, 2025", "maart"),
    ],
)
def test_activity_dates_name_the_month(
    alice_client: Client, activity_a: Activity, language: str, short: str, long: str, foreign: str
) -> None:
    alice_client.cookies["django_language"] = language
    listing = alice_client.get(url("activity_list")).content.decode()
    assert short in listing
    assert not re.search(r"\b4-3-2025\b|\b04/03/2025\b", listing)
    detail = alice_client.get(url("activity_detail", activity_a.pk)).content.decode()
    assert long in detail and foreign not in detail
