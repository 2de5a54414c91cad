"""Survey mail: the personal invitation and the reminder, per member in their language.

Everything that leaves by mail goes through :func:`send_survey_mails`, which hands the
messages to Django's e-mail framework now; the programme's queued mail (background
tasks, retries, an outbox) replaces that one function.  :func:`member_language` is the
other seam: it reads the member's own language once the programme gives members one.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from django.conf import settings
from django.core import mail
from django.utils import translation
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from warmnet.network.models import Member
from warmnet.surveys.models import SurveyRound

__all__ = ["SurveyMail", "member_language", "send_survey_mails", "survey_mail"]


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
    return SurveyMail(to=member.email, subject=subject, body=body + "\n", language=language)


def send_survey_mails(mails: Sequence[SurveyMail]) -> int:
    """Send ``mails`` now through Django's e-mail framework, on one connection; raises
    on failure so that the caller can undo what it wrote.

    The programme's queued mail replaces this function (same argument, same result).
    """
    if not mails:
        return 0
    messages = [
        mail.EmailMessage(m.subject, m.body, to=[m.to], headers={"Content-Language": m.language})
        for m in mails
    ]
    with mail.get_connection(fail_silently=False) as connection:
        return int(connection.send_messages(messages) or 0)
