from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _

from warmnet.activities.models import Activity
from warmnet.mail.models import OutgoingMail
from warmnet.network.models import Member


class ActivityCalendar(models.Model):
    """An activity as a calendar event: its stable UID, the SEQUENCE of the last
    invitation or update, what that said (so a change is noticed), and which
    reminders went out."""

    activity = models.OneToOneField(
        Activity, on_delete=models.CASCADE, related_name="calendar", verbose_name=_("activity")
    )
    uid = models.CharField(_("calendar UID"), max_length=100, unique=True)
    sequence = models.PositiveIntegerField(_("sequence"), default=0)
    sent_title = models.CharField(max_length=200, blank=True)
    sent_start = models.DateTimeField(null=True, blank=True)
    sent_minutes = models.PositiveIntegerField(null=True, blank=True)
    sent_location = models.CharField(max_length=200, blank=True)
    reminded_at = models.DateTimeField(_("reminder sent"), null=True, blank=True)
    nudged_at = models.DateTimeField(_("nudge sent"), null=True, blank=True)
    wrapped_up_at = models.DateTimeField(
        _("coordinator asked to record who came"), null=True, blank=True
    )

    class Meta:
        verbose_name = _("calendar entry")
        verbose_name_plural = _("calendar entries")

    def __str__(self) -> str:
        return self.uid


class Invitation(models.Model):
    """The latest invitation (or update) mailed to one member for one activity."""

    activity = models.ForeignKey(
        Activity, on_delete=models.CASCADE, related_name="invitations", verbose_name=_("activity")
    )
    member = models.ForeignKey(
        Member, on_delete=models.CASCADE, related_name="invitations", verbose_name=_("member")
    )
    #: None: not mailed (the member has no e-mail address).
    mail = models.ForeignKey(
        OutgoingMail, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    sequence = models.PositiveIntegerField(default=0)
    sent_at = models.DateTimeField(_("sent"))

    class Meta:
        verbose_name = _("invitation")
        verbose_name_plural = _("invitations")
        constraints = [
            models.UniqueConstraint(fields=["activity", "member"], name="invitation_once"),
        ]

    def __str__(self) -> str:
        return f"{self.member} @ {self.activity}"


class CalendarKey(models.Model):
    """The version of a member's private calendar-feed links; raising it revokes them."""

    member = models.OneToOneField(
        Member, on_delete=models.CASCADE, related_name="calendar_key", verbose_name=_("member")
    )
    version = models.PositiveIntegerField(default=1)

    class Meta:
        verbose_name = _("calendar feed key")
        verbose_name_plural = _("calendar feed keys")

    def __str__(self) -> str:
        return f"{self.member} v{self.version}"
