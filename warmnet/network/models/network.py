from __future__ import annotations

from django.db import models
from django.db.models import F
from django.utils.translation import gettext_lazy as _


class Network(models.Model):
    """A collaboration of organisations; every other record belongs to exactly one."""

    name = models.CharField(_("name"), max_length=200)
    slug = models.SlugField(_("short name"), max_length=60, unique=True)
    description = models.TextField(_("description"), blank=True)
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    # Bumped by every write so cached analyses know they are stale.
    data_version = models.PositiveBigIntegerField(default=0, editable=False)
    # Per-network overrides of the analysis thresholds (see docs/analysis.md).
    analysis_settings = models.JSONField(_("analysis settings"), default=dict, blank=True)
    # Coordinators and core team must have passed two-step login to open the network.
    require_two_factor = models.BooleanField(_("require two-step login"), default=False)

    class Meta:
        verbose_name = _("network")
        verbose_name_plural = _("networks")
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name

    def bump_data_version(self) -> None:
        Network.objects.filter(pk=self.pk).update(data_version=F("data_version") + 1)


class NetworkOwned(models.Model):
    """Base for every row that belongs to a network."""

    network = models.ForeignKey(Network, on_delete=models.CASCADE, verbose_name=_("network"))

    class Meta:
        abstract = True
