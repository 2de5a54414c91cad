from __future__ import annotations

from django.db import models
from django.db.models import F, Q
from django.db.models.functions import Greatest, Least
from django.utils.translation import gettext_lazy as _

from warmnet.network.models import Member, NetworkOwned


class ContactChannel(models.IntegerChoices):
    IN_PERSON = 0, _("in person")
    CALL = 1, _("phone call")
    VIDEO = 2, _("video call")
    MESSAGE = 3, _("message")


class Contact(NetworkOwned):
    """A 1:1 moment between two members: a coffee, a call."""

    member_a = models.ForeignKey(
        Member, on_delete=models.CASCADE, related_name="+", verbose_name=_("member")
    )
    member_b = models.ForeignKey(
        Member, on_delete=models.CASCADE, related_name="+", verbose_name=_("with")
    )
    date = models.DateField(_("date"))
    channel = models.PositiveSmallIntegerField(
        _("channel"), choices=ContactChannel.choices, default=ContactChannel.IN_PERSON
    )
    note = models.TextField(_("note"), blank=True)

    class Meta:
        verbose_name = _("contact")
        verbose_name_plural = _("contacts")
        ordering = ["-date"]
        constraints = [
            models.CheckConstraint(
                condition=~Q(member_a=F("member_b")),
                name="contact_between_two_people",
                violation_error_message=_("A contact is between two different members."),
            ),
            # The two members plus the date name a contact in spreadsheets.
            models.UniqueConstraint(
                F("network"),
                Least("member_a", "member_b"),
                Greatest("member_a", "member_b"),
                F("date"),
                name="contact_once_per_pair_per_day",
                violation_error_message=_(
                    "These two already have a contact on that day; add to its note instead."
                ),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.member_a} - {self.member_b} ({self.date})"
