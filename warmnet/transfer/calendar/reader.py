"""Read the events of an ``.ics`` file, each recurring one expanded within a bounded window.

Every event is checked before any is expanded: an unreadable start or end, an
unknown time zone, a repetition rule that cannot be read.  Recurring events
(``RRULE``/``RDATE``, less ``EXDATE``, with moved occurrences given by
``RECURRENCE-ID``) are expanded up to a horizon after today, and never to more
occurrences than the import may hold, so a rule without end cannot explode.
Times end up in the network's time zone (Europe/Amsterdam).
"""

from __future__ import annotations

import datetime as dt
import zoneinfo
from collections import defaultdict
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import icalendar
import recurring_ical_events
import x_wr_timezone
from django.utils import timezone
from django.utils.translation import gettext as _

from warmnet.transfer.calendar.events import (
    ALL_DAY_MINUTES,
    ALL_DAY_START,
    MAX_MINUTES,
    NO_END_MINUTES,
    CalendarEvent,
    Limits,
)
from warmnet.transfer.calendar.fields import (
    TIME_FIELDS,
    comparable,
    day_of,
    has_floating,
    props,
    raw,
    unreadable,
)
from warmnet.transfer.calendar.people import attendees
from warmnet.transfer.calendar.scan import Scan, ScannedEvent, scan
from warmnet.transfer.calendar.text import clean_description, one_line
from warmnet.transfer.report import Problems

__all__ = ["read_calendar"]

_USED_FIELDS = {*TIME_FIELDS, "DURATION", "RRULE"}
_RECURRENCE_ERRORS = (
    recurring_ical_events.InvalidCalendar,
    recurring_ical_events.BadRuleStringFormat,
    recurring_ical_events.PeriodEndBeforeStart,
    ValueError,
    KeyError,
    TypeError,
    OverflowError,
)


@dataclass
class _Source:
    """One VEVENT of the file with where it stands."""

    component: Any
    place: ScannedEvent | None
    cancelled_by_method: bool

    def line(self, name: str = "") -> int | None:
        if self.place is None:
            return None
        return self.place.line_of(name) if name else self.place.line

    @property
    def label(self) -> str:
        summary = one_line(str(self.component.get("SUMMARY", "")))
        if summary:
            return summary
        line = self.line()
        return _("event on line %(line)s") % {"line": line} if line else ""


class _Reader:
    def __init__(
        self, file: str, errors: Problems, warnings: Problems, limits: Limits, taken: int
    ) -> None:
        self.file = file
        self.errors = errors
        self.warnings = warnings
        self.limits = limits
        self.taken = taken  # events already read from earlier files of this import
        self.tz = timezone.get_default_timezone()
        self.events: list[CalendarEvent] = []
        self.overflow = False

    def error(self, source: _Source | None, name: str, value: Any, reason: str) -> None:
        label = source.label if source is not None else ""
        line = source.line(name) if source is not None else None
        self.errors.add(self.file, label, line, name, value, reason)

    def note(self, event: CalendarEvent, reason: str) -> None:
        self.warnings.add(self.file, event.label, event.line, "", "", reason)

    # -- checking --------------------------------------------------------------------------

    def sources(self, scanned: Scan) -> list[_Source] | None:
        try:
            calendars = icalendar.Calendar.from_ical(scanned.text, multiple=True)
        except ValueError as exc:
            self.errors.add(
                self.file,
                "",
                None,
                "",
                str(exc)[:80],
                _("The calendar cannot be read; is it a complete .ics file?"),
            )
            return None
        before = self.errors.total
        places = iter(scanned.events)
        sources: list[_Source] = []
        for calendar in calendars:
            found = list(calendar.walk("VEVENT"))
            cancelled = str(calendar.get("METHOD", "")).upper() == "CANCEL"
            placed = [next(places, None) for _component in found]
            for component, place in zip(found, placed, strict=True):
                self.check(_Source(component, place, cancelled))
            standard = self.standard(calendar)
            if standard is None:
                continue
            # the same events, with the times of X-WR-TIMEZONE calendars (Google) put right
            converted = list(standard.walk("VEVENT"))
            if len(converted) != len(found):
                converted = found
            sources.extend(
                _Source(component, place, cancelled)
                for component, place in zip(converted, placed, strict=True)
            )
        return sources if self.errors.total == before else None

    def standard(self, calendar: Any) -> Any:
        try:
            return x_wr_timezone.to_standard(calendar)
        except (zoneinfo.ZoneInfoNotFoundError, ValueError):
            self.errors.add(
                self.file,
                "",
                None,
                "X-WR-TIMEZONE",
                str(calendar.get("X-WR-TIMEZONE", "")),
                _("This time zone is unknown."),
            )
            return None

    def check(self, source: _Source) -> None:
        component = source.component
        for name, _detail in component.errors:
            if name.upper() in _USED_FIELDS:
                self.error(source, name.upper(), raw(component.get(name)), unreadable(name))
        if "DTSTART" not in component:
            self.error(source, "DTSTART", "", _("An event needs a start (DTSTART)."))
            return
        for name in TIME_FIELDS:
            for prop in props(component, name):
                tzid = prop.params.get("TZID", "") if hasattr(prop, "params") else ""
                if tzid and has_floating(prop):
                    self.error(
                        source,
                        name,
                        tzid,
                        _(
                            "This time zone is unknown: the file does not describe it (VTIMEZONE) "
                            "and it is not a known zone name."
                        ),
                    )
        if any(name.upper() in _USED_FIELDS for name, _detail in component.errors):
            return
        start = component.get("DTSTART").dt
        end = component.get("DTEND")
        if end is not None and not isinstance(end.dt, type(start)):
            self.error(
                source,
                "DTEND",
                raw(end),
                _("The end must be a date when the start is a date, and a time when it is a time."),
            )
        elif end is not None and comparable(end.dt) < comparable(start):
            self.error(source, "DTEND", raw(end), _("The event ends before it starts."))
        elif self.minutes(component, start) > MAX_MINUTES:
            self.too_long(source, component)

    def too_long(self, source: _Source, component: Any) -> None:
        self.error(
            source,
            "DTEND" if "DTEND" in component else "DURATION",
            raw(component.get("DTEND") or component.get("DURATION")),
            _("An activity lasts at most 14 days; this event lasts longer."),
        )

    # -- expanding -------------------------------------------------------------------------

    def expand(self, sources: list[_Source]) -> None:
        groups: dict[str, list[_Source]] = defaultdict(list)
        for position, source in enumerate(sources):
            uid = str(source.component.get("UID", "")).strip()
            groups[uid or f"\x00{position}"].append(source)
        for group in groups.values():
            masters = [s for s in group if "RECURRENCE-ID" not in s.component]
            moved = _latest_per_recurrence([s for s in group if "RECURRENCE-ID" in s.component])
            master = max(masters, key=_version) if masters else None
            if master is not None and ("RRULE" in master.component or "RDATE" in master.component):
                self.series(master, moved)
            else:
                for source in ([master] if master is not None else []) + moved:
                    self.add(source, source.component, recurring=False)
            if self.overflow or len(self.events) + self.taken > self.limits.max_events:
                self.too_many()
                return

    def series(self, master: _Source, moved: list[_Source]) -> None:
        calendar = icalendar.Calendar()
        for source in [master, *moved]:
            calendar.add_component(source.component)
        first = master.component.get("DTSTART").dt
        first_day = first.date() if isinstance(first, dt.datetime) else first
        room = self.limits.max_events - self.taken - len(self.events)
        try:
            for count, occurrence in enumerate(_occurrences(calendar, first_day)):
                day = day_of(occurrence.get("DTSTART").dt, self.tz)
                if day > self.limits.horizon:
                    self.warnings.add(
                        self.file,
                        master.label,
                        master.line("RRULE"),
                        "RRULE",
                        "",
                        _(
                            "This event repeats beyond %(date)s; later occurrences are not "
                            "imported (see the horizon in docs/programme.md)."
                        )
                        % {"date": self.limits.horizon.strftime("%d-%m-%Y")},
                    )
                    return
                if count >= room:
                    self.overflow = True
                    return
                source = _source_of(occurrence, master, moved)
                self.add(source, occurrence, recurring=True)
        except _RECURRENCE_ERRORS:
            self.error(
                master,
                "RRULE",
                raw(master.component.get("RRULE")),
                _("The repetition of this event (RRULE, RDATE, EXDATE) cannot be worked out."),
            )

    def too_many(self) -> None:
        self.errors.add(
            self.file,
            "",
            None,
            "",
            "",
            _(
                "With its repeating events this calendar holds more than %(max)s events, the "
                "most one import may hold. Export a shorter period and import that."
            )
            % {"max": self.limits.max_events},
        )

    def add(self, source: _Source, component: Any, *, recurring: bool) -> None:
        start_value = component.get("DTSTART").dt
        all_day = not isinstance(start_value, dt.datetime)
        start = self.local(start_value)
        minutes = self.minutes(component, start_value)
        uid = str(component.get("UID", "")).strip()
        recurrence = ""
        if "RECURRENCE-ID" in component:
            recurrence = self.recurrence_key(component.get("RECURRENCE-ID").dt)
        title = one_line(str(component.get("SUMMARY", ""))) or _("(no title)")
        event = CalendarEvent(
            file=self.file,
            line=source.line(),
            uid=uid,
            recurrence=recurrence,
            title=title[:200],
            start=start,
            minutes=minutes or NO_END_MINUTES,
            all_day=all_day,
            location=one_line(str(component.get("LOCATION", "")))[:200],
            description=clean_description(str(component.get("DESCRIPTION", ""))),
            cancelled=source.cancelled_by_method
            or str(component.get("STATUS", "")).upper() == "CANCELLED",
            private=str(component.get("CLASS", "")).upper() in ("PRIVATE", "CONFIDENTIAL"),
            recurring=recurring or bool(recurrence),
            sequence=_version(source)[0],
            attendees=attendees(component),
        )
        if len(uid) > 255:
            self.error(source, "UID", uid, _("This UID is longer than 255 characters."))
            return
        if len(title) > 200:
            self.note(event, _("The title is longer than 200 characters and was shortened."))
        if minutes == 0:
            self.note(event, _("The event has no end time; it is taken to last an hour."))
        if event.minutes > MAX_MINUTES:
            self.too_long(source, component)
            return
        self.events.append(event)

    def local(self, value: dt.date | dt.datetime) -> dt.datetime:
        if not isinstance(value, dt.datetime):
            return timezone.make_aware(dt.datetime.combine(value, ALL_DAY_START), self.tz)
        if value.tzinfo is None:  # floating time: the network's local time
            return timezone.make_aware(value, self.tz)
        return value.astimezone(self.tz)

    def minutes(self, component: Any, start: dt.date | dt.datetime) -> int:
        end = component.get("DTEND")
        if end is not None:
            length = comparable(end.dt) - comparable(start)
        elif component.get("DURATION") is not None:
            length = component.get("DURATION").dt
        elif not isinstance(start, dt.datetime):
            length = dt.timedelta(days=1)
        else:
            return 0
        if not isinstance(start, dt.datetime):
            return max(1, round(length / dt.timedelta(days=1))) * ALL_DAY_MINUTES
        return max(0, -(-int(length.total_seconds()) // 60))

    def recurrence_key(self, value: dt.date | dt.datetime) -> str:
        if not isinstance(value, dt.datetime):
            return value.strftime("%Y%m%d")
        if value.tzinfo is None:
            value = timezone.make_aware(value, self.tz)
        return value.astimezone(dt.UTC).strftime("%Y%m%dT%H%M%SZ")


def _occurrences(calendar: Any, first_day: dt.date) -> Iterator[Any]:
    query = recurring_ical_events.CalendarQuery(calendar)
    yield from query.after(first_day - dt.timedelta(days=1))


def _source_of(occurrence: Any, master: _Source, moved: list[_Source]) -> _Source:
    """The VEVENT an occurrence comes from: a moved one when it has its own, else the rule."""
    if "RECURRENCE-ID" in occurrence:
        key = comparable(occurrence.get("RECURRENCE-ID").dt)
        for source in moved:
            if comparable(source.component.get("RECURRENCE-ID").dt) == key:
                return source
    return master


def _latest_per_recurrence(moved: list[_Source]) -> list[_Source]:
    latest: dict[Any, _Source] = {}
    for source in moved:
        key = comparable(source.component.get("RECURRENCE-ID").dt)
        if key not in latest or _version(source) > _version(latest[key]):
            latest[key] = source
    return list(latest.values())


def _version(source: _Source) -> tuple[int, str]:
    """Which of two copies of one event is the newer: SEQUENCE, then DTSTAMP."""
    try:
        sequence = int(source.component.get("SEQUENCE", 0))
    except (TypeError, ValueError):
        sequence = 0
    stamp = source.component.get("DTSTAMP")
    return sequence, raw(stamp)


def read_calendar(
    path: Path,
    name: str,
    errors: Problems,
    warnings: Problems,
    limits: Limits,
    *,
    taken: int = 0,
) -> list[CalendarEvent]:
    """The events of one ``.ics`` file; problems go to ``errors`` (and then no events)."""
    try:
        data = path.read_bytes()
    except OSError as exc:
        errors.add(
            name,
            "",
            None,
            "",
            "",
            _("The file could not be read: %(detail)s") % {"detail": exc.strerror or exc},
        )
        return []
    scanned = scan(data, name, errors, limits.max_events - taken)
    if scanned is None:
        return []
    reader = _Reader(name, errors, warnings, limits, taken)
    sources = reader.sources(scanned)
    if sources is None:
        return []
    before = errors.total
    reader.expand(sources)
    return reader.events if errors.total == before else []
