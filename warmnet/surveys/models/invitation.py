"""Who is invited to a round, and the opaque tokens in their personal links."""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _

from warmnet.network.models import Member
from warmnet.surveys.models.round import SurveyRound

__all__ = ["Invitation", "SurveyToken"]


class Invitation(models.Model):
    """One member invited to one round.

    ``responded`` says only *that* the member answered (so reminders skip them); it is
    set in the same moment the token is spent, and nothing on the answer points back
    here.  It carries no time, so it cannot be matched to an answer by when.
    """

    round = models.ForeignKey(SurveyRound, on_delete=models.CASCADE, related_name="invitations")
    member = models.ForeignKey(Member, on_delete=models.CASCADE, related_name="survey_invitations")
    #: The language the invitation and reminders were written in (and the answer page
    #: opens in).
    language = models.CharField(max_length=8, default="nl")
    invited_on = models.DateField(_("invited on"))
    reminders = models.PositiveSmallIntegerField(_("reminders sent"), default=0)
    last_reminded_on = models.DateField(null=True, blank=True)
    responded = models.BooleanField(_("responded"), default=False)

    class Meta:
        verbose_name = _("survey invitation")
        verbose_name_plural = _("survey invitations")
        constraints = [
            models.UniqueConstraint(fields=["round", "member"], name="survey_invite_once")
        ]

    def __str__(self) -> str:
        return f"{self.round} / {self.member_id}"


class SurveyToken(models.Model):
    """The SHA-256 of a personal link's random token; the token itself is never stored.

    Every mail (the invitation and each reminder) carries its own token, so an older mail
    keeps working; all of an invitation's tokens are deleted when one of them is used, or
    when the round closes.
    """

    invitation = models.ForeignKey(Invitation, on_delete=models.CASCADE, related_name="tokens")
    digest = models.CharField(max_length=64, unique=True)

    class Meta:
        verbose_name = _("survey link")
        verbose_name_plural = _("survey links")

    def __str__(self) -> str:
        return self.digest[:8]
