from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from warmnet.api.tokens import EXPIRY_DAYS
from warmnet.network.models import Member, Network
from warmnet.network.scoping import user_networks

__all__ = ["TokenForm"]

READ, READ_WRITE = "read", "read-write"


class TokenForm(forms.Form):
    name = forms.CharField(
        label=_("What is it for?"),
        max_length=100,
        help_text=_("E.g. “Power BI dashboard” or “CRM link”, so you recognise it later."),
    )
    network = forms.ModelChoiceField(label=_("Network"), queryset=Network.objects.none())
    scope = forms.ChoiceField(
        label=_("May the token"),
        choices=[(READ, _("read only")), (READ_WRITE, _("read and write"))],
        initial=READ,
        widget=forms.RadioSelect,
        help_text=_(
            "Write: record activities, attendance and contacts. "
            "Only coordinators and the core team can write."
        ),
    )
    days = forms.TypedChoiceField(label=_("Valid for"), coerce=int, initial=90)

    def __init__(self, *args: Any, user: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["days"].choices = [  # type: ignore[attr-defined]
            (d, ngettext("%(n)d day", "%(n)d days", d) % {"n": d}) for d in EXPIRY_DAYS
        ]
        self.memberships: dict[int, Member] = {m.network_id: m for m in user_networks(user)}
        self.fields["network"].queryset = Network.objects.filter(  # type: ignore[attr-defined]
            pk__in=list(self.memberships)
        ).order_by("name")
        if len(self.memberships) == 1:
            self.fields["network"].initial = next(iter(self.memberships))

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        network = data.get("network")
        if (
            network is not None
            and data.get("scope") == READ_WRITE
            and not self.memberships[network.pk].can_write
        ):
            self.add_error(
                "scope",
                _("Your role in %(network)s does not allow changes; choose read only.")
                % {"network": network.name},
            )
        return data
