from __future__ import annotations

from datetime import datetime, timedelta

from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import F, Q
from django.db.models.functions import Lower, TruncDate
from django.utils.translation import gettext_lazy as _

from warmnet.engine import data as engine
from warmnet.network.models import NetworkOwned, Organisation


class ActivityKind(models.IntegerChoices):
    # values equal warmnet.engine.data.ActivityKind (checked by a test)
    WORKING_SESSION = 0, _("working session")
    NEGOTIATION = 1, _("negotiation")
    STEERING_GROUP = 2, _("steering group meeting")
    INFORMAL_MEETING = 3, _("informal meeting")
    WORK_VISIT = 4, _("work visit")
    OUTING = 5, _("outing (a show, a match)")
    PEER_CONSULTATION = 6, _("peer consultation: helping a colleague with a tough problem")
    DINNER = 7, _("dinner")
    MIXED = 8, _("mixed: content with a personal round")


DEFAULT_RELATIONSHIP_SHARE: dict[int, float] = {
    int(kind): share for kind, share in engine.DEFAULT_RELATIONSHIP_SHARE.items()
}
RELATIONSHIP_KINDS = frozenset(k for k, share in DEFAULT_RELATIONSHIP_SHARE.items() if share >= 0.5)


class Activity(NetworkOwned):
    """Anything the network does together, on a date, for a duration."""

    kind = models.PositiveSmallIntegerField(_("kind"), choices=ActivityKind.choices)
    title = models.CharField(_("title"), max_length=200)
    start = models.DateTimeField(_("start"))
    duration_minutes = models.PositiveIntegerField(
        _("duration (minutes)"), validators=[MinValueValidator(1), MaxValueValidator(60 * 24 * 14)]
    )
    location = models.CharField(_("location"), max_length=200, blank=True)
    host_organisation = models.ForeignKey(
        Organisation,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="hosted_activities",
        verbose_name=_("host organisation"),
    )
    dossier = models.ForeignKey(
        "dossiers.Dossier",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="activities",
        verbose_name=_("dossier"),
    )
    # Empty means: the default of its kind.
    relationship_share = models.FloatField(
        _("relationship share"),
        null=True,
        blank=True,
        validators=[MinValueValidator(0.0), MaxValueValidator(1.0)],
        help_text=_("Between 0 (all content) and 1 (all relationship). Empty: the kind's default."),
    )
    description = models.TextField(_("description"), blank=True)
    # Where the activity comes from in a calendar (see warmnet/activities/uids.py): the
    # event's UID, and for one occurrence of a repeating event its RECURRENCE-ID.
    # Database defaults, so bulk writers that name only the columns they know still work.
    calendar_uid = models.CharField(
        _("calendar UID"), max_length=255, blank=True, default="", db_default="", editable=False
    )
    calendar_recurrence = models.CharField(
        _("calendar occurrence"),
        max_length=20,
        blank=True,
        default="",
        db_default="",
        editable=False,
    )

    class Meta:
        verbose_name = _("activity")
        verbose_name_plural = _("activities")
        ordering = ["-start"]
        indexes = [models.Index(fields=["network", "start"])]
        constraints = [
            models.CheckConstraint(
                condition=Q(relationship_share__isnull=True)
                | Q(relationship_share__gte=0.0, relationship_share__lte=1.0),
                name="activity_share_in_unit_interval",
            ),
            # Title plus (local) day names an activity in spreadsheets; a constraint, so
            # simultaneous creates cannot both pass a check-then-insert.
            models.UniqueConstraint(
                F("network"),
                Lower("title"),
                TruncDate("start"),
                name="activity_unique_title_day",
                violation_error_message=_(
                    "There is already an activity with this title on that day; "
                    "tell them apart, e.g. with “(afternoon)”."
                ),
            ),
            models.UniqueConstraint(
                fields=["network", "calendar_uid", "calendar_recurrence"],
                condition=~Q(calendar_uid=""),
                name="activity_once_per_calendar_event",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.title} ({self.start:%Y-%m-%d})"

    @property
    def effective_share(self) -> float:
        if self.relationship_share is not None:
            return self.relationship_share
        return DEFAULT_RELATIONSHIP_SHARE[self.kind]

    @property
    def end(self) -> datetime:
        return self.start + timedelta(minutes=self.duration_minutes)

    @property
    def is_relationship(self) -> bool:
        return self.effective_share >= 0.5
