from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _

from warmnet.network.models import NetworkOwned


class Dossier(NetworkOwned):
    """A theme of the content track."""

    name = models.CharField(_("name"), max_length=200)
    description = models.TextField(_("description"), blank=True)

    class Meta:
        verbose_name = _("dossier")
        verbose_name_plural = _("dossiers")
        ordering = ["name"]
        constraints = [
            models.UniqueConstraint(fields=["network", "name"], name="dossier_unique_name"),
        ]

    def __str__(self) -> str:
        return self.name
