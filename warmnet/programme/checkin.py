"""Check-in on the day: the host taps names at the door, attendees check themselves in.

Both write the attendance grid's rows through :func:`record_grid` (one cell at a
time here), so two hosts tapping the same name, or a host and the attendee at
once, never collide into an error, and the analysis reads what was recorded.

Self check-in has two signed links (see ``warmnet.links``):

* ``checkin`` names one member and one activity: the attendee's own short link
  (and its QR code), mailed with the reminder and shown on their overview.
  Changing either id breaks the signature; it expires at the end of the
  activity's day and the view refuses it before that day (Europe/Amsterdam).
* ``checkin-door`` names only the activity: the QR code the host shows at the
  door.  Whoever opens it must be logged in and invited; it checks in the
  logged-in member and nobody else.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

import segno
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from django.utils.safestring import SafeString, mark_safe

from warmnet.activities.actions import record_grid
from warmnet.activities.models import Activity, Attendance, AttendanceStatus
from warmnet.links import make_token, purpose
from warmnet.network.models import Member
from warmnet.network.transactions import atomic_with_retry
from warmnet.programme.links import absolute

__all__ = [
    "CHECKIN",
    "DOOR",
    "check_in",
    "checkin_link",
    "day_bounds",
    "door_link",
    "qr_svg",
    "refusal",
    "set_status",
]

#: One member checks themselves in at one activity, on its day.
CHECKIN = purpose("checkin", "member", "activity")
#: The door's QR code: the logged-in invitee checks in at this activity, on its day.
DOOR = purpose("checkin-door", "activity")


def day_bounds(activity: Activity) -> tuple[dt.datetime, dt.datetime]:
    """The start and end of the activity's local day (the site's time zone)."""
    local = timezone.localtime(activity.start)
    start = local.replace(hour=0, minute=0, second=0, microsecond=0)
    next_day = start.date() + dt.timedelta(days=1)
    end = timezone.make_aware(dt.datetime.combine(next_day, dt.time()), local.tzinfo)
    return start, end


def checkin_link(member: Member, activity: Activity) -> str:
    _start, end = day_bounds(activity)
    token = make_token(CHECKIN, expires=end, member=member.pk, activity=activity.pk)
    return absolute(reverse("links:checkin", args=[token]))


def door_link(activity: Activity) -> str:
    _start, end = day_bounds(activity)
    token = make_token(DOOR, expires=end, activity=activity.pk)
    return absolute(reverse("links:checkin_door", args=[token]))


def qr_svg(url: str) -> SafeString:
    """The QR code of ``url`` as inline SVG, drawn here (no image service)."""
    svg = segno.make(url, error="m").svg_inline(scale=5, border=2, title=None)
    # segno writes plain SVG markup (no script, no style element)
    return mark_safe(svg)


def refusal(member: Member | None, activity: Activity | None, now: dt.datetime) -> str | None:
    """Why ``member`` cannot check in at ``activity`` now (a code), or ``None``."""
    if member is None or activity is None or member.network_id != activity.network_id:
        return "unknown"
    start, end = day_bounds(activity)
    if now < start:
        return "early"
    if now >= end:
        return "over"
    if not Attendance.objects.filter(activity=activity, member=member).exists():
        return "not_invited"
    return None


def set_status(activity: Activity, member: Member, status: int | None, user: Any) -> int | None:
    """Write one cell as the grid does (all or nothing, retried on a conflict); the
    status stored afterwards."""
    network = activity.network
    atomic_with_retry(lambda: record_grid(network, user, [(activity, member, status)]))
    return (
        Attendance.objects.filter(activity=activity, member=member)
        .values_list("status", flat=True)
        .first()
    )


def check_in(activity: Activity, member: Member, user: Any) -> int | None:
    return set_status(activity, member, AttendanceStatus.ATTENDED, user)


def todays_activities(member: Member, now: dt.datetime) -> list[Activity]:
    """The activities of today (local day) the member is on the list of."""
    local = timezone.localtime(now)
    start = local.replace(hour=0, minute=0, second=0, microsecond=0)
    end = start + dt.timedelta(days=1)
    return list(
        Activity.objects.filter(
            Q(attendances__member=member), network=member.network, start__gte=start, start__lt=end
        ).order_by("start")
    )
