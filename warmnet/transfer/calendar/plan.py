"""Match calendar events to activities and attendees to members; decide what to change.

An event is the activity with its UID (and occurrence), else an activity of the
same title on the same day that came from no other calendar event (entered by
hand or from a spreadsheet), else a new activity.  Titles stay unique per day, as
everywhere in Warmnet: a second event of the same title on one day gets its time
added ("Overleg (14:00)").  Attendees are members by e-mail address, case
ignored; the others are listed.  Nothing is written here.
"""

from __future__ import annotations

import datetime as dt
import hashlib
from collections import defaultdict
from dataclasses import dataclass, field
from typing import Any

from django.utils import timezone
from django.utils.translation import gettext as _

from warmnet.activities.models import Activity, ActivityKind, Attendance, AttendanceStatus
from warmnet.activities.uids import activities_for_uids
from warmnet.network.models import Member, Network
from warmnet.transfer.calendar.events import Attendee, CalendarEvent
from warmnet.transfer.calendar.kinds import guess_kind
from warmnet.transfer.labels import normal_key
from warmnet.transfer.report import Counts, Problems

__all__ = ["NEW", "SKIPPED", "CalendarPlan", "EventRow", "event_key", "plan_calendar"]

NEW, UPDATED, UNCHANGED, CANCELLED, SKIPPED = "new", "updated", "unchanged", "cancelled", "skipped"
_BATCH = 500
#: The fields an event sets on its activity, with how they are named to the user.
_FIELDS = ("title", "start", "duration_minutes", "kind", "location", "description")


def event_key(event: CalendarEvent) -> str:
    """A short, stable name for one event of the file (the preview's form fields use it)."""
    if event.uid:
        source = f"{event.uid}\x00{event.recurrence}"
    else:
        source = f"\x00{event.title}\x00{event.start.isoformat()}"
    return hashlib.sha256(source.encode()).hexdigest()[:16]


@dataclass
class EventRow:
    """One event as the preview shows it and the writer carries it out."""

    key: str
    event: CalendarEvent
    title: str
    kind: int | None  # None: not imported
    kind_note: str
    state: str = NEW
    activity: Activity | None = None
    changed: list[str] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)
    #: (member id, name, status) of the attendees who are members
    matched: list[tuple[int, str, int]] = field(default_factory=list)
    unmatched: list[Attendee] = field(default_factory=list)
    attendance: Counts = field(default_factory=Counts)

    @property
    def kind_label(self) -> str:
        return str(ActivityKind(self.kind).label) if self.kind is not None else ""

    @property
    def people(self) -> list[tuple[str, str]]:
        """The attendees who are members, with their answer, for the preview."""
        return [(name, str(AttendanceStatus(status).label)) for _pk, name, status in self.matched]

    @property
    def written(self) -> bool:
        return self.state in (NEW, UPDATED, UNCHANGED)


@dataclass
class CalendarPlan:
    network: Network
    rows: list[EventRow]
    #: new activities (unsaved), each with its row
    create: list[tuple[EventRow, Activity]] = field(default_factory=list)
    #: matched activities with the fields that change set on them
    update: list[tuple[Activity, list[str]]] = field(default_factory=list)
    #: (row, member id, status) for new attendance rows
    attend: list[tuple[EventRow, int, int]] = field(default_factory=list)
    #: (attendance id, new status)
    restatus: list[tuple[int, int]] = field(default_factory=list)
    activities: Counts = field(default_factory=Counts)
    attendance: Counts = field(default_factory=Counts)

    def unmatched(self) -> list[tuple[str, str, int]]:
        """Attendees who are not members: (e-mail, name, number of events), most frequent first."""
        seen: dict[str, list[Any]] = {}
        for row in self.rows:
            if not row.written:
                continue
            for person in row.unmatched:
                entry = seen.setdefault(person.email, [person.email, person.name, 0])
                entry[1] = entry[1] or person.name
                entry[2] += 1
        return sorted((tuple(v) for v in seen.values()), key=lambda v: (-v[2], v[0]))  # type: ignore[misc]

    def count(self, state: str) -> int:
        return sum(1 for row in self.rows if row.state == state)


def _unique(events: list[CalendarEvent]) -> list[tuple[str, CalendarEvent]]:
    """One event per key (the newest copy when a file holds one twice), in time order."""
    by_key: dict[str, CalendarEvent] = {}
    for event in events:
        key = event_key(event)
        if key not in by_key or event.sequence > by_key[key].sequence:
            by_key[key] = event
    return sorted(by_key.items(), key=lambda kv: (kv[1].start, kv[1].title, kv[0]))


class _Planner:
    def __init__(self, network: Network, choices: dict[str, int | None], errors: Problems) -> None:
        self.network = network
        self.choices = choices
        self.errors = errors
        self.tz = timezone.get_default_timezone()
        self.members = {
            email.casefold(): (pk, name)
            for pk, name, email in Member.objects.filter(network=network)
            .exclude(email="")
            .values_list("pk", "name", "email")
        }

    def day(self, moment: dt.datetime) -> dt.date:
        return timezone.localtime(moment, self.tz).date()

    def nearby(self, events: list[CalendarEvent]) -> dict[dt.date, list[Activity]]:
        """The network's activities on the days of the events, by day."""
        if not events:
            return {}
        first = min(self.day(e.start) for e in events)
        last = max(self.day(e.start) for e in events) + dt.timedelta(days=1)
        bounds = [
            timezone.make_aware(dt.datetime.combine(day, dt.time.min), self.tz)
            for day in (first, last)
        ]
        days: dict[dt.date, list[Activity]] = defaultdict(list)
        for activity in Activity.objects.filter(
            network=self.network, start__gte=bounds[0], start__lt=bounds[1]
        ).order_by("start", "pk"):
            days[self.day(activity.start)].append(activity)
        return days

    def match(self, keyed: list[tuple[str, CalendarEvent]]) -> list[Activity | None]:
        events = [event for _key, event in keyed]
        by_uid = activities_for_uids(self.network, [(e.uid, e.recurrence) for e in events])
        used = {activity.pk for activity in by_uid.values()}
        self.days = self.nearby(events)
        matches: list[Activity | None] = []
        for event in events:
            found = by_uid.get((event.uid, event.recurrence)) if event.uid else None
            if found is None:
                found = self.same_title(event, used)
            if found is not None:
                used.add(found.pk)
            matches.append(found)
        self.used = used
        return matches

    def same_title(self, event: CalendarEvent, used: set[int]) -> Activity | None:
        title = normal_key(event.title)
        for activity in self.days.get(self.day(event.start), []):
            if activity.pk in used or normal_key(activity.title) != title:
                continue
            if activity.calendar_uid in ("", event.uid):
                return activity
        return None

    def row(self, key: str, event: CalendarEvent, activity: Activity | None) -> EventRow:
        if event.cancelled:
            row = EventRow(key, event, event.title, None, "", CANCELLED, activity)
            if activity is not None:
                row.notes.append(
                    _(
                        "Cancelled in the calendar. The activity stays in Warmnet; delete it "
                        "there if it did not take place."
                    )
                )
            return row
        kind: int | None
        if key in self.choices:
            kind, note = self.choices[key], _("chosen in the preview")
        elif activity is not None:
            kind, note = activity.kind, _("as in Warmnet")
        elif event.private:
            kind, note = None, _("private in the calendar: not imported unless you choose a kind")
        else:
            guess = guess_kind(event.title)
            kind = int(guess.kind)
            if guess.word:
                note = _("from the word “%(word)s”") % {"word": guess.word}
            else:
                note = _("no telling word in the title: %(kind)s assumed") % {
                    "kind": guess.kind.label
                }
        state = (NEW if activity is None else UNCHANGED) if kind is not None else SKIPPED
        return EventRow(key, event, event.title, kind, note, state, activity)

    def titles(self, rows: list[EventRow]) -> None:
        """Give each written event a title no other activity has on its day."""
        taken: dict[dt.date, dict[str, object]] = defaultdict(dict)
        for day, activities in self.days.items():
            for activity in activities:
                if activity.pk not in self.used:
                    taken[day].setdefault(normal_key(activity.title), activity.pk)
        for row in rows:
            if not row.written and row.activity is not None:
                day = self.day(row.activity.start)
                taken[day].setdefault(normal_key(row.activity.title), row.activity.pk)
        for row in rows:
            if not row.written:
                continue
            day = self.day(row.event.start)
            for title in self.title_options(row):
                if normal_key(title) not in taken[day]:
                    taken[day][normal_key(title)] = row.key
                    if title != row.event.title:
                        row.notes.append(
                            _("Another activity on this day has the same title: the time is added.")
                        )
                    row.title = title
                    break
            else:
                self.errors.add(
                    row.event.file,
                    row.event.label,
                    row.event.line,
                    "SUMMARY",
                    row.event.title,
                    _(
                        "Another activity on this day already has this title, also with the "
                        "time added; give one of them another title."
                    ),
                )

    def title_options(self, row: EventRow) -> list[str]:
        local = timezone.localtime(row.event.start, self.tz)
        suffix = f" ({local:%H:%M})"
        return [row.event.title, row.event.title[: 200 - len(suffix)] + suffix]

    def attendees(self, row: EventRow) -> None:
        for person in row.event.attendees:
            member = self.members.get(person.email)
            if member is None:
                row.unmatched.append(person)
            else:
                row.matched.append((member[0], member[1], person.status))


def _values(row: EventRow) -> dict[str, Any]:
    event = row.event
    values: dict[str, Any] = {
        "title": row.title,
        "start": event.start,
        "duration_minutes": event.minutes,
        "kind": row.kind,
    }
    # an empty location or description in the calendar leaves Warmnet's as it is
    if event.location:
        values["location"] = event.location
    if event.description:
        values["description"] = event.description
    if event.uid:
        values["calendar_uid"] = event.uid
        values["calendar_recurrence"] = event.recurrence
    return values


def _label(name: str) -> str:
    field = Activity._meta.get_field(name)
    return str(getattr(field, "verbose_name", name))


def _existing_attendance(activity_ids: list[int]) -> dict[tuple[int, int], tuple[int, int]]:
    rows: dict[tuple[int, int], tuple[int, int]] = {}
    for start in range(0, len(activity_ids), _BATCH):
        batch = activity_ids[start : start + _BATCH]
        for pk, activity_id, member_id, status in Attendance.objects.filter(
            activity_id__in=batch
        ).values_list("pk", "activity_id", "member_id", "status"):
            rows[(activity_id, member_id)] = (pk, status)
    return rows


def plan_calendar(
    network: Network,
    events: list[CalendarEvent],
    choices: dict[str, int | None],
    errors: Problems,
) -> CalendarPlan:
    """What importing ``events`` would change; ``choices`` are the kinds the coordinator
    set in the preview, by event key (None: do not import)."""
    planner = _Planner(network, choices, errors)
    keyed = _unique(events)
    matches = planner.match(keyed)
    rows = [
        planner.row(key, event, found) for (key, event), found in zip(keyed, matches, strict=True)
    ]
    planner.titles(rows)
    plan = CalendarPlan(network, rows)
    existing = _existing_attendance([r.activity.pk for r in rows if r.activity and r.written])
    for row in rows:
        if not row.written:
            continue
        planner.attendees(row)
        values = _values(row)
        if row.activity is None:
            activity = Activity(network=network, **values)
            plan.create.append((row, activity))
            plan.activities.created += 1
            for member_id, _name, status in row.matched:
                plan.attend.append((row, member_id, status))
                row.attendance.created += 1
            continue
        activity = row.activity
        changed = [name for name, value in values.items() if getattr(activity, name) != value]
        for name in changed:
            setattr(activity, name, values[name])
        if changed:
            row.state = UPDATED
            row.changed = [_label(n) for n in changed]
            plan.update.append((activity, changed))
            plan.activities.updated += 1
        else:
            plan.activities.unchanged += 1
        for member_id, _name, status in row.matched:
            current = existing.get((activity.pk, member_id))
            if current is None:
                plan.attend.append((row, member_id, status))
                row.attendance.created += 1
            elif current[1] == AttendanceStatus.ATTENDED or current[1] == status:
                # what was recorded on the day outranks an answer to the invitation
                row.attendance.unchanged += 1
            else:
                plan.restatus.append((current[0], status))
                row.attendance.updated += 1
    for row in rows:
        plan.attendance.created += row.attendance.created
        plan.attendance.updated += row.attendance.updated
        plan.attendance.unchanged += row.attendance.unchanged
    return plan
