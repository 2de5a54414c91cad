"""Reminders around an activity that was planned with invitations from Warmnet.

* ``WARMNET_REMINDER_HOURS`` (48) before the start: a reminder to those who accepted;
* ``WARMNET_NUDGE_HOURS`` (120) before the start: a nudge to those who have not
  answered (only when their invitation is at least a day old);
* after the end: a note to the network's coordinators, "record who came", with a
  link to the activity's attendance; a suggestion planned as this activity is done.

Each goes out once per activity: the calendar entry records when, claimed with a
conditional update so that two workers never send the same reminder.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.conf import settings
from django.db import transaction
from django.db.models import QuerySet
from django.urls import reverse
from django.utils import timezone

from warmnet.activities.models import Activity, Attendance, AttendanceStatus
from warmnet.mail.send import mail_member
from warmnet.network.models import Member, Role
from warmnet.programme.checkin import checkin_link
from warmnet.programme.links import absolute, rsvp_links
from warmnet.programme.models import (
    ActivityCalendar,
    Invitation,
    SuggestionRecord,
    SuggestionState,
)

__all__ = ["WRAP_UP_WITHIN", "run"]

#: After this long past its end an activity gets no "record who came" any more.
WRAP_UP_WITHIN = dt.timedelta(days=14)
#: A nudge waits until the invitation is at least this old.
NUDGE_AFTER = dt.timedelta(days=1)


def _claim(cal: ActivityCalendar, field: str, now: dt.datetime) -> bool:
    return bool(
        ActivityCalendar.objects.filter(pk=cal.pk, **{f"{field}__isnull": True}).update(
            **{field: now}
        )
    )


def _calendars(**filters: Any) -> QuerySet[ActivityCalendar]:
    return ActivityCalendar.objects.filter(**filters).select_related(
        "activity__network", "activity__host_organisation"
    )


def _people(activity: Activity, status: int) -> list[Member]:
    rows = Attendance.objects.filter(activity=activity, status=status).select_related(
        "member__network", "member__user"
    )
    return [a.member for a in rows]


def _attendance_url(activity: Activity) -> str:
    path = reverse("activities:activity_detail", args=[activity.network.slug, activity.pk])
    return absolute(path + "#attendees")


def _reminders(now: dt.datetime) -> int:
    before = dt.timedelta(hours=settings.WARMNET_REMINDER_HOURS)
    sent = 0
    for cal in _calendars(
        reminded_at__isnull=True, activity__start__gt=now, activity__start__lte=now + before
    ):
        with transaction.atomic():
            if not _claim(cal, "reminded_at", now):
                continue
            activity = cal.activity
            for member in _people(activity, AttendanceStatus.ACCEPTED):
                context = {
                    "activity": activity,
                    "rsvp": rsvp_links(member, activity),
                    "checkin": checkin_link(member, activity),
                }
                sent += (
                    mail_member(
                        member,
                        "programme/mail/reminder",
                        context,
                        kind="reminder",
                        reference=f"activity:{activity.pk}",
                    )
                    is not None
                )
    return sent


def _nudges(now: dt.datetime) -> int:
    before = dt.timedelta(hours=settings.WARMNET_NUDGE_HOURS)
    sent = 0
    for cal in _calendars(
        nudged_at__isnull=True, activity__start__gt=now, activity__start__lte=now + before
    ):
        with transaction.atomic():
            if not _claim(cal, "nudged_at", now):
                continue
            activity = cal.activity
            mailed_early = set(
                Invitation.objects.filter(
                    activity=activity, mail__isnull=False, sent_at__lte=now - NUDGE_AFTER
                ).values_list("member_id", flat=True)
            )
            for member in _people(activity, AttendanceStatus.INVITED):
                if member.pk not in mailed_early:
                    continue
                context = {"activity": activity, "rsvp": rsvp_links(member, activity)}
                sent += (
                    mail_member(
                        member,
                        "programme/mail/nudge",
                        context,
                        kind="nudge",
                        reference=f"activity:{activity.pk}",
                    )
                    is not None
                )
    return sent


def _counts(activity: Activity) -> dict[str, int]:
    counts = dict.fromkeys(("invited", "accepted", "declined", "attended"), 0)
    names = {s.value: s.name.lower() for s in AttendanceStatus}
    for status in Attendance.objects.filter(activity=activity).values_list("status", flat=True):
        counts[names[status]] += 1
    return counts


def _wrap_ups(now: dt.datetime) -> int:
    sent = 0
    for cal in _calendars(
        wrapped_up_at__isnull=True,
        activity__start__lte=now,
        activity__start__gt=now - WRAP_UP_WITHIN - dt.timedelta(days=14),
    ):
        activity = cal.activity
        if activity.end > now or activity.end < now - WRAP_UP_WITHIN:
            continue
        with transaction.atomic():
            if not _claim(cal, "wrapped_up_at", now):
                continue
            SuggestionRecord.objects.filter(
                activity=activity, state=SuggestionState.PLANNED
            ).update(state=SuggestionState.DONE)
            coordinators = Member.objects.filter(
                network=activity.network, role=Role.COORDINATOR, left_on__isnull=True
            ).select_related("network", "user")
            context = {
                "activity": activity,
                "attendance_url": _attendance_url(activity),
                "counts": _counts(activity),
            }
            for member in coordinators:
                sent += (
                    mail_member(
                        member,
                        "programme/mail/record_attendance",
                        context,
                        kind="record_attendance",
                        reference=f"activity:{activity.pk}",
                    )
                    is not None
                )
    return sent


def run(now: dt.datetime | None = None) -> dict[str, int]:
    now = now or timezone.now()
    return {
        "reminders": _reminders(now),
        "nudges": _nudges(now),
        "record_attendance": _wrap_ups(now),
    }
