from __future__ import annotations

import datetime as dt

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from warmnet.network.models.network import NetworkOwned
from warmnet.network.models.organisation import Organisation


def members_on(day: dt.date, prefix: str = "") -> Q:
    """The one definition of "a member" (of the network, of an organisation) on ``day``:
    joined on or before it and not yet left; the day someone leaves they still count.
    ``prefix`` reaches members through a relation (``"member__"``).  The analysis applies
    the same rule (warmnet.engine.frame), and so every page counts the same people."""
    return Q(**{f"{prefix}joined_on__lte": day}) & (
        Q(**{f"{prefix}left_on__isnull": True}) | Q(**{f"{prefix}left_on__gte": day})
    )


class Role(models.IntegerChoices):
    # values equal warmnet.engine.data.MemberRole (checked by a test)
    COORDINATOR = 0, _("coordinator")
    CORE_TEAM = 1, _("core team")
    PARTICIPANT = 2, _("participant")
    OBSERVER = 3, _("observer")


#: Roles that may change the network's records.
WRITE_ROLES = frozenset({Role.COORDINATOR, Role.CORE_TEAM})


class Member(NetworkOwned):
    """A person in the network, delegated by one organisation."""

    organisation = models.ForeignKey(
        Organisation, on_delete=models.PROTECT, verbose_name=_("organisation")
    )
    name = models.CharField(_("name"), max_length=200)
    email = models.EmailField(_("e-mail"), blank=True)
    role = models.PositiveSmallIntegerField(
        _("role"), choices=Role.choices, default=Role.PARTICIPANT
    )
    joined_on = models.DateField(_("joined on"))
    left_on = models.DateField(_("left on"), null=True, blank=True)
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="memberships",
        verbose_name=_("user account"),
    )
    #: The language of the e-mails this person gets; empty: the site's default (Dutch).
    language = models.CharField(
        _("language of e-mails"),
        max_length=8,
        choices=settings.LANGUAGES,
        blank=True,
        default="",
        db_default="",
    )
    #: Set when a mail server refused the address; cleared when the address changes.
    email_bounced_at = models.DateTimeField(_("e-mail refused on"), null=True, blank=True)
    email_bounce = models.CharField(
        _("refused because"), max_length=300, blank=True, default="", db_default=""
    )

    class Meta:
        verbose_name = _("member")
        verbose_name_plural = _("members")
        ordering = ["name"]
        constraints = [
            models.UniqueConstraint(
                fields=["network", "email"],
                condition=~Q(email=""),
                name="member_unique_email",
                violation_error_message=_("This network already has a member with this e-mail."),
            ),
            models.UniqueConstraint(
                fields=["network", "user"],
                condition=Q(user__isnull=False),
                name="member_unique_user",
            ),
            models.CheckConstraint(
                condition=Q(left_on__isnull=True) | Q(left_on__gte=models.F("joined_on")),
                name="member_leaves_after_joining",
                violation_error_message=_("A member cannot leave before joining."),
            ),
        ]

    def __str__(self) -> str:
        return self.name

    @property
    def can_write(self) -> bool:
        return self.role in WRITE_ROLES
