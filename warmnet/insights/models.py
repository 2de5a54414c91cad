from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _

from warmnet.network.models import Network


class AnalysisRun(models.Model):
    """The background recompute of one network's analysis: who holds it (so that at most
    one runs at a time per network, over every worker) and how the last one went."""

    network = models.OneToOneField(
        Network, on_delete=models.CASCADE, primary_key=True, verbose_name=_("network")
    )
    #: Set while a worker computes; a crashed worker's claim lapses at this time.
    claimed_until = models.DateTimeField(_("claimed until"), null=True, blank=True)
    computed_version = models.PositiveBigIntegerField(_("data version computed"), default=0)
    finished_at = models.DateTimeField(_("last finished"), null=True, blank=True)
    seconds = models.FloatField(_("seconds taken"), null=True, blank=True)

    class Meta:
        verbose_name = _("analysis run")
        verbose_name_plural = _("analysis runs")

    def __str__(self) -> str:
        return f"{self.network_id} v{self.computed_version}"
