"""Invitations by e-mail, with an .ics: the first one, updates on a change, cancellation."""

from __future__ import annotations

import datetime as dt
import uuid
from collections.abc import Iterable
from typing import Any

from django.db import transaction
from django.urls import reverse
from django.utils import timezone

from warmnet.activities.models import Activity, Attendance, AttendanceStatus
from warmnet.mail.send import Attachment, mail_member
from warmnet.network.models import Member
from warmnet.programme.ics import event_calendar
from warmnet.programme.links import absolute, rsvp_links
from warmnet.programme.models import ActivityCalendar, Invitation

__all__ = [
    "OTHERS_SHOWN",
    "calendar_for",
    "cancel_invitations",
    "changed",
    "invite",
    "send_updates",
    "uid_for",
]

#: How many of the other invitees an invitation names.
OTHERS_SHOWN = 15


def uid_for(activity: Activity) -> str:
    """A stable calendar UID that says nothing about the activity or its people."""
    created = activity.network.created_at.timestamp()
    seed = f"warmnet:{activity.network_id}:{created:.6f}:{activity.pk}"
    return f"{uuid.uuid5(uuid.NAMESPACE_URL, seed)}@warmnet"


def _snapshot(activity: Activity) -> dict[str, Any]:
    return {
        "sent_title": activity.title,
        "sent_start": activity.start,
        "sent_minutes": activity.duration_minutes,
        "sent_location": activity.location,
    }


def calendar_for(activity: Activity) -> ActivityCalendar:
    cal, _created = ActivityCalendar.objects.get_or_create(
        activity=activity, defaults={"uid": uid_for(activity), **_snapshot(activity)}
    )
    return cal


def changed(cal: ActivityCalendar, activity: Activity) -> bool:
    """Whether what invitees were told (title, time, place) differs from the activity."""
    return any(getattr(cal, k) != v for k, v in _snapshot(activity).items())


def _others(activity: Activity, member: Member) -> list[Member]:
    rows = (
        Attendance.objects.filter(activity=activity)
        .exclude(member=member)
        .exclude(status=AttendanceStatus.DECLINED)
        .select_related("member__organisation")
        .order_by("member__name")
    )
    return [a.member for a in rows[:OTHERS_SHOWN]]


def _context(activity: Activity, member: Member, kind: str) -> dict[str, Any]:
    others = _others(activity, member)
    total = Attendance.objects.filter(activity=activity).exclude(member=member).count()
    return {
        "activity": activity,
        "kind": kind,
        "others": others,
        "more_others": max(0, total - len(others)),
        "rsvp": rsvp_links(member, activity) if kind != "cancel" else {},
        "activity_url": absolute(
            reverse("activities:activity_detail", args=[activity.network.slug, activity.pk])
        ),
    }


def _mail(activity: Activity, member: Member, cal: ActivityCalendar, kind: str) -> Any:
    method = "CANCEL" if kind == "cancel" else "REQUEST"
    ics = ""
    if member.email:
        ics = event_calendar(
            activity,
            uid=cal.uid,
            sequence=cal.sequence,
            method=method,
            attendee=member,
            description=activity.description,
        )
    return mail_member(
        member,
        "programme/mail/invitation",
        _context(activity, member, kind),
        kind=kind,
        attachments=[Attachment("invitation.ics", ics, "text/calendar", method)],
        reference=f"activity:{activity.pk}",
    )


def _record(activity: Activity, member: Member, mail: Any, cal: ActivityCalendar) -> None:
    Invitation.objects.update_or_create(
        activity=activity,
        member=member,
        defaults={"mail": mail, "sequence": cal.sequence, "sent_at": timezone.now()},
    )


def invite(activity: Activity, members: Iterable[Member]) -> int:
    """Mail an invitation to each member still invited to the activity and not yet
    mailed; returns how many mails were queued (members without an address get none,
    and their invitation row says so)."""
    if activity.end <= timezone.now():
        return 0  # no invitations to what is over (records typed in afterwards)
    with transaction.atomic():
        cal = calendar_for(activity)
        if changed(cal, activity):
            # changed since the last mails, and its update not sent yet (the two tasks may
            # run in either order, or at once): those mailed before are told first, so the
            # new invitees get the new details once, not an invitation and an update
            send_updates(activity)
            cal.refresh_from_db()
        invited = set(
            Attendance.objects.filter(activity=activity).values_list("member_id", flat=True)
        )
        done = set(
            Invitation.objects.filter(activity=activity, mail__isnull=False).values_list(
                "member_id", flat=True
            )
        )
        sent = 0
        for member in members:
            if member.pk not in invited or member.pk in done:
                continue
            mail = _mail(activity, member, cal, "invitation")
            _record(activity, member, mail, cal)
            sent += mail is not None
    return sent


def send_updates(activity: Activity, now: dt.datetime | None = None) -> int:
    """After a change of title, time or place: the same event with a higher SEQUENCE
    to everyone who was mailed and is still on the list."""
    if activity.end <= (now or timezone.now()):
        return 0
    with transaction.atomic():
        cal = ActivityCalendar.objects.select_for_update().filter(activity=activity).first()
        if cal is None or not changed(cal, activity):
            return 0
        cal.sequence += 1
        for name, value in _snapshot(activity).items():
            setattr(cal, name, value)
        cal.save()
        on_list = set(
            Attendance.objects.filter(activity=activity).values_list("member_id", flat=True)
        )
        invitations = Invitation.objects.filter(
            activity=activity, member_id__in=on_list
        ).select_related("member__network")
        sent = 0
        for invitation in invitations:
            mail = _mail(activity, invitation.member, cal, "update")
            _record(activity, invitation.member, mail, cal)
            sent += mail is not None
    return sent


def cancel_invitations(activity: Activity) -> int:
    """The activity is called off (deleted): a CANCEL to everyone who was mailed."""
    cal = ActivityCalendar.objects.filter(activity=activity).first()
    if cal is None or activity.end <= timezone.now():
        return 0
    cal.sequence += 1
    mailed = Invitation.objects.filter(activity=activity, mail__isnull=False).select_related(
        "member__network"
    )
    return sum(_mail(activity, i.member, cal, "cancel") is not None for i in mailed)
