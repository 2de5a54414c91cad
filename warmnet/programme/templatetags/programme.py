"""``{% activity_programme %}``: the programme's part of an activity's page.

For the signed-in member who is invited: their answer.  For those who run the
network: who is coming, the invitation mails and what became of them, and why
the analysis suggested the activity (theirs only to read).
"""

from __future__ import annotations

from typing import Any

from django import template
from django.db.models import Count
from django.utils import timezone

from warmnet.activities.models import Activity, Attendance, AttendanceStatus
from warmnet.engine.texts import Message
from warmnet.insights.texts import render_message
from warmnet.network.models import Role
from warmnet.network.scoping import RUNNERS
from warmnet.programme.actions import ANSWERABLE
from warmnet.programme.models import Invitation, SuggestionRecord

register = template.Library()


@register.inclusion_tag("programme/_activity_panel.html", takes_context=True)
def activity_programme(context: Any, activity: Activity) -> dict[str, Any]:
    member = context.get("member_self")
    request = context.get("request")
    if member is None or request is None:
        return {}
    own = Attendance.objects.filter(activity=activity, member=member).first()
    upcoming = activity.start > timezone.now()
    out: dict[str, Any] = {
        "network": context.get("network"),
        "activity": activity,
        "at": own if own is not None and upcoming else None,
        "answerable": ANSWERABLE,
        "statuses": AttendanceStatus,
        "next": request.get_full_path(),
        "csrf_token": context.get("csrf_token"),
        "runner": member.role in RUNNERS,
    }
    if member.role not in RUNNERS:
        return out
    counts = dict(
        Attendance.objects.filter(activity=activity)
        .values_list("status")
        .annotate(n=Count("pk"))
        .values_list("status", "n")
    )
    invitations = list(
        Invitation.objects.filter(activity=activity).select_related("mail", "member")
    )
    record = SuggestionRecord.objects.filter(activity=activity).order_by("-decided_at").first()
    reason = ""
    if record is not None and record.reason.get("key"):
        reason = render_message(Message(record.reason["key"], record.reason.get("params", {})))
    out |= {
        "coming": counts.get(AttendanceStatus.ACCEPTED, 0),
        "declined": counts.get(AttendanceStatus.DECLINED, 0),
        "waiting": counts.get(AttendanceStatus.INVITED, 0),
        "attended": counts.get(AttendanceStatus.ATTENDED, 0),
        "mailed": sum(1 for i in invitations if i.mail is not None),
        "no_address": [i.member for i in invitations if i.mail is None],
        "trouble": [i for i in invitations if i.mail is not None and i.mail.trouble],
        "bounced": [i.member for i in invitations if i.member.email_bounced_at],
        "has_invitations": bool(invitations),
        "reason": reason,
        "is_coordinator": member.role == Role.COORDINATOR,
        "over": not upcoming,
    }
    return out
