"""The one way to send an e-mail: render it in the person's language, record it, queue it.

``mail_member(member, "programme/mail/invitation", context, kind="invitation")``
renders ``<template>_subject.txt``, ``<template>.txt`` and ``<template>.html`` in
the member's language, stores the result as an :class:`OutgoingMail` and, once
the surrounding transaction commits, queues :func:`~warmnet.mail.tasks.deliver`.
The worker sends it through Django's e-mail framework (``EMAIL_URL``), retries a
failure with growing pauses, and records what happened; a refused address is
marked on the member.  A member without an e-mail address gets nothing and the
call returns ``None``, so the caller can say so.
"""

from __future__ import annotations

import base64
import re
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from django.conf import settings
from django.template.loader import render_to_string
from django.utils import translation

from warmnet.background.queue import queue
from warmnet.mail.models import OutgoingMail
from warmnet.mail.tasks import deliver
from warmnet.network.models import Member, Network

__all__ = [
    "Attachment",
    "mail_address",
    "mail_member",
    "member_language",
    "one_line",
    "queue_recorded",
]


@dataclass(frozen=True)
class Attachment:
    """A file sent with a mail: text (an .ics, a CSV) or bytes (a PDF)."""

    filename: str
    content: str | bytes
    mimetype: str
    #: For a calendar part: REQUEST or CANCEL (also sent as the mail's alternative part).
    method: str = ""

    def as_json(self) -> dict[str, str]:
        binary = isinstance(self.content, bytes)
        return {
            "filename": self.filename,
            "content": (
                base64.b64encode(self.content).decode()
                if isinstance(self.content, bytes)
                else self.content
            ),
            "encoding": "base64" if binary else "",
            "mimetype": self.mimetype,
            "method": self.method,
        }


_LINE_BREAKS = re.compile(r"[\r\n\t\v\f\x00\u2028\u2029\x85]+")


def one_line(text: str, limit: int = 300) -> str:
    """``text`` safe for a mail header: line breaks and control characters become
    spaces (a title cannot smuggle in a ``Bcc:`` line)."""
    return _LINE_BREAKS.sub(" ", text).strip()[:limit]


def member_language(member: Member) -> str:
    return member.language or settings.LANGUAGE_CODE


def _render(template: str, context: dict[str, Any], language: str) -> tuple[str, str, str]:
    with translation.override(language):
        subject = render_to_string(f"{template}_subject.txt", context)
        text = render_to_string(f"{template}.txt", context)
        html = render_to_string(f"{template}.html", context)
    return one_line(subject), text, html


def queue_recorded(mail: OutgoingMail) -> OutgoingMail:
    """Queue the delivery of a mail already recorded (once the transaction commits)."""
    queue(deliver, mail.pk)
    return mail


_queue = queue_recorded


def mail_address(
    to: str,
    template: str,
    context: dict[str, Any],
    *,
    kind: str,
    language: str = "",
    to_name: str = "",
    network: Network | None = None,
    member: Member | None = None,
    user: Any = None,
    attachments: Iterable[Attachment] = (),
    reference: str = "",
    private: bool = False,
) -> OutgoingMail:
    """Render, record and queue one mail to an address (see the module docstring)."""
    language = language or settings.LANGUAGE_CODE
    context = {"base_url": settings.WARMNET_BASE_URL, "network": network, **context}
    subject, text, html = _render(template, context, language)
    mail = OutgoingMail.objects.create(
        network=network,
        member=member,
        user=user,
        to=to,
        to_name=one_line(to_name, 200),
        subject=subject,
        body_text=text,
        body_html=html,
        attachments=[a.as_json() for a in attachments],
        kind=kind,
        reference=reference,
        language=language,
        private=private,
    )
    return _queue(mail)


def mail_member(
    member: Member,
    template: str,
    context: dict[str, Any],
    *,
    kind: str,
    attachments: Iterable[Attachment] = (),
    reference: str = "",
    private: bool = False,
) -> OutgoingMail | None:
    """One mail to a member in their language; ``None`` when they have no address."""
    if not member.email:
        return None
    return mail_address(
        member.email,
        template,
        {"member": member, **context},
        kind=kind,
        language=member_language(member),
        to_name=member.name,
        network=member.network,
        member=member,
        user=member.user,
        attachments=attachments,
        reference=reference,
        private=private,
    )
