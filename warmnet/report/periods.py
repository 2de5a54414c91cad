"""The period a report covers: a quarter by default, or any days from a first to a last."""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass

from django.utils.formats import date_format
from django.utils.translation import gettext as _

__all__ = [
    "MAX_DAYS",
    "Period",
    "default_quarter",
    "last_complete_quarter",
    "parse_quarter",
    "quarter_of",
]

#: A report covers at most two years.
MAX_DAYS = 731
_QUARTER = re.compile(r"([0-9]{4})-Q([1-4])")


@dataclass(frozen=True)
class Period:
    """From ``start`` to ``end``, both days included."""

    start: dt.date
    end: dt.date

    @property
    def days(self) -> int:
        return (self.end - self.start).days + 1

    @property
    def quarter(self) -> str:
        """``"2025-Q3"`` when the period is exactly one calendar quarter, else ``""``."""
        q = quarter_of(self.start)
        return q.label_code if q == self else ""

    @property
    def label_code(self) -> str:
        return f"{self.start.year}-Q{(self.start.month - 1) // 3 + 1}"

    @property
    def label(self) -> str:
        """How the report names it: "Q3 2025" or "1 February 2025 to 30 April 2025"."""
        if self.quarter:
            return f"Q{(self.start.month - 1) // 3 + 1} {self.start.year}"
        return _("%(first)s to %(last)s") % {
            "first": date_format(self.start, "j F Y"),
            "last": date_format(self.end, "j F Y"),
        }

    def previous(self) -> Period:
        """The period before it: the quarter before a quarter, else as many days before."""
        if self.quarter:
            return quarter_of(self.start - dt.timedelta(days=1))
        end = self.start - dt.timedelta(days=1)
        return Period(end - dt.timedelta(days=self.days - 1), end)

    def query(self) -> str:
        if self.quarter:
            return f"quarter={self.quarter}"
        return f"since={self.start.isoformat()}&until={self.end.isoformat()}"


def quarter_of(day: dt.date) -> Period:
    first = dt.date(day.year, 3 * ((day.month - 1) // 3) + 1, 1)
    month = first.month + 3
    after = dt.date(first.year + (month > 12), (month - 1) % 12 + 1, 1)
    return Period(first, after - dt.timedelta(days=1))


def last_complete_quarter(today: dt.date) -> Period:
    return quarter_of(quarter_of(today).start - dt.timedelta(days=1))


def default_quarter(today: dt.date) -> Period:
    """The quarter mostly behind us: the current one once half of it has passed, else
    the one before (a report made on 3 October is about the third quarter)."""
    current = quarter_of(today)
    if (today - current.start).days + 1 >= current.days / 2:
        return current
    return last_complete_quarter(today)


def parse_quarter(text: str) -> Period | None:
    """``"2025-Q3"`` as its period; None when not of that form."""
    match = _QUARTER.fullmatch(text.strip())
    if match is None:
        return None
    return quarter_of(dt.date(int(match[1]), 3 * int(match[2]) - 2, 1))
