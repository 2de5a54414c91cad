"""The coordinator's voice in a steering-group report, and its quarterly delivery.

Neither is a ``NetworkOwned`` row: writing a foreword must not make the network's
cached analyses stale.  Both are changed through :mod:`warmnet.report.actions`, which
writes the audit row.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import F, Q
from django.utils.translation import gettext_lazy as _

from warmnet.network.models import Member, Network, Role

__all__ = ["Report", "ReportSchedule"]

FOREWORD_MAX = 4000


class Report(models.Model):
    """What the coordinator adds to the report of one period: a foreword, the
    suggestions put forward as proposals, and whether people may be named.

    ``proposals`` holds the opaque ids of suggestions (as in "plan this" links), never
    names: the report finds them again in the analysis of its own day.
    """

    network = models.ForeignKey(Network, on_delete=models.CASCADE, verbose_name=_("network"))
    period_start = models.DateField(_("from"))
    period_end = models.DateField(_("until"))
    foreword = models.TextField(_("foreword"), blank=True, max_length=FOREWORD_MAX)
    proposals = models.JSONField(_("proposals"), default=list, blank=True)
    include_people = models.BooleanField(_("name people in the report"), default=False)
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("by"),
    )
    updated_at = models.DateTimeField(_("changed"))
    sent_at = models.DateTimeField(_("last sent"), null=True, blank=True)

    class Meta:
        verbose_name = _("steering-group report")
        verbose_name_plural = _("steering-group reports")
        ordering = ["-period_end", "-period_start"]
        constraints = [
            models.UniqueConstraint(
                fields=["network", "period_start", "period_end"], name="report_once_per_period"
            ),
            models.CheckConstraint(
                condition=Q(period_end__gte=F("period_start")), name="report_ends_after_start"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.period_start:%Y-%m-%d}..{self.period_end:%Y-%m-%d}"


class ReportSchedule(models.Model):
    """Send the report of each quarter to the steering group, some days after it ends."""

    network = models.OneToOneField(
        Network, on_delete=models.CASCADE, related_name="+", verbose_name=_("network")
    )
    enabled = models.BooleanField(_("send each quarter"), default=False)
    role = models.PositiveSmallIntegerField(
        _("everyone with the role"), choices=Role.choices, null=True, blank=True
    )
    members = models.ManyToManyField(
        Member, blank=True, related_name="+", verbose_name=_("and these members")
    )
    days_after = models.PositiveSmallIntegerField(
        _("days after the quarter ends"), default=7, db_default=7
    )
    #: The last quarter sent, e.g. "2025-Q3": each quarter goes out once.
    last_sent = models.CharField(_("last quarter sent"), max_length=8, blank=True, default="")
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("by"),
    )
    updated_at = models.DateTimeField(_("changed"), null=True, blank=True)

    class Meta:
        verbose_name = _("report delivery")
        verbose_name_plural = _("report deliveries")

    def __str__(self) -> str:
        return f"{self.network_id}: {self.last_sent or '-'}"
