"""A calendar event as the import reads it: one occurrence, in the network's time zone."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

__all__ = [
    "ALL_DAY_MINUTES",
    "ALL_DAY_START",
    "MAX_MINUTES",
    "NO_END_MINUTES",
    "Attendee",
    "CalendarEvent",
    "Limits",
]

#: An all-day event becomes an activity from 09:00 ...
ALL_DAY_START = dt.time(9, 0)
#: ... lasting a working day (8 hours) for each day it covers.
ALL_DAY_MINUTES = 8 * 60
#: A timed event without an end (or ending when it starts) is taken to last an hour.
NO_END_MINUTES = 60
MAX_MINUTES = 60 * 24 * 14


@dataclass(frozen=True)
class Limits:
    today: dt.date
    #: at most this many events (occurrences) in one import
    max_events: int
    #: recurring events are expanded up to this many days after today
    horizon_days: int

    @property
    def horizon(self) -> dt.date:
        return self.today + dt.timedelta(days=self.horizon_days)


@dataclass
class Attendee:
    email: str  # case-folded: members are matched on it
    name: str
    status: int
    organiser: bool = False


@dataclass
class CalendarEvent:
    """One occurrence, as it will become (or match) one activity."""

    file: str
    line: int | None
    uid: str
    #: the occurrence's RECURRENCE-ID (UTC, or a date) for recurring events, else ""
    recurrence: str
    title: str
    start: dt.datetime  # aware, in the network's time zone
    minutes: int
    all_day: bool
    location: str
    description: str
    cancelled: bool
    private: bool
    recurring: bool
    sequence: int
    attendees: list[Attendee] = field(default_factory=list)

    @property
    def label(self) -> str:
        return f"{self.title} ({self.start:%d-%m-%Y})"
