"""Sending a report to the steering group: a PDF attached to a short e-mail, in each
recipient's language, through the mail queue (see ``warmnet.mail``).

A schedule sends the last complete quarter ``days_after`` days after it ended, once:
``ReportSchedule.last_sent`` is set in the same transaction as the mails are recorded.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Any

from django.db import transaction
from django.db.models import Q
from django.utils import timezone, translation

from warmnet.mail.send import Attachment, mail_member, member_language
from warmnet.network.actions import log_action
from warmnet.network.models import Member, Network
from warmnet.report.actions import draft_for
from warmnet.report.content import build_report
from warmnet.report.models import ReportSchedule
from warmnet.report.pdf import document_title, filename, render_pdf
from warmnet.report.periods import Period, last_complete_quarter

__all__ = ["Delivery", "due_period", "recipients", "run_due", "send_report"]


def _current(today: dt.date) -> Q:
    return Q(left_on__isnull=True) | Q(left_on__gte=today)


def recipients(schedule: ReportSchedule, today: dt.date) -> list[Member]:
    """Everyone with the schedule's role and the members it names, if still members."""
    chosen = Q(pk__in=schedule.members.values("pk"))
    if schedule.role is not None:
        chosen |= Q(role=schedule.role)
    return list(
        Member.objects.filter(chosen, _current(today), network=schedule.network_id)
        .select_related("network", "organisation", "user")
        .order_by("name", "pk")
        .distinct()
    )


@dataclass
class Delivery:
    period: Period
    sent: list[Member] = field(default_factory=list)
    #: Recipients without an e-mail address: named to the coordinator, not sent.
    no_address: list[Member] = field(default_factory=list)


def send_report(
    network: Network,
    period: Period,
    members: list[Member],
    user: Any = None,
    today: dt.date | None = None,
) -> Delivery:
    """Render the report once per language and queue a mail with it to each member."""
    today = today or timezone.localdate()
    draft = draft_for(network, period)
    done = Delivery(period)
    pdfs: dict[str, tuple[bytes, str, str]] = {}
    for member in members:
        if not member.email:
            done.no_address.append(member)
            continue
        language = member_language(member)
        if language not in pdfs:
            with translation.override(language):
                content = build_report(network, period, draft, today)
                pdfs[language] = (
                    render_pdf(content),
                    filename(content, network.slug),
                    document_title(content),
                )
        pdf, name, title = pdfs[language]
        mail_member(
            member,
            "report/mail/report",
            {"title": title, "period": period, "foreword": draft.foreword if draft else ""},
            kind="report",
            attachments=[Attachment(name, pdf, "application/pdf")],
            reference=f"report:{period.start.isoformat()}:{period.end.isoformat()}",
        )
        done.sent.append(member)
    if draft is not None and done.sent:
        draft.sent_at = timezone.now()
        draft.save(update_fields=["sent_at"])
    log_action(
        network,
        user,
        "send",
        draft,
        object_type="report",
        summary=f"report {period.start:%Y-%m-%d}..{period.end:%Y-%m-%d} to {len(done.sent)}",
    )
    return done


def due_period(schedule: ReportSchedule, today: dt.date) -> Period | None:
    """The quarter the schedule should send today, if any."""
    quarter = last_complete_quarter(today)
    if not schedule.enabled or schedule.last_sent == quarter.quarter:
        return None
    if today < quarter.end + dt.timedelta(days=schedule.days_after):
        return None
    return quarter


def run_due(today: dt.date | None = None) -> int:
    """Send every schedule's due quarter (each once); returns the mails queued."""
    today = today or timezone.localdate()
    queued = 0
    for pk in ReportSchedule.objects.filter(enabled=True).values_list("pk", flat=True):
        with transaction.atomic():
            schedule = (
                ReportSchedule.objects.select_for_update().select_related("network").get(pk=pk)
            )
            period = due_period(schedule, today)
            if period is None:
                continue
            done = send_report(schedule.network, period, recipients(schedule, today), None, today)
            schedule.last_sent = period.quarter
            schedule.save(update_fields=["last_sent"])
            queued += len(done.sent)
    return queued
