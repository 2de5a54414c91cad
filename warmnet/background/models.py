from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _


class PeriodicRun(models.Model):
    """When a periodic job was last queued, so that several workers queue it once."""

    name = models.CharField(_("job"), max_length=100, unique=True)
    last_run_at = models.DateTimeField(_("last queued"))

    class Meta:
        verbose_name = _("periodic job")
        verbose_name_plural = _("periodic jobs")

    def __str__(self) -> str:
        return f"{self.name} {self.last_run_at:%Y-%m-%d %H:%M}"
