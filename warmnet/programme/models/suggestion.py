from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from warmnet.activities.models import Activity
from warmnet.network.models import Network


class SuggestionState(models.TextChoices):
    OPEN = "open", _("open")
    PLANNED = "planned", _("planned")
    DISMISSED = "dismissed", _("dismissed")
    DONE = "done", _("done")


class DismissReason(models.TextChoices):
    NOT_NOW = "not_now", _("not now")
    NOT_A_FIT = "not_a_fit", _("does not fit")
    ARRANGED = "arranged", _("already arranged otherwise")


class SuggestionRecord(models.Model):
    """What the coordinator did with one suggestion of the analysis.

    ``key`` names the suggestion across analyses: its kind, its people and its
    organisations (see ``warmnet.programme.offers``).  ``reason`` is the analysis's
    sentence (message key and parameters): context for those who run the network,
    never copied into the activity others read.
    """

    network = models.ForeignKey(Network, on_delete=models.CASCADE, verbose_name=_("network"))
    key = models.CharField(_("key"), max_length=64)
    kind = models.CharField(_("kind"), max_length=40)
    state = models.CharField(_("state"), max_length=10, choices=SuggestionState.choices)
    reason = models.JSONField(_("why"), default=dict, blank=True)
    invitee_ids = models.JSONField(_("suggested people"), default=list, blank=True)
    activity = models.ForeignKey(
        Activity,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("activity"),
    )
    dismiss_reason = models.CharField(
        _("dismissed because"), max_length=12, choices=DismissReason.choices, blank=True
    )
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("by"),
    )
    decided_at = models.DateTimeField(_("when"))

    class Meta:
        verbose_name = _("suggestion taken up")
        verbose_name_plural = _("suggestions taken up")
        ordering = ["-decided_at", "-id"]
        indexes = [models.Index(fields=["network", "key"], name="suggestion_by_key")]

    def __str__(self) -> str:
        return f"{self.kind} {self.state} {self.decided_at:%Y-%m-%d}"


class SignalAcknowledgement(models.Model):
    """A signal the coordinator has seen; it comes back when its evidence changes."""

    network = models.ForeignKey(Network, on_delete=models.CASCADE, verbose_name=_("network"))
    key = models.CharField(_("signal"), max_length=200)
    fingerprint = models.CharField(_("evidence"), max_length=64)
    by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("by"),
    )
    at = models.DateTimeField(_("when"))

    class Meta:
        verbose_name = _("acknowledged signal")
        verbose_name_plural = _("acknowledged signals")
        constraints = [
            models.UniqueConstraint(fields=["network", "key"], name="signal_ack_once"),
        ]

    def __str__(self) -> str:
        return self.key
