from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _

from warmnet.activities.models.activity import Activity
from warmnet.network.models import Member, Network, NetworkOwned


class AttendanceStatus(models.IntegerChoices):
    # values equal warmnet.engine.data.AttendanceStatus (checked by a test)
    INVITED = 0, _("invited")
    ACCEPTED = 1, _("accepted")
    DECLINED = 2, _("declined")
    ATTENDED = 3, _("attended")


class Attendance(NetworkOwned):
    """One member's invitation to, answer for, or presence at one activity."""

    # Indexed below together with every column the analysis reads, so loading a
    # network's attendance is an index-only scan.
    network = models.ForeignKey(
        Network, on_delete=models.CASCADE, verbose_name=_("network"), db_index=False
    )
    # No index of its own: the unique (activity, member) index starts with it.
    activity = models.ForeignKey(
        Activity,
        on_delete=models.CASCADE,
        related_name="attendances",
        verbose_name=_("activity"),
        db_index=False,
    )
    member = models.ForeignKey(
        Member, on_delete=models.CASCADE, related_name="attendances", verbose_name=_("member")
    )
    status = models.PositiveSmallIntegerField(
        _("status"), choices=AttendanceStatus.choices, default=AttendanceStatus.INVITED
    )

    class Meta:
        verbose_name = _("attendance")
        verbose_name_plural = _("attendance")
        constraints = [
            models.UniqueConstraint(fields=["activity", "member"], name="attendance_once"),
        ]
        indexes = [
            models.Index(
                fields=["network", "activity", "member", "status"], name="attendance_by_network"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.member} @ {self.activity}: {self.get_status_display()}"
