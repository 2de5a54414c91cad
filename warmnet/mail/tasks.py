"""Sending a recorded mail, in the background: retried, and its outcome recorded."""

from __future__ import annotations

import base64
import datetime as dt
import logging
import smtplib
from email.utils import formataddr
from typing import Any

from django.conf import settings
from django.core.mail import EmailMultiAlternatives, get_connection
from django.db.models import F, Q
from django.utils import timezone
from django_tasks import task

from warmnet.background.periodic import periodic
from warmnet.background.queue import queue
from warmnet.mail.models import PENDING, MailStatus, OutgoingMail
from warmnet.network.models import Member

__all__ = ["MAX_ATTEMPTS", "RETRY_AFTER", "build_message", "deliver", "retry_now", "retry_stale"]

logger = logging.getLogger(__name__)

#: Pauses before the 2nd, 3rd, ... attempt; after the last the mail has failed for good.
RETRY_AFTER = (
    dt.timedelta(minutes=1),
    dt.timedelta(minutes=10),
    dt.timedelta(hours=1),
    dt.timedelta(hours=6),
)
MAX_ATTEMPTS = len(RETRY_AFTER) + 1
#: A mail "being sent" for this long belonged to a worker that died; it is tried again.
STALE_AFTER = dt.timedelta(minutes=15)


def build_message(mail: OutgoingMail, connection: Any = None) -> EmailMultiAlternatives:
    """The MIME message of a recorded mail: plain text, HTML, and any calendar part both
    as an alternative (``text/calendar; method=...``, what Outlook and Google read) and
    as an ``.ics`` attachment (what other programs open)."""
    to = formataddr((mail.to_name, mail.to)) if mail.to_name else mail.to
    message = EmailMultiAlternatives(
        subject=mail.subject,
        body=mail.body_text,
        from_email=settings.DEFAULT_FROM_EMAIL,
        to=[to],
        connection=connection,
        headers={"Auto-Submitted": "auto-generated", "Content-Language": mail.language},
    )
    if mail.body_html:
        message.attach_alternative(mail.body_html, "text/html")
    for part in mail.attachments:
        if part.get("method"):
            message.attach_alternative(part["content"], f"text/calendar; method={part['method']}")
            message.attach(part["filename"], part["content"].encode(), "application/ics")
        elif part.get("encoding") == "base64":
            message.attach(part["filename"], base64.b64decode(part["content"]), part["mimetype"])
        else:
            message.attach(part["filename"], part["content"], part["mimetype"])
    return message


def _claim(mail_id: int, now: dt.datetime) -> OutgoingMail | None:
    """Mark the mail as being sent unless another run has it (so it is sent once)."""
    claimed = OutgoingMail.objects.filter(pk=mail_id, status__in=PENDING).update(
        status=MailStatus.SENDING, attempts=F("attempts") + 1, attempted_at=now
    )
    if not claimed:
        return None
    return OutgoingMail.objects.select_related("member").get(pk=mail_id)


def _refused(error: Exception) -> bool:
    """Whether the server refused the address itself (a bounce), not a passing fault."""
    if isinstance(error, smtplib.SMTPRecipientsRefused):
        return True
    code = getattr(error, "smtp_code", 0)
    return isinstance(error, smtplib.SMTPResponseException) and 550 <= code <= 553


def _scrub(mail: OutgoingMail, fields: list[str]) -> None:
    if mail.private or mail.sealed:
        mail.body_text = mail.body_html = ""
        mail.attachments = []
        fields += ["body_text", "body_html", "attachments"]
    if mail.sealed:
        # a sealed (survey) mail keeps no trace of whom it went to: a list of who got a
        # reminder would be a list of who has not answered
        mail.to = mail.to_name = ""
        mail.member = mail.user = None
        fields += ["to", "to_name", "member", "user"]


def _describe(error: Exception) -> str:
    if isinstance(error, smtplib.SMTPRecipientsRefused):
        codes = [
            f"{code} {msg.decode(errors='replace')}" for code, msg in error.recipients.values()
        ]
        return "; ".join(codes)[:500]
    return f"{type(error).__name__}: {error}"[:500]


@task()
def deliver(mail_id: int) -> str:
    """Send one recorded mail; on a passing fault queue the next attempt."""
    now = timezone.now()
    mail = _claim(mail_id, now)
    if mail is None:
        return "skipped"
    connection = get_connection()
    try:
        build_message(mail, connection).send()
    except Exception as error:  # every fault is recorded on the mail, none is lost
        mail.last_error = _describe(error)
        fields = ["status", "last_error", "next_attempt_at"]
        if _refused(error):
            mail.status = MailStatus.BOUNCED
            member, to = mail.member, mail.to
            _scrub(mail, fields)
            if member is not None and member.email == to:
                Member.objects.filter(pk=member.pk).update(
                    email_bounced_at=now, email_bounce=mail.last_error[:300]
                )
        elif mail.attempts < MAX_ATTEMPTS:
            mail.status = MailStatus.RETRYING
            mail.next_attempt_at = now + RETRY_AFTER[mail.attempts - 1]
        else:
            mail.status = MailStatus.FAILED
            _scrub(mail, fields)
        mail.save(update_fields=fields)
        logger.warning("mail %s (%s) not sent: %s", mail.pk, mail.kind, type(error).__name__)
        if mail.status == MailStatus.RETRYING:
            retry_at = mail.next_attempt_at
            queue(deliver.using(run_after=retry_at), mail.pk)
        return mail.status
    keeps = getattr(connection, "keeps_in_outbox", False)
    mail.status = MailStatus.OUTBOX if keeps else MailStatus.SENT
    mail.sent_at = now
    mail.last_error = ""
    mail.next_attempt_at = None
    fields = ["status", "sent_at", "last_error", "next_attempt_at"]
    if not keeps or mail.sealed:
        # a sealed mail is erased even in the demo's outbox: nobody may read it there
        _scrub(mail, fields)
    mail.save(update_fields=fields)
    return mail.status


def retry_now(mail: OutgoingMail) -> None:
    """Queue a failed or waiting mail at once (the outbox's "try again")."""
    updated = OutgoingMail.objects.filter(
        pk=mail.pk, status__in=[*PENDING, MailStatus.FAILED]
    ).update(status=MailStatus.RETRYING, next_attempt_at=timezone.now(), attempts=0)
    if updated:
        queue(deliver, mail.pk)


def retry_stale(now: dt.datetime | None = None) -> int:
    """Queue again what a dead worker left behind: mails "being sent" for too long, and
    waiting mails long past their time (their task lost, e.g. a flushed queue)."""
    now = now or timezone.now()
    before = now - STALE_AFTER
    stale = OutgoingMail.objects.filter(
        Q(status=MailStatus.SENDING, attempted_at__lt=before)
        | Q(status=MailStatus.QUEUED, created_at__lt=before)
        | Q(status=MailStatus.RETRYING, next_attempt_at__lt=before)
    )
    ids = list(stale.values_list("pk", flat=True)[:500])
    OutgoingMail.objects.filter(pk__in=ids).update(status=MailStatus.RETRYING)
    for pk in ids:
        queue(deliver, pk)
    return len(ids)


@periodic(every=dt.timedelta(minutes=10))
@task()
def requeue_stale() -> int:
    """Periodic safety net: see :func:`retry_stale`."""
    return retry_stale()
