"""Values read from a page's address (``?as_of=``, ``?month=``, ``?dossier=``), in range.

Every query parameter a view reads goes through a form field or a helper here, each
with the range Warmnet supports: days between :data:`FIRST_DAY` and :data:`LAST_DAY`,
ids that fit the database's 64-bit keys, small lists.  A value outside it is answered
with 400 and the page's message (a form's error, or :class:`BadQuery`'s text on the
400 page), never with an error deep in the analysis or the database.
"""

from __future__ import annotations

import datetime as dt
import re
from typing import Any

from django import forms
from django.core.exceptions import BadRequest
from django.utils.translation import gettext as _

__all__ = [
    "FIRST_DAY",
    "LAST_DAY",
    "MAX_ID",
    "BadQuery",
    "DayField",
    "check_day",
    "query_day",
    "query_id",
    "query_ids",
    "query_int",
    "query_month",
    "search_terms",
]

FIRST_DAY = dt.date(1900, 1, 1)
LAST_DAY = dt.date(2199, 12, 31)
MAX_ID = 2**63 - 1
MAX_IDS = 500
_DIGITS = re.compile(r"[0-9]{1,19}")
_MONTH = re.compile(r"([0-9]{1,4})-([0-9]{1,2})")


class BadQuery(BadRequest):
    """A value in the address that is malformed or out of range; its text is shown."""


def _range_message() -> str:
    return _("Give a date between %(first)s and %(last)s.") % {
        "first": FIRST_DAY.isoformat(),
        "last": LAST_DAY.isoformat(),
    }


def check_day(day: dt.date) -> None:
    if not FIRST_DAY <= day <= LAST_DAY:
        raise forms.ValidationError(_range_message(), code="out_of_range")


class DayField(forms.DateField):
    """A date form field that refuses days outside the supported range."""

    default_validators = [check_day]


def query_day(query: Any, name: str) -> dt.date | None:
    """``?name=YYYY-MM-DD``: None when absent or not a date (the page's default then
    applies); :class:`BadQuery` when a real date lies outside the supported range."""
    raw = query.get(name, "")
    try:
        day = dt.date.fromisoformat(raw)
    except ValueError:
        return None
    if not FIRST_DAY <= day <= LAST_DAY:
        raise BadQuery(f"{name}: {_range_message()}")
    return day


def query_month(query: Any, name: str) -> dt.date | None:
    """``?name=YYYY-MM`` as the month's first day; None when absent or not a month;
    :class:`BadQuery` when a real month lies outside the supported range."""
    match = _MONTH.fullmatch(query.get(name, "") or "")
    if match is None or not 1 <= int(match[2]) <= 12:
        return None
    if not FIRST_DAY.year <= int(match[1]) <= LAST_DAY.year:
        raise BadQuery(f"{name}: {_range_message()}")
    return dt.date(int(match[1]), int(match[2]), 1)


def query_int(query: Any, name: str, low: int, high: int) -> int | None:
    """``?name=N`` with ``low <= N <= high`` (ASCII digits only), else None."""
    raw = query.get(name, "")
    if not _DIGITS.fullmatch(raw or ""):
        return None
    value = int(raw)
    return value if low <= value <= high else None


def query_id(query: Any, name: str) -> int | None:
    """``?name=42``: a record id, or None when absent or not an id (ASCII digits only,
    so "²" or "٣" never reach ``int``; never beyond the 64-bit keys)."""
    raw = query.get(name, "")
    if not _DIGITS.fullmatch(raw or ""):
        return None
    value = int(raw)
    return value if 0 < value <= MAX_ID else None


def query_ids(query: Any, name: str) -> list[int]:
    """``?name=1,2,3``: the ids among them (at most :data:`MAX_IDS`), others left out."""
    raw = query.get(name, "")
    ids = []
    for part in raw.split(",")[:MAX_IDS]:
        if _DIGITS.fullmatch(part) and 0 < int(part) <= MAX_ID:
            ids.append(int(part))
    return ids


def search_terms(request: Any) -> str:
    """What a list was searched for: posted only, so no name people look for stands in an
    address or an access log (a ``?q=`` is ignored)."""
    if request.method != "POST":
        return ""
    return str(request.POST.get("q", "")).strip()[:200]
