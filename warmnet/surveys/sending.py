"""Survey mail: the personal invitation and the reminder, per member in their language.

Everything that leaves by mail goes through :func:`send_survey_mails`, which records the
messages in the programme's queued mail as *sealed* mails: the worker delivers them with
retries like every other mail, but the outbox shows them only as counts per round and
kind (never to whom, never the text or the link), and the recipient and the text are
erased once a mail has been sent or has failed for good (``warmnet.mail.tasks``).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from django.conf import settings
from django.utils import translation
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from warmnet.mail.models import OutgoingMail
from warmnet.mail.send import one_line, queue_recorded  # the programme's queued mail
from warmnet.network.models import Member
from warmnet.surveys.models import SurveyRound

__all__ = [
    "INVITATION",
    "REMINDER",
    "SurveyMail",
    "member_language",
    "reference_of",
    "send_survey_mails",
    "survey_mail",
]

#: The kinds of survey mail in the outbox.
INVITATION = "survey_invitation"
REMINDER = "survey_reminder"


@dataclass(frozen=True)
class SurveyMail:
    to: str
    subject: str
    body: str
    language: str


def member_language(member: Member) -> str:
    """The language ``member`` reads: their own setting when members have one (the
    programme adds it), else the product's default (Dutch)."""
    chosen = str(getattr(member, "language", "") or "")
    return chosen if chosen in dict(settings.LANGUAGES) else settings.LANGUAGE_CODE


def survey_mail(
    survey: SurveyRound, member: Member, language: str, link: str, *, reminder: bool
) -> SurveyMail:
    """The personal message for ``member``: what is asked, until when, who sees what,
    and their own link (which nobody else receives)."""
    with translation.override(language):
        closes = date_format(survey.closes_on, "j F Y")
        params = {
            "name": member.name,
            "network": survey.network.name,
            "title": survey.title,
            "closes": closes,
            "link": link,
        }
        if reminder:
            subject = _("Reminder: %(title)s (%(network)s)") % params
            opening = (
                _(
                    "Dear %(name)s,\n\nYou have not yet answered the pulse survey "
                    '"%(title)s" of %(network)s. It takes about three minutes and is open '
                    "until %(closes)s."
                )
                % params
            )
        else:
            subject = _("Pulse survey: %(title)s (%(network)s)") % params
            opening = (
                _(
                    "Dear %(name)s,\n\n%(network)s asks you to answer a short pulse survey, "
                    '"%(title)s": how are trust, openness and the tie between the network '
                    "and your own organisation? It takes about three minutes and is open "
                    "until %(closes)s."
                )
                % params
            )
        body = "\n\n".join(
            [
                opening,
                _("Your personal link (no login needed, works once):\n%(link)s") % params,
                _(
                    "Your answers are stored without your name. Nobody, the coordinators "
                    "included, sees individual answers: results are shown only for groups "
                    "of several people, after the survey closes. Please do not forward "
                    "this link."
                ),
                _("Warmnet, on behalf of %(network)s") % params,
            ]
        )
    return SurveyMail(
        to=member.email,
        subject=subject,
        body=body + "\n",
        language=language,
    )


def reference_of(survey: SurveyRound) -> str:
    """What a sealed mail is about, for the outbox's count per round."""
    return f"survey:{survey.pk}"


def send_survey_mails(survey: SurveyRound, mails: Sequence[SurveyMail], *, kind: str) -> int:
    """Record ``mails`` as sealed mails of ``survey`` and queue their delivery (in the
    caller's transaction: when it rolls back, nothing is recorded or sent); returns how
    many were queued.

    A sealed mail names no member or user account: only the address it goes to, until
    it has been sent.  So no "mails of this member" list can ever show a reminder.
    """
    recorded = [
        OutgoingMail(
            network=survey.network,
            to=m.to,
            subject=one_line(m.subject),
            body_text=m.body,
            kind=kind,
            reference=reference_of(survey),
            language=m.language,
            private=True,
            sealed=True,
        )
        for m in mails
    ]
    if not recorded:
        return 0
    created = OutgoingMail.objects.bulk_create(recorded)
    for mail in created:
        queue_recorded(mail)
    return len(created)
