"""Forms of the programme: a recurring series, and a change to one from a day onward."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from warmnet.activities.forms import active_members
from warmnet.activities.models import ActivityKind
from warmnet.network.forms import DateInput, DateTimeInput, NetworkModelForm
from warmnet.network.models import Member, Organisation
from warmnet.programme.models import Series

__all__ = ["SeriesChangeForm", "SeriesForm"]

EVERY = "every"
AFTER = "after"


class MemberChoices(forms.ModelMultipleChoiceField):
    def label_from_instance(self, obj: Any) -> str:
        return f"{obj.name} ({obj.organisation})"


class SeriesForm(NetworkModelForm):
    rhythm = forms.ChoiceField(
        label=_("Rhythm"),
        choices=[
            (EVERY, _("Every few weeks")),
            (AFTER, _("Right after every activity of a kind")),
        ],
        widget=forms.RadioSelect,
        initial=EVERY,
    )

    class Meta:
        model = Series
        fields = [
            "title",
            "kind",
            "rhythm",
            "every_weeks",
            "after_kind",
            "first_start",
            "duration_minutes",
            "location",
            "host_organisations",
            "invite_all",
            "invitees",
            "ahead",
        ]
        field_classes = {"invitees": MemberChoices}
        widgets = {
            "first_start": DateTimeInput(),
            "host_organisations": forms.CheckboxSelectMultiple,
            "invitees": forms.CheckboxSelectMultiple,
        }
        help_texts = {
            "every_weeks": _("For example 6: an activity every six weeks."),
            "after_kind": _(
                "For example a steering group meeting: the series' activity starts when it ends."
            ),
            "host_organisations": _("Each activity is hosted by the next one, in turn."),
            "first_start": _("The day and time of the first one; later ones keep the time."),
        }

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        invitees = self.fields["invitees"]
        assert isinstance(invitees, forms.ModelMultipleChoiceField)
        invitees.queryset = (
            active_members(self.network).select_related("organisation").order_by("name")
        )
        hosts = self.fields["host_organisations"]
        assert isinstance(hosts, forms.ModelMultipleChoiceField)
        hosts.queryset = Organisation.objects.filter(network=self.network).order_by("name")
        self.fields["kind"].initial = int(ActivityKind.INFORMAL_MEETING)
        self.fields["duration_minutes"].initial = 120
        self.fields["every_weeks"].initial = 6
        if not self.is_bound and self.instance.pk is None:
            tomorrow = timezone.localdate() + dt.timedelta(days=7)
            self.fields["first_start"].initial = timezone.make_aware(
                dt.datetime.combine(tomorrow, dt.time(16))
            )

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if data.get("rhythm") == AFTER:
            data["every_weeks"] = None
            self.instance.every_weeks = None
            if data.get("after_kind") is None:
                self.add_error("after_kind", _("Choose the kind of activity this one follows."))
        else:
            data["after_kind"] = None
            self.instance.after_kind = None
            if not data.get("every_weeks"):
                self.add_error("every_weeks", _("Say every how many weeks (1 to 52)."))
        if not data.get("invite_all") and not data.get("invitees"):
            self.add_error("invitees", _("Choose who to invite, or invite every member."))
        return data


class SeriesChangeForm(forms.Form):
    """From a day onward: what changes for the activities still to come."""

    since = forms.DateField(label=_("From"), widget=DateInput())
    title = forms.CharField(label=_("Title"), max_length=200)
    start_time = forms.TimeField(
        label=_("Starts at"), widget=forms.TimeInput(attrs={"type": "time"}, format="%H:%M")
    )
    duration_minutes = forms.IntegerField(
        label=_("Duration (minutes)"), min_value=1, max_value=1440
    )
    location = forms.CharField(label=_("Location"), max_length=200, required=False)
    invitees = MemberChoices(
        label=_("Invitees"),
        queryset=Member.objects.none(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    invite_all = forms.BooleanField(label=_("Invite every member"), required=False)

    def __init__(self, *args: Any, series: Series, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.series = series
        invitees = self.fields["invitees"]
        assert isinstance(invitees, forms.ModelMultipleChoiceField)
        invitees.queryset = (
            active_members(series.network).select_related("organisation").order_by("name")
        )
        if not self.is_bound:
            start = timezone.localtime(series.first_start)
            self.initial.update(
                {
                    "since": timezone.localdate(),
                    "title": series.title,
                    "start_time": start.time().replace(second=0, microsecond=0),
                    "duration_minutes": series.duration_minutes,
                    "location": series.location,
                    "invitees": list(series.invitees.values_list("pk", flat=True)),
                    "invite_all": series.invite_all,
                }
            )

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if not data.get("invite_all") and not data.get("invitees"):
            self.add_error("invitees", _("Choose who to invite, or invite every member."))
        return data
