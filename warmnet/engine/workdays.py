"""Days on which a network can meet: Monday to Friday, not on a Dutch public holiday, not
in the Christmas or the summer school holidays.

Public holidays and school holidays come from the ``holidays`` package (the
Netherlands, category ``school`` for the breaks).  A network's people live in every
region, so the summer break is the union of the three regions' (north, middle,
south: early July to early September).  For years the package has no school
calendar for, the breaks are approximated: 24 December to 1 January, and 15 July to
31 August.
"""

from __future__ import annotations

import datetime as dt
from functools import lru_cache

import holidays
import numpy as np
import numpy.typing as npt

__all__ = ["closed_days", "is_open"]

REGIONS = ("Noord", "Midden", "Zuid")
#: The school breaks a network does not plan in (names as the ``holidays`` package has them).
BREAKS = ("Christmas Break", "Summer Break")


def _span(first: dt.date, last: dt.date) -> list[dt.date]:
    return [first + dt.timedelta(days=i) for i in range((last - first).days + 1)]


@lru_cache(maxsize=64)
def _closed_in(year: int) -> frozenset[dt.date]:
    days: set[dt.date] = set(holidays.country_holidays("NL", years=year))
    school: set[dt.date] = set()
    names: set[str] = set()
    for region in REGIONS:
        calendar = holidays.country_holidays(
            "NL", subdiv=region, years=year, categories=("school",)
        )
        for day, name in calendar.items():
            names.add(name)
            if name in BREAKS:
                school.add(day)
    if "Christmas Break" not in names:
        school |= set(_span(dt.date(year, 1, 1), dt.date(year, 1, 1)))
        school |= set(_span(dt.date(year, 12, 24), dt.date(year, 12, 31)))
    if "Summer Break" not in names:
        school |= set(_span(dt.date(year, 7, 15), dt.date(year, 8, 31)))
    return frozenset(days | school)


def closed_days(first: np.datetime64, last: np.datetime64) -> npt.NDArray[np.datetime64]:
    """The holidays and school breaks of the years from ``first`` to ``last`` (and the
    year either side, so a roll over New Year finds them), sorted, as ``datetime64[D]``."""
    y0, y1 = int(str(first)[:4]) - 1, int(str(last)[:4]) + 1
    every = sorted(day for year in range(max(y0, 1), y1 + 1) for day in _closed_in(year))
    return np.array(every, dtype="datetime64[D]")


def is_open(day: np.datetime64) -> bool:
    """Whether a network can meet on ``day``."""
    closed = closed_days(day, day)
    return bool(np.is_busday(day.astype("datetime64[D]"), holidays=closed))
