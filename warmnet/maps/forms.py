"""The map's filters: a plain GET form, so every picture has a URL of its own."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from warmnet.dossiers.models import Dossier
from warmnet.network.forms import DateInput
from warmnet.network.models import Network, Organisation
from warmnet.network.params import DayField

__all__ = ["MapFilterForm"]


class MapFilterForm(forms.Form):
    q = forms.CharField(
        label=_("Find a person or organisation"),
        required=False,
        max_length=100,
        widget=forms.TextInput(attrs={"type": "search", "autocomplete": "off"}),
    )
    organisation = forms.ModelChoiceField(
        label=_("Organisation"),
        queryset=Organisation.objects.none(),
        required=False,
        empty_label=_("All organisations"),
    )
    dossier = forms.ModelChoiceField(
        label=_("Dossier"),
        queryset=Dossier.objects.none(),
        required=False,
        empty_label=_("All dossiers"),
        help_text=_("Members who attended the dossier's activities."),
    )
    as_of = DayField(label=_("As of"), required=False, widget=DateInput)

    def __init__(self, *args: Any, network: Network, today: dt.date, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.today = today
        self.fields["organisation"].queryset = Organisation.objects.filter(  # type: ignore[attr-defined]
            network=network
        ).order_by("name")
        self.fields["dossier"].queryset = Dossier.objects.filter(  # type: ignore[attr-defined]
            network=network
        ).order_by("name")

    def clean_as_of(self) -> dt.date:
        day = self.cleaned_data.get("as_of") or self.today
        return min(day, self.today)
