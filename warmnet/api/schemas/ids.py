"""Ids, days and moments as the API takes them: within bounds, so an absurd value is a
clear 422 rather than a database error or a contact in the year 278."""

import datetime as dt
from typing import Annotated

from pydantic import AfterValidator, AwareDatetime, Field

__all__ = ["FIRST_DAY", "LAST_DAY", "Day", "Id", "Moment"]

FIRST_DAY = dt.date(1900, 1, 1)
LAST_DAY = dt.date(2200, 12, 31)

Id = Annotated[int, Field(ge=1, le=2**63 - 1)]

#: A day wide enough for any history, narrow enough that day arithmetic never leaves
#: the calendar.
Day = Annotated[dt.date, Field(ge=FIRST_DAY, le=LAST_DAY)]


def _in_range(value: dt.datetime) -> dt.datetime:
    if not FIRST_DAY <= value.date() <= LAST_DAY:
        raise ValueError(f"Give a moment from {FIRST_DAY} to {LAST_DAY}.")
    return value


#: A moment with its UTC offset, within the same years as :data:`Day`.
Moment = Annotated[AwareDatetime, AfterValidator(_in_range)]
