"""Forms: a round, the network's survey settings, and the answers."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from warmnet.network.forms import DateInput, NetworkModelForm
from warmnet.network.models import Organisation
from warmnet.surveys.actions import Answer
from warmnet.surveys.items import (
    DONT_KNOW,
    MAX_PARTNERS,
    NETWORK_ITEMS,
    OPEN_ITEM,
    PARTNER_DIMENSIONS,
    PARTNER_ITEM,
    ROUND_ITEMS,
    SCALE,
    Item,
)
from warmnet.surveys.models import SurveyRound, SurveySettings
from warmnet.surveys.models.round import DEFAULT_REMIND_DAYS, MIN_GROUP_FLOOR

__all__ = ["AnswerForm", "RoundForm", "SettingsForm"]


class RoundForm(NetworkModelForm):
    items = forms.MultipleChoiceField(
        label=_("Questions in this round"),
        choices=ROUND_ITEMS,
        widget=forms.CheckboxSelectMultiple,
        help_text=_(
            "Switch questions on or off; their wording and scales are fixed, so rounds "
            "and networks stay comparable."
        ),
    )

    class Meta:
        model = SurveyRound
        fields = [
            "title",
            "opens_on",
            "closes_on",
            "remind_days_before",
            "whole_network",
            "organisations",
            "items",
        ]
        widgets = {
            "opens_on": DateInput(),
            "closes_on": DateInput(),
            "organisations": forms.CheckboxSelectMultiple,
        }

    def __init__(self, *args: Any, today: dt.date, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.today = today
        self.fields["organisations"].required = False
        # left empty: the usual day (a 0 switches the automatic reminder off)
        self.fields["remind_days_before"].required = False

    def clean_remind_days_before(self) -> int:
        value = self.cleaned_data.get("remind_days_before")
        return DEFAULT_REMIND_DAYS if value is None else int(value)

    def clean_closes_on(self) -> dt.date:
        closes: dt.date = self.cleaned_data["closes_on"]
        if closes < self.today:
            raise forms.ValidationError(_("The closing day has already passed."))
        return closes

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        opens, closes = data.get("opens_on"), data.get("closes_on")
        if opens and closes and closes < opens:
            self.add_error("closes_on", _("A round cannot close before it opens."))
        if not data.get("whole_network") and not data.get("organisations"):
            self.add_error(
                "organisations",
                _("Choose the organisations to ask, or ask the whole network."),
            )
        return data


class SettingsForm(forms.ModelForm):
    class Meta:
        model = SurveySettings
        fields = ["min_group"]

    def clean_min_group(self) -> int:
        value: int = self.cleaned_data["min_group"]
        if value < MIN_GROUP_FLOOR:
            raise forms.ValidationError(
                _("At least %(floor)s: smaller groups would make answers traceable.")
                % {"floor": MIN_GROUP_FLOOR}
            )
        return value


class ScaleWidget(forms.RadioSelect):
    template_name = "surveys/widgets/scale.html"

    def __init__(self, item: Item, **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self.item = item

    def get_context(self, name: str, value: Any, attrs: Any) -> dict[str, Any]:
        context = super().get_context(name, value, attrs)
        context["item"] = self.item
        return context


def _scale_field(item: Item, label: Any) -> forms.TypedChoiceField:
    choices = [(str(v), str(v)) for v in SCALE] + [(str(DONT_KNOW), _("don't know"))]
    return forms.TypedChoiceField(
        label=label,
        choices=choices,
        coerce=int,
        empty_value=None,
        required=False,
        widget=ScaleWidget(item),
    )


def partner_field(org: int, dimension: str) -> str:
    return f"p{org}_{dimension}"


class AnswerForm(forms.Form):
    """The survey as a respondent sees it: every question optional, "weet ik niet" on
    every scale, at most :data:`MAX_PARTNERS` partners."""

    def __init__(
        self, *args: Any, survey: SurveyRound, own_organisation: int | None, **kwargs: Any
    ) -> None:
        super().__init__(*args, **kwargs)
        self.survey = survey
        self.network_items = [i for i in NETWORK_ITEMS if survey.has(i.code)]
        for item in self.network_items:
            self.fields[item.code] = _scale_field(item, item.text)
        self.partners: list[Organisation] = []
        if survey.has(PARTNER_ITEM):
            others = Organisation.objects.filter(network=survey.network_id)
            if own_organisation is not None:
                others = others.exclude(pk=own_organisation)
            self.partners = list(others.order_by("name"))
            for org in self.partners:
                for dim in PARTNER_DIMENSIONS:
                    self.fields[partner_field(org.pk, dim.code)] = _scale_field(dim, dim.text)
        if survey.has(OPEN_ITEM):
            self.fields["open_text"] = forms.CharField(
                label=_("What would help this network most now?"),
                required=False,
                max_length=2000,
                widget=forms.Textarea(attrs={"rows": 4}),
            )

    def partner_sections(self) -> list[tuple[Organisation, list[forms.BoundField], bool]]:
        """Per partner: its six fields, and whether anything is filled in (shown open)."""
        out = []
        for org in self.partners:
            fields = [self[partner_field(org.pk, d.code)] for d in PARTNER_DIMENSIONS]
            out.append((org, fields, any(f.value() not in (None, "") for f in fields)))
        return out

    def network_fields(self) -> list[forms.BoundField]:
        return [self[i.code] for i in self.network_items]

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        rated = [
            org
            for org in self.partners
            if any(data.get(partner_field(org.pk, d.code)) is not None for d in PARTNER_DIMENSIONS)
        ]
        if len(rated) > MAX_PARTNERS:
            raise forms.ValidationError(
                _(
                    "You rated %(count)s organisations; please rate at most %(max)s, the ones "
                    "you work with most."
                )
                % {"count": len(rated), "max": MAX_PARTNERS}
            )
        return data

    def answer(self) -> Answer:
        data = self.cleaned_data
        return Answer(
            items={i.code: data.get(i.code) for i in self.network_items},
            partners={
                org.pk: {
                    d.code: data.get(partner_field(org.pk, d.code)) for d in PARTNER_DIMENSIONS
                }
                for org in self.partners
            },
            open_text=data.get("open_text", "") or "",
        )
