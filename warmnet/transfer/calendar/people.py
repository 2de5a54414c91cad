"""The people of a calendar event: attendees and organiser, as e-mail addresses with answers."""

from __future__ import annotations

import re
from typing import Any

from warmnet.activities.models import AttendanceStatus
from warmnet.transfer.calendar.events import Attendee
from warmnet.transfer.calendar.fields import props
from warmnet.transfer.calendar.text import one_line

__all__ = ["attendees"]

_EMAIL = re.compile(r"[^@\s:]+@[^@\s]+\.[^@\s]+")
_PARTSTAT = {"ACCEPTED": AttendanceStatus.ACCEPTED, "DECLINED": AttendanceStatus.DECLINED}


def attendees(component: Any) -> list[Attendee]:
    """The people of an event: its attendees (rooms and resources left out) and its
    organiser, who is taken to come unless listed with an answer of their own."""
    people: dict[str, Attendee] = {}
    for prop in props(component, "ATTENDEE"):
        params = getattr(prop, "params", {})
        if str(params.get("CUTYPE", "")).upper() in ("ROOM", "RESOURCE"):
            continue
        if str(params.get("ROLE", "")).upper() == "NON-PARTICIPANT":
            continue
        person = _person(prop, params)
        if person is not None:
            people.setdefault(person.email, person)
    organiser = component.get("ORGANIZER")
    if organiser is not None:
        person = _person(organiser, getattr(organiser, "params", {}))
        if person is not None:
            if person.email in people:
                people[person.email].organiser = True
            else:
                person.status, person.organiser = AttendanceStatus.ACCEPTED, True
                people[person.email] = person
    return list(people.values())


def _person(prop: Any, params: Any) -> Attendee | None:
    email = str(params.get("EMAIL", "") or prop).strip()
    if email[:7].lower() == "mailto:":
        email = email[7:]
    if not _EMAIL.fullmatch(email):
        return None
    name = one_line(str(params.get("CN", ""))).strip('"')
    status = _PARTSTAT.get(str(params.get("PARTSTAT", "")).upper(), AttendanceStatus.INVITED)
    return Attendee(email.casefold(), "" if name.casefold() == email.casefold() else name, status)
