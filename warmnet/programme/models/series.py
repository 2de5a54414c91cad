from __future__ import annotations

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from warmnet.activities.models import Activity, ActivityKind
from warmnet.network.models import Member, NetworkOwned, Organisation


class SeriesState(models.TextChoices):
    RUNNING = "running", _("running")
    PAUSED = "paused", _("paused")
    ENDED = "ended", _("ended")


class Series(NetworkOwned):
    """A recurring programme: activities of one kind, every few weeks or as a fixed
    follow-up after every activity of another kind, created ahead and invited to.

    Its activities are ordinary activities; :class:`SeriesItem` remembers which
    ones it made (see ``warmnet.programme.series``)."""

    title = models.CharField(_("title"), max_length=200)
    kind = models.PositiveSmallIntegerField(_("kind"), choices=ActivityKind.choices)
    #: Every this many weeks from ``first_start``; empty for a follow-up series.
    every_weeks = models.PositiveSmallIntegerField(
        _("every how many weeks"),
        null=True,
        blank=True,
        validators=[MinValueValidator(1), MaxValueValidator(52)],
    )
    #: A follow-up series: right after every activity of this kind.
    after_kind = models.PositiveSmallIntegerField(
        _("right after every"), choices=ActivityKind.choices, null=True, blank=True
    )
    first_start = models.DateTimeField(_("first one starts"))
    duration_minutes = models.PositiveIntegerField(
        _("duration (minutes)"), validators=[MinValueValidator(1), MaxValueValidator(60 * 24)]
    )
    location = models.CharField(_("location"), max_length=200, blank=True)
    host_organisations = models.ManyToManyField(
        Organisation,
        blank=True,
        related_name="+",
        verbose_name=_("host organisations (in turn)"),
    )
    invitees = models.ManyToManyField(
        Member, blank=True, related_name="+", verbose_name=_("invitees")
    )
    #: Invite every current member (also those who join later).
    invite_all = models.BooleanField(_("invite every member"), default=False)
    ahead = models.PositiveSmallIntegerField(
        _("activities planned ahead"),
        default=3,
        validators=[MinValueValidator(1), MaxValueValidator(12)],
    )
    state = models.CharField(
        _("state"), max_length=8, choices=SeriesState.choices, default=SeriesState.RUNNING
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    created_at = models.DateTimeField(_("created"), auto_now_add=True)

    class Meta:
        verbose_name = _("series")
        verbose_name_plural = _("series")
        ordering = ["title", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(every_weeks__isnull=False, after_kind__isnull=True)
                | Q(every_weeks__isnull=True, after_kind__isnull=False),
                name="series_one_rhythm",
                violation_error_message=_(
                    "A series repeats every few weeks, or follows another kind of activity."
                ),
            ),
        ]

    def __str__(self) -> str:
        return self.title


class SeriesItem(models.Model):
    """One activity a series created: its number in the rhythm (0, 1, 2, ...), or the
    activity it follows up."""

    series = models.ForeignKey(
        Series, on_delete=models.CASCADE, related_name="items", verbose_name=_("series")
    )
    activity = models.OneToOneField(
        Activity, on_delete=models.CASCADE, related_name="series_item", verbose_name=_("activity")
    )
    number = models.PositiveIntegerField(_("number"), null=True, blank=True)
    follows = models.ForeignKey(
        Activity,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("follows"),
    )

    class Meta:
        verbose_name = _("activity of a series")
        verbose_name_plural = _("activities of series")
        constraints = [
            models.UniqueConstraint(
                fields=["series", "number"],
                condition=Q(number__isnull=False),
                name="series_item_number_once",
            ),
            models.UniqueConstraint(
                fields=["series", "follows"],
                condition=Q(follows__isnull=False),
                name="series_item_follows_once",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.series} #{self.number}"
