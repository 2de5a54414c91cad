"""Reading iCalendar properties: time values, their zones, and the raw text of a value."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.utils.translation import gettext as _

__all__ = ["TIME_FIELDS", "comparable", "day_of", "has_floating", "props", "raw", "unreadable"]

TIME_FIELDS = ("DTSTART", "DTEND", "RECURRENCE-ID", "EXDATE", "RDATE")


def props(component: Any, name: str) -> list[Any]:
    value = component.get(name)
    if value is None:
        return []
    return value if isinstance(value, list) else [value]


def has_floating(prop: Any) -> bool:
    values = [d.dt for d in prop.dts] if hasattr(prop, "dts") else [getattr(prop, "dt", None)]
    return any(isinstance(v, dt.datetime) and v.tzinfo is None for v in values)


def comparable(value: dt.date | dt.datetime) -> Any:
    """Dates and naive times compare as they are; aware times in UTC."""
    if isinstance(value, dt.datetime) and value.tzinfo is not None:
        return value.astimezone(dt.UTC).replace(tzinfo=None)
    return value


def day_of(value: dt.date | dt.datetime, tz: Any) -> dt.date:
    if isinstance(value, dt.datetime):
        return (value.astimezone(tz) if value.tzinfo else value).date()
    return value


def raw(prop: Any) -> str:
    if prop is None:
        return ""
    try:
        raw = prop.to_ical()
    except (AttributeError, ValueError, TypeError):
        return str(prop)
    return raw.decode("utf-8", "replace") if isinstance(raw, bytes) else str(raw)


def unreadable(name: str) -> str:
    name = name.upper()
    if name in TIME_FIELDS:
        return _("This is not a date (20261127) or a date and time (20261127T143000).")
    if name == "DURATION":
        return _("This is not a duration (such as PT1H30M).")
    return _("This repetition rule (RRULE) cannot be read.")
