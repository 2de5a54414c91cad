from __future__ import annotations

from django.db import models
from django.db.models import F
from django.db.models.functions import Lower
from django.utils.translation import gettext_lazy as _

from warmnet.dossiers.models.dossier import Dossier
from warmnet.network.models import NetworkOwned


class MilestoneKind(models.IntegerChoices):
    SHARED_VISION = 0, _("shared vision")
    LETTER_OF_INTENT = 1, _("letter of intent")
    COVENANT = 2, _("covenant")
    DECISION = 3, _("decision")


class Milestone(NetworkOwned):
    """A result on the content track: a shared vision, a letter of intent, a covenant."""

    dossier = models.ForeignKey(
        Dossier,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="milestones",
        verbose_name=_("dossier"),
    )
    kind = models.PositiveSmallIntegerField(_("kind"), choices=MilestoneKind.choices)
    title = models.CharField(_("title"), max_length=200)
    date = models.DateField(_("date"))

    class Meta:
        verbose_name = _("milestone")
        verbose_name_plural = _("milestones")
        ordering = ["-date"]
        constraints = [
            # Title plus date names it in spreadsheets (import and export), case-insensitively.
            models.UniqueConstraint(
                F("network"),
                Lower("title"),
                F("date"),
                name="milestone_unique_title_date",
                violation_error_message=_("There is already one with this title on that date."),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.title} ({self.date})"
