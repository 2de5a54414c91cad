"""A survey round and a network's survey settings."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from warmnet.network.models import Network, NetworkOwned, Organisation
from warmnet.surveys.items import ROUND_ITEMS

__all__ = ["DEFAULT_MIN_GROUP", "MIN_GROUP_FLOOR", "SurveyRound", "SurveySettings"]

#: Results are shown only for groups of at least this many respondents (a network may
#: raise it, never lower it below :data:`MIN_GROUP_FLOOR`).
DEFAULT_MIN_GROUP = 5
MIN_GROUP_FLOOR = 3
#: The automatic reminder goes out this many days before a round closes (0: none).
DEFAULT_REMIND_DAYS = 3
MAX_REMIND_DAYS = 60


def all_items() -> list[str]:
    return [code for code, _label in ROUND_ITEMS]


class SurveySettings(models.Model):
    """A network's survey settings (one row per network, made when first needed)."""

    network = models.OneToOneField(
        Network, on_delete=models.CASCADE, related_name="survey_settings"
    )
    min_group = models.PositiveSmallIntegerField(
        _("minimum group"),
        default=DEFAULT_MIN_GROUP,
        validators=[MinValueValidator(MIN_GROUP_FLOOR)],
        help_text=_(
            "Results are shown only for groups of at least this many respondents "
            "(at least 3). A new value applies to rounds opened after the change."
        ),
    )

    class Meta:
        verbose_name = _("survey settings")
        verbose_name_plural = _("survey settings")
        constraints = [
            models.CheckConstraint(
                condition=Q(min_group__gte=MIN_GROUP_FLOOR), name="survey_min_group_at_least_3"
            )
        ]

    def __str__(self) -> str:
        return str(self.network)

    @classmethod
    def of(cls, network: Network) -> SurveySettings:
        found = cls.objects.filter(network=network).first()
        return found or cls(network=network)


class SurveyRound(NetworkOwned):
    """One round of the pulse survey: who is asked, which items, from when to when.

    ``min_group`` is copied from the network's settings when the round is made and never
    changes, and ``results`` is computed once when the round closes and never again:
    together they make the set of figures a round publishes fixed forever, so no later
    change (a member leaving, an organisation removed, another threshold) can open a
    difference between two versions of the same round's results.
    """

    title = models.CharField(_("title"), max_length=200)
    opens_on = models.DateField(_("opens on"))
    closes_on = models.DateField(
        _("closes on"), help_text=_("The last day on which answers are accepted.")
    )
    whole_network = models.BooleanField(_("the whole network"), default=True)
    organisations = models.ManyToManyField(
        Organisation,
        blank=True,
        related_name="+",
        verbose_name=_("organisations"),
        help_text=_("Only the members of these organisations are invited."),
    )
    items = models.JSONField(_("items"), default=all_items)
    remind_days_before = models.PositiveSmallIntegerField(
        _("automatic reminder, days before closing"),
        default=DEFAULT_REMIND_DAYS,
        validators=[MaxValueValidator(MAX_REMIND_DAYS)],
        help_text=_(
            "On this day before the round closes, those who have not answered get a "
            "reminder by themselves, with a new personal link; nobody is told who. "
            "0: no automatic reminder."
        ),
    )
    #: The day the automatic reminder went out (None until then).
    auto_reminded_on = models.DateField(null=True, blank=True, editable=False)
    min_group = models.PositiveSmallIntegerField(
        _("minimum group"),
        default=DEFAULT_MIN_GROUP,
        validators=[MinValueValidator(MIN_GROUP_FLOOR)],
        editable=False,
    )
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    #: When the round was closed and its results computed (None while it runs).
    closed_at = models.DateTimeField(_("closed at"), null=True, blank=True, editable=False)
    #: The published figures, computed at closing (see ``warmnet.surveys.results``).
    results = models.JSONField(_("results"), null=True, blank=True, editable=False)
    #: When the answers were deleted after the retention period (None while kept).
    answers_deleted_at = models.DateTimeField(null=True, blank=True, editable=False)

    class Meta:
        verbose_name = _("survey round")
        verbose_name_plural = _("survey rounds")
        ordering = ["-opens_on", "-pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(closes_on__gte=models.F("opens_on")),
                name="survey_round_closes_after_opening",
                violation_error_message=_("A round cannot close before it opens."),
            ),
            models.CheckConstraint(
                condition=Q(min_group__gte=MIN_GROUP_FLOOR), name="survey_round_min_group_3"
            ),
        ]

    def __str__(self) -> str:
        return self.title

    def has(self, code: str) -> bool:
        return code in (self.items or [])

    def is_open(self, today: dt.date) -> bool:
        return self.closed_at is None and self.opens_on <= today <= self.closes_on

    def reminder_due(self, today: dt.date) -> bool:
        """The automatic reminder is due: the round is open, its day has come, and it
        has not gone out yet."""
        return (
            self.remind_days_before > 0
            and self.auto_reminded_on is None
            and self.is_open(today)
            and today >= self.closes_on - dt.timedelta(days=self.remind_days_before)
        )

    def is_due_to_close(self, today: dt.date) -> bool:
        return self.closed_at is None and today > self.closes_on

    def state(self, today: dt.date) -> str:
        if self.closed_at is not None or today > self.closes_on:
            return "closed"
        return "open" if today >= self.opens_on else "scheduled"

    def state_label(self, today: dt.date) -> Any:
        return {
            "closed": _("closed"),
            "open": _("open"),
            "scheduled": _("not yet open"),
        }[self.state(today)]
