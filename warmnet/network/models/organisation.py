from __future__ import annotations

from django.db import models
from django.db.models import F
from django.db.models.functions import Lower
from django.utils.translation import gettext_lazy as _

from warmnet.network.models.network import NetworkOwned


class OrganisationKind(models.IntegerChoices):
    # values equal warmnet.engine.data.OrganisationKind (checked by a test)
    MUNICIPALITY = 0, _("municipality")
    PROVINCE = 1, _("province")
    WATER_BOARD = 2, _("water board")
    NATIONAL_GOVERNMENT = 3, _("national government")
    COMPANY = 4, _("company")
    NGO = 5, _("NGO")
    KNOWLEDGE_INSTITUTE = 6, _("knowledge institute")
    OTHER = 7, _("other")


class Organisation(NetworkOwned):
    """A partner in the network."""

    name = models.CharField(_("name"), max_length=200)
    kind = models.PositiveSmallIntegerField(
        _("kind"), choices=OrganisationKind.choices, default=OrganisationKind.OTHER
    )

    class Meta:
        verbose_name = _("organisation")
        verbose_name_plural = _("organisations")
        ordering = ["name"]
        constraints = [
            # Case-insensitive, as the import matches names.
            models.UniqueConstraint(
                F("network"),
                Lower("name"),
                name="organisation_unique_name_ci",
                violation_error_message=_("This network already has an organisation of this name."),
            ),
        ]

    def __str__(self) -> str:
        return self.name
