"""The members list's filter and sort, read from the address through a form (a value
outside the choices is ignored, never an error deep in a query)."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from warmnet.network.models import Network, Organisation, Role

__all__ = ["SORTS", "MemberFilterForm"]

#: Sort keys anyone may use; warmth and last seen only for those who see warmth.
SORTS = ("name", "organisation", "role", "joined")
RUNNER_SORTS = ("warmth", "seen")


class MemberFilterForm(forms.Form):
    organisation = forms.ModelChoiceField(
        label=_("Organisation"),
        queryset=Organisation.objects.none(),
        required=False,
        empty_label=_("all organisations"),
    )
    role = forms.TypedChoiceField(
        label=_("Role"),
        choices=[("", _("all roles")), *Role.choices],
        coerce=int,
        empty_value=None,
        required=False,
    )
    warmth = forms.ChoiceField(
        label=_("Warmth"),
        choices=[
            ("", _("everyone")),
            ("warm", _("warmly connected")),
            ("cold", _("cold")),
            ("newcomer", _("newcomers not yet connected")),
            ("isolated", _("not connected")),
        ],
        required=False,
    )
    current = forms.ChoiceField(
        label=_("Membership"),
        choices=[("", _("current members")), ("all", _("also those who left"))],
        required=False,
    )
    sort = forms.ChoiceField(choices=[], required=False, widget=forms.HiddenInput)
    desc = forms.BooleanField(required=False, widget=forms.HiddenInput)

    def __init__(self, *args: Any, network: Network, runner: bool, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["organisation"].queryset = Organisation.objects.filter(network=network)  # type: ignore[attr-defined]
        sorts = SORTS + (RUNNER_SORTS if runner else ())
        self.fields["sort"].choices = [("", ""), *((s, s) for s in sorts)]  # type: ignore[attr-defined]
        if not runner:
            del self.fields["warmth"]

    def value(self, name: str) -> Any:
        """The field's cleaned value; its empty value when absent or when the address held
        nonsense for it (the other filters still apply)."""
        if not self.is_bound:
            return False if name == "desc" else None
        self.is_valid()
        value = self.cleaned_data.get(name)
        if value in (None, ""):
            return False if name == "desc" else None
        return value
