"""What the coordinator chooses: the period, the foreword and proposals, the delivery."""

from __future__ import annotations

import datetime as dt
from typing import Any, cast

from django import forms
from django.core.validators import MaxValueValidator
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from warmnet.network.forms import DateInput
from warmnet.network.models import Member, Network, Role
from warmnet.network.params import DayField
from warmnet.network.validators import check_text
from warmnet.report.models import FOREWORD_MAX
from warmnet.report.periods import MAX_DAYS, Period, default_quarter, parse_quarter

__all__ = ["DraftForm", "PeriodForm", "ScheduleForm"]


class PeriodForm(forms.Form):
    """``?quarter=2025-Q3``, or ``?since=…&until=…``; neither: the default quarter."""

    quarter = forms.CharField(label=gettext_lazy("Quarter"), required=False, max_length=20)
    since = DayField(label=gettext_lazy("From"), required=False, widget=DateInput())
    until = DayField(label=gettext_lazy("Until"), required=False, widget=DateInput())

    def __init__(self, *args: Any, today: dt.date, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.today = today

    def clean_quarter(self) -> str:
        text = self.cleaned_data.get("quarter") or ""
        if text and parse_quarter(text) is None:
            raise forms.ValidationError(
                _('"%(value)s" is not a quarter: write it as 2025-Q3.') % {"value": text[:20]},
                code="quarter",
            )
        return text

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        since, until = data.get("since"), data.get("until")
        if self.errors:
            return data
        if (since is None) != (until is None):
            missing = "until" if until is None else "since"
            self.add_error(missing, _("Give both the first and the last day of the period."))
            return data
        if since is not None and until is not None:
            if until < since:
                self.add_error(
                    "until",
                    _("The last day (%(until)s) is before the first day (%(since)s).")
                    % {"until": until.isoformat(), "since": since.isoformat()},
                )
                return data
            if (until - since).days + 1 > MAX_DAYS:
                self.add_error("until", _("A report covers at most two years."))
                return data
            period = Period(since, until)
        else:
            period = parse_quarter(data.get("quarter") or "") or default_quarter(self.today)
        if period.start > self.today:
            field = "quarter" if data.get("quarter") else "since"
            self.add_error(
                field,
                _("The period starts on %(start)s, after today: there is nothing to report yet.")
                % {"start": period.start.isoformat()},
            )
            return data
        data["period"] = period
        return data

    @property
    def period(self) -> Period:
        return self.cleaned_data["period"]


class DraftForm(forms.Form):
    """The coordinator's voice: a foreword, the proposals, whether people are named."""

    foreword = forms.CharField(
        label=gettext_lazy("Foreword"),
        required=False,
        max_length=FOREWORD_MAX,
        widget=forms.Textarea(attrs={"rows": 8}),
        help_text=gettext_lazy(
            "Your view for the steering group. It is printed as yours, apart from the "
            "measured figures."
        ),
    )
    proposals = forms.MultipleChoiceField(
        label=gettext_lazy("Put forward as proposals"),
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    include_people = forms.BooleanField(
        label=gettext_lazy("Name people"),
        required=False,
        help_text=gettext_lazy(
            "Off: the report shows figures, organisations and disputes only. On: it also "
            "names members with few warm ties, the people in suggestions and the bridges "
            "across disputes."
        ),
    )

    def __init__(self, *args: Any, choices: list[tuple[str, str]], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        cast(forms.MultipleChoiceField, self.fields["proposals"]).choices = choices

    def clean_foreword(self) -> str:
        text = str(self.cleaned_data.get("foreword") or "").replace("\r\n", "\n").strip()
        check_text(text, multiline=True)
        return text


class ScheduleForm(forms.Form):
    enabled = forms.BooleanField(label=gettext_lazy("Send the report each quarter"), required=False)
    role = forms.TypedChoiceField(
        label=gettext_lazy("To everyone with the role"),
        required=False,
        coerce=int,
        empty_value=None,
    )
    members = forms.ModelMultipleChoiceField(
        label=gettext_lazy("And to these members"),
        required=False,
        queryset=Member.objects.none(),
        widget=forms.CheckboxSelectMultiple,
    )
    days_after = forms.IntegerField(
        label=gettext_lazy("Days after the quarter ends"),
        min_value=0,
        validators=[MaxValueValidator(60)],
        initial=7,
        help_text=gettext_lazy("Time to write the foreword before it goes out."),
    )

    def __init__(self, *args: Any, network: Network, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        cast(forms.TypedChoiceField, self.fields["role"]).choices = [("", "—"), *Role.choices]
        members = cast(forms.ModelMultipleChoiceField, self.fields["members"])
        members.queryset = Member.objects.filter(network=network).select_related("organisation")
        members.label_from_instance = lambda m: f"{m.name} ({m.organisation})"  # type: ignore[method-assign,assignment]

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if data.get("enabled") and data.get("role") is None and not data.get("members"):
            self.add_error("role", _("Choose a role or members: the report must go to someone."))
        return data
