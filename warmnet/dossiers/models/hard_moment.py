from __future__ import annotations

from django.db import models
from django.db.models import F
from django.db.models.functions import Lower
from django.utils.translation import gettext_lazy as _

from warmnet.network.models import NetworkOwned, Organisation


class Outcome(models.IntegerChoices):
    UNKNOWN = -1, _("not yet known")
    HELD_TOGETHER = 0, _("held together")
    DAMAGED = 1, _("damaged")
    BROKE_APART = 2, _("broke apart")


class HardMoment(NetworkOwned):
    """A test of the network: a conflict, a crisis, a partner threatening to leave."""

    title = models.CharField(_("title"), max_length=200)
    date = models.DateField(_("date"))
    description = models.TextField(_("description"), blank=True)
    parties = models.ManyToManyField(
        Organisation, blank=True, related_name="hard_moments", verbose_name=_("parties involved")
    )
    outcome = models.SmallIntegerField(
        _("outcome"), choices=Outcome.choices, default=Outcome.UNKNOWN
    )
    #: The description is for those who run the network; shared, every member sees it.
    shared = models.BooleanField(
        _("description shared with all members"),
        default=False,
        db_default=False,  # rows the import writes without this column stay private
        help_text=_(
            "Participants and observers see the date, title, parties and outcome; "
            "the description only when it is shared."
        ),
    )

    class Meta:
        verbose_name = _("hard moment")
        verbose_name_plural = _("hard moments")
        ordering = ["-date"]
        constraints = [
            # Title plus date names it in spreadsheets (import and export), case-insensitively.
            models.UniqueConstraint(
                F("network"),
                Lower("title"),
                F("date"),
                name="hard_moment_unique_title_date",
                violation_error_message=_("There is already one with this title on that date."),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.title} ({self.date})"
