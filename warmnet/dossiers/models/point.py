from __future__ import annotations

from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from warmnet.dossiers.models.dossier import Dossier
from warmnet.network.models import Member, NetworkOwned, Organisation


class PointKind(models.IntegerChoices):
    DISPUTE = 0, _("point of dispute")
    AGREEMENT = 1, _("point of agreement")


class PointStatus(models.IntegerChoices):
    OPEN = 0, _("open")
    CONVERGING = 1, _("converging")
    AGREED = 2, _("agreed")
    DEADLOCKED = 3, _("deadlocked")


class Stance(models.IntegerChoices):
    AGAINST = -1, _("against")
    NEUTRAL = 0, _("neutral")
    FOR = 1, _("for")


class Point(NetworkOwned):
    """A point of dispute or of agreement in a dossier."""

    dossier = models.ForeignKey(
        Dossier, on_delete=models.CASCADE, related_name="points", verbose_name=_("dossier")
    )
    title = models.CharField(_("title"), max_length=200)
    kind = models.PositiveSmallIntegerField(
        _("kind"), choices=PointKind.choices, default=PointKind.DISPUTE
    )
    status = models.PositiveSmallIntegerField(
        _("status"), choices=PointStatus.choices, default=PointStatus.OPEN
    )
    opened_on = models.DateField(_("opened on"))
    # When the status last changed; "stuck for months" is measured from here.
    status_since = models.DateField(_("status since"))
    description = models.TextField(_("description"), blank=True)

    class Meta:
        verbose_name = _("point")
        verbose_name_plural = _("points")
        ordering = ["dossier", "title"]
        constraints = [
            models.CheckConstraint(
                condition=Q(status_since__gte=models.F("opened_on")),
                name="point_status_after_opening",
                violation_error_message=_("The status cannot date from before the point opened."),
            ),
        ]

    def __str__(self) -> str:
        return self.title


class Position(NetworkOwned):
    """Where a member, or an organisation as a whole, stands on a point, as of a date."""

    point = models.ForeignKey(
        Point, on_delete=models.CASCADE, related_name="positions", verbose_name=_("point")
    )
    member = models.ForeignKey(
        Member, on_delete=models.CASCADE, null=True, blank=True, verbose_name=_("member")
    )
    organisation = models.ForeignKey(
        Organisation,
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        verbose_name=_("organisation"),
    )
    stance = models.SmallIntegerField(_("stance"), choices=Stance.choices)
    date = models.DateField(_("date"))
    note = models.TextField(_("note"), blank=True)
    #: A member's own position is for those who run the network (loyalty conflicts
    #: show there); shared, every member of the network sees it.
    shared = models.BooleanField(
        _("shared with all members"),
        default=False,
        db_default=False,  # rows the import writes without this column stay private
        help_text=_(
            "Participants and observers see a member's own position only when it is shared."
        ),
    )

    class Meta:
        verbose_name = _("position")
        verbose_name_plural = _("positions")
        ordering = ["point", "-date"]
        constraints = [
            models.CheckConstraint(
                condition=(Q(member__isnull=False) & Q(organisation__isnull=True))
                | (Q(member__isnull=True) & Q(organisation__isnull=False)),
                name="position_of_member_or_organisation",
                violation_error_message=_("A position is held by a member or by an organisation."),
            ),
        ]

    def __str__(self) -> str:
        holder = self.member or self.organisation
        return f"{holder}: {self.get_stance_display()} — {self.point} ({self.date})"


class PointStatusChange(NetworkOwned):
    """One dated change of a point's status: the history that lets "deadlocked, then
    agreed" be recorded and replayed as of any date.  The point's own ``status`` and
    ``status_since`` always repeat the latest change (see :func:`sync_point_status`)."""

    point = models.ForeignKey(
        Point, on_delete=models.CASCADE, related_name="status_changes", verbose_name=_("point")
    )
    status = models.PositiveSmallIntegerField(_("status"), choices=PointStatus.choices)
    date = models.DateField(_("date"))
    note = models.CharField(_("note"), max_length=300, blank=True)

    class Meta:
        verbose_name = _("status change")
        verbose_name_plural = _("status changes")
        ordering = ["point", "-date", "-pk"]

    def __str__(self) -> str:
        return f"{self.point}: {self.get_status_display()} ({self.date})"


def ensure_history(point: Point) -> None:
    """A point recorded before it had a history (or imported with only its status) gets
    its recorded status as its first change, so a later change keeps what came before."""
    if point.pk is None or point.status_changes.exists():
        return
    if point.status != PointStatus.OPEN:
        PointStatusChange.objects.create(
            network_id=point.network_id, point=point, status=point.status, date=point.status_since
        )


def sync_point_status(point: Point) -> None:
    """Set the point's status and since-when to its latest recorded change (open since it
    opened when it has none left)."""
    latest = point.status_changes.order_by("-date", "-pk").first()
    status: int = PointStatus.OPEN
    since = point.opened_on
    if latest is not None:
        status, since = latest.status, latest.date
    if (point.status, point.status_since) != (status, since):
        point.status, point.status_since = status, since
        point.save(update_fields=["status", "status_since"])
