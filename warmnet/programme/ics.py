"""Activities as RFC 5545 calendar data: invitations (REQUEST / CANCEL) and feeds.

Times are in Europe/Amsterdam with the VTIMEZONE included, so Outlook, Google
Calendar and Apple Calendar place them right; the UID of an activity never
changes and its SEQUENCE rises with every update, so a calendar replaces the
event instead of adding a second one.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from email.utils import parseaddr
from zoneinfo import ZoneInfo

from django.conf import settings
from django.utils import timezone
from icalendar import Calendar, Event, vCalAddress, vText

from warmnet.activities.models import Activity
from warmnet.network.models import Member

__all__ = ["AMSTERDAM", "event_calendar", "feed_calendar"]

AMSTERDAM = ZoneInfo("Europe/Amsterdam")
PRODID = "-//Warmnet//Relationship programme//NL"


def _calendar(method: str | None, name: str = "") -> Calendar:
    cal = Calendar()
    cal.add("prodid", PRODID)
    cal.add("version", "2.0")
    cal.add("calscale", "GREGORIAN")
    if method:
        cal.add("method", method)
    if name:
        cal.add("x-wr-calname", name)
        cal.add("x-wr-timezone", "Europe/Amsterdam")
    return cal


def _organizer(network_name: str) -> vCalAddress:
    _name, address = parseaddr(settings.DEFAULT_FROM_EMAIL)
    organizer = vCalAddress(f"mailto:{address or 'warmnet@localhost'}")
    organizer.params["cn"] = vText(network_name)
    return organizer


def _event(
    activity: Activity, uid: str, sequence: int, stamp: dt.datetime, description: str
) -> Event:
    event = Event()
    event.add("uid", uid)
    event.add("dtstamp", stamp.astimezone(dt.UTC))
    event.add("dtstart", activity.start.astimezone(AMSTERDAM))
    event.add("dtend", activity.end.astimezone(AMSTERDAM))
    event.add("summary", activity.title)
    if activity.location:
        event.add("location", activity.location)
    if description:
        event.add("description", description)
    event.add("sequence", sequence)
    return event


def event_calendar(
    activity: Activity,
    *,
    uid: str,
    sequence: int,
    method: str,
    attendee: Member,
    description: str = "",
    now: dt.datetime | None = None,
) -> str:
    """One activity for one invitee: ``method`` is ``REQUEST`` (an invitation or an
    update) or ``CANCEL``.  Only the invitee is named as attendee: the others'
    addresses are theirs."""
    cal = _calendar(method)
    event = _event(activity, uid, sequence, now or timezone.now(), description)
    event.add("status", "CANCELLED" if method == "CANCEL" else "CONFIRMED")
    event.add("organizer", _organizer(activity.network.name))
    who = vCalAddress(f"mailto:{attendee.email}")
    who.params["cn"] = vText(attendee.name)
    who.params["role"] = vText("REQ-PARTICIPANT")
    who.params["partstat"] = vText("NEEDS-ACTION")
    # Answers come through Warmnet's links, not as mails to the organiser.
    who.params["rsvp"] = vText("FALSE")
    event.add("attendee", who)
    cal.add_component(event)
    cal.add_missing_timezones()
    return cal.to_ical().decode()


def feed_calendar(
    name: str,
    entries: Iterable[tuple[Activity, str, int]],
    *,
    now: dt.datetime | None = None,
) -> bytes:
    """A subscription feed: ``(activity, uid, sequence)`` per event."""
    cal = _calendar(None, name)
    stamp = now or timezone.now()
    for activity, uid, sequence in entries:
        cal.add_component(_event(activity, uid, sequence, stamp, ""))
    cal.add_missing_timezones()
    return bytes(cal.to_ical())
