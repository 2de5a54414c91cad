"""Forms of the activities app: activities, attendance and 1:1 contacts.

Every foreign key is limited to the form's network by :class:`NetworkModelForm`,
so a post naming another network's organisation, dossier or member is rejected
on that field.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from django import forms
from django.db.models import Q, QuerySet
from django.utils import timezone
from django.utils.formats import number_format
from django.utils.translation import gettext_lazy as _

from warmnet.activities.models import (
    DEFAULT_RELATIONSHIP_SHARE,
    RELATIONSHIP_KINDS,
    Activity,
    ActivityKind,
    AttendanceStatus,
    Contact,
)
from warmnet.dossiers.models import Dossier
from warmnet.network.forms import DateInput, DateTimeInput, NetworkModelForm
from warmnet.network.models import Member, Network, Organisation
from warmnet.network.params import DayField

__all__ = [
    "MAX_DURATION_MINUTES",
    "ActivityFilterForm",
    "ActivityForm",
    "AttendanceStatusForm",
    "ContactForm",
    "GridFilterForm",
    "InviteForm",
    "PlanActivityForm",
    "active_members",
    "relationship_q",
]

MAX_DURATION_MINUTES = 60 * 24 * 14


def relationship_q() -> Q:
    """Activities on the relationship track: share >= 0.5, or no share and a relationship kind."""
    return Q(relationship_share__gte=0.5) | Q(
        relationship_share__isnull=True, kind__in=RELATIONSHIP_KINDS
    )


def active_members(network: Network, on: dt.date | None = None) -> QuerySet[Member]:
    """Members of the network who have not left by ``on`` (today by default)."""
    day = on or timezone.localdate()
    return Member.objects.filter(network=network).filter(
        Q(left_on__isnull=True) | Q(left_on__gte=day)
    )


def _share_defaults_text() -> str:
    parts = [
        f"{label} {number_format(DEFAULT_RELATIONSHIP_SHARE[value], decimal_pos=1)}"
        for value, label in ActivityKind.choices
    ]
    return "; ".join(parts)


class ActivityForm(NetworkModelForm):
    end = forms.DateTimeField(label=_("End"), widget=DateTimeInput())

    class Meta:
        model = Activity
        fields = [
            "title",
            "kind",
            "start",
            "end",
            "location",
            "host_organisation",
            "dossier",
            "relationship_share",
            "description",
        ]
        widgets = {
            "start": DateTimeInput(),
            "relationship_share": forms.NumberInput(attrs={"step": "0.05", "min": 0, "max": 1}),
        }

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if self.instance.pk is not None:
            self.fields["end"].initial = self.instance.end
        self.fields["relationship_share"].help_text = _(
            "Between 0 (all content) and 1 (all relationship). "
            "Leave empty for the default of the kind: %(defaults)s."
        ) % {"defaults": _share_defaults_text()}

    def clean(self) -> dict[str, Any]:
        super().clean()
        data = self.cleaned_data
        start, end = data.get("start"), data.get("end")
        if start and end:
            minutes = int((end - start).total_seconds() // 60)
            if minutes < 1:
                self.add_error("end", _("The activity ends before it starts."))
            elif minutes > MAX_DURATION_MINUTES:
                self.add_error("end", _("An activity lasts at most 14 days."))
            else:
                self.instance.duration_minutes = minutes
        title = data.get("title")
        if start and title:
            # Title plus day names an activity in spreadsheets (import and export).
            day = timezone.localtime(start).date()
            same = Activity.objects.filter(
                network=self.network,
                title__iexact=title.strip(),
                start__date=day,
            ).exclude(pk=self.instance.pk)
            if same.exists():
                self.add_error(
                    "title",
                    _(
                        "There is already an activity with this title on that day; "
                        "tell them apart, e.g. with “(afternoon)”."
                    ),
                )
        return data


class PlanActivityForm(ActivityForm):
    """A new activity planned from a suggestion, with the people to invite.

    Only the suggested people are offered (a network can have thousands of members);
    more can be invited from the activity's page once it is saved.
    """

    invitees = forms.ModelMultipleChoiceField(
        label=_("Invite"),
        queryset=Member.objects.none(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text=_("They get an invitation by e-mail when you save, with a link to answer."),
    )

    def __init__(self, *args: Any, invitee_ids: list[int], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["invitees"].queryset = (  # type: ignore[attr-defined]
            active_members(self.network)
            .filter(pk__in=invitee_ids)
            .select_related("organisation")
            .order_by("organisation__name", "name")
        )
        self.fields["invitees"].label_from_instance = (  # type: ignore[attr-defined]
            lambda m: f"{m.name} ({m.organisation})" if m.organisation_id else m.name
        )


class ContactForm(NetworkModelForm):
    class Meta:
        model = Contact
        fields = ["member_a", "member_b", "date", "channel", "note"]
        widgets = {"date": DateInput()}

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        for name in ("member_a", "member_b"):
            field = self.fields[name]
            field.queryset = field.queryset.select_related("organisation")  # type: ignore[attr-defined]

    def clean(self) -> dict[str, Any]:
        super().clean()
        data = self.cleaned_data
        a, b = data.get("member_a"), data.get("member_b")
        if a is not None and a == b:
            self.add_error("member_b", _("A contact is between two different members."))
        elif a is not None and b is not None and data.get("date"):
            same = Contact.objects.filter(
                Q(member_a=a, member_b=b) | Q(member_a=b, member_b=a),
                network=self.network,
                date=data["date"],
            ).exclude(pk=self.instance.pk)
            if same.exists():
                self.add_error(
                    "date",
                    _("These two already have a contact on that day; add to its note instead."),
                )
        return data


class InviteForm(forms.Form):
    """Invite members to an activity: chosen people, or everyone of some organisations."""

    members = forms.ModelMultipleChoiceField(
        label=_("Members"), queryset=Member.objects.none(), required=False
    )
    organisations = forms.ModelMultipleChoiceField(
        label=_("Everyone from these organisations"),
        queryset=Organisation.objects.none(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )

    def __init__(self, *args: Any, activity: Activity, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.activity = activity
        network = activity.network
        self.fields["members"].queryset = (  # type: ignore[attr-defined]
            active_members(network, activity.start.date())
            .exclude(attendances__activity=activity)
            .select_related("organisation")
        )
        self.fields["organisations"].queryset = Organisation.objects.filter(  # type: ignore[attr-defined]
            network=network
        )

    def clean(self) -> dict[str, Any]:
        super().clean()
        data = self.cleaned_data
        if not data.get("members") and not data.get("organisations"):
            self.add_error("members", _("Choose members or organisations to invite."))
        return data

    def groups(self) -> list[tuple[Organisation, list[Member], bool]]:
        """Who can still be invited, by organisation: (organisation, its people, whether
        "everyone" is ticked), for the picker of checkboxes (organisations in order)."""
        chosen_orgs = {str(v) for v in (self["organisations"].value() or [])}
        people: dict[int, list[Member]] = {}
        for member in self.fields["members"].queryset.order_by("name"):  # type: ignore[attr-defined]
            people.setdefault(member.organisation_id, []).append(member)
        return [
            (org, people[org.pk], str(org.pk) in chosen_orgs)
            for org in self.fields["organisations"].queryset.order_by("name")  # type: ignore[attr-defined]
            if org.pk in people
        ]

    def chosen_members(self) -> set[str]:
        return {str(v) for v in (self["members"].value() or [])}

    def invitees(self) -> list[Member]:
        chosen = {m.pk: m for m in self.cleaned_data["members"]}
        orgs = self.cleaned_data["organisations"]
        if orgs:
            extra = self.fields["members"].queryset.filter(  # type: ignore[attr-defined]
                organisation__in=orgs
            )
            chosen.update({m.pk: m for m in extra})
        return list(chosen.values())


class AttendanceStatusForm(forms.Form):
    """One member's status at one activity; empty status removes the row."""

    member = forms.ModelChoiceField(label=_("Member"), queryset=Member.objects.none())
    status = forms.TypedChoiceField(
        label=_("Status"),
        choices=[("", "—"), *AttendanceStatus.choices],
        coerce=int,
        empty_value=None,
        required=False,
    )

    def __init__(self, *args: Any, network: Network, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["member"].queryset = Member.objects.filter(network=network)  # type: ignore[attr-defined]


class ActivityFilterForm(forms.Form):
    TRACKS = [("", _("both tracks")), ("con", _("content")), ("rel", _("relationship"))]

    kind = forms.TypedChoiceField(
        label=_("Kind"),
        choices=[("", _("all kinds")), *ActivityKind.choices],
        coerce=int,
        empty_value=None,
        required=False,
    )
    track = forms.ChoiceField(label=_("Track"), choices=TRACKS, required=False)
    dossier = forms.ModelChoiceField(
        label=_("Dossier"),
        queryset=Dossier.objects.none(),
        required=False,
        empty_label=_("all dossiers"),
    )
    since = DayField(label=_("From"), required=False, widget=DateInput())
    until = DayField(label=_("Until"), required=False, widget=DateInput())

    def __init__(self, *args: Any, network: Network, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["dossier"].queryset = Dossier.objects.filter(network=network)  # type: ignore[attr-defined]

    def apply(self, activities: QuerySet[Activity]) -> QuerySet[Activity]:
        if not self.is_valid():
            return activities
        data = self.cleaned_data
        if data["kind"] is not None:
            activities = activities.filter(kind=data["kind"])
        if data["track"] == "rel":
            activities = activities.filter(relationship_q())
        elif data["track"] == "con":
            activities = activities.exclude(relationship_q())
        if data["dossier"] is not None:
            activities = activities.filter(dossier=data["dossier"])
        if data["since"]:
            activities = activities.filter(start__gte=_day_start(data["since"]))
        if data["until"]:
            activities = activities.filter(start__lt=_day_start(data["until"] + dt.timedelta(1)))
        return activities


def _day_start(day: dt.date) -> dt.datetime:
    return timezone.make_aware(dt.datetime.combine(day, dt.time.min))


class GridFilterForm(forms.Form):
    """The window and slice of the attendance grid."""

    WEEKS_BACK = 8
    WEEKS_AHEAD = 4

    since = DayField(label=_("From"), required=False, widget=DateInput())
    until = DayField(label=_("Until"), required=False, widget=DateInput())
    organisation = forms.ModelChoiceField(
        label=_("Organisation"),
        queryset=Organisation.objects.none(),
        required=False,
        empty_label=_("all organisations"),
    )
    dossier = forms.ModelChoiceField(
        label=_("Dossier"),
        queryset=Dossier.objects.none(),
        required=False,
        empty_label=_("all dossiers"),
    )

    def __init__(self, *args: Any, network: Network, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        today = timezone.localdate()
        self.default_since = today - dt.timedelta(weeks=self.WEEKS_BACK)
        self.default_until = today + dt.timedelta(weeks=self.WEEKS_AHEAD)
        self.fields["since"].widget.attrs["placeholder"] = self.default_since.isoformat()
        self.fields["until"].widget.attrs["placeholder"] = self.default_until.isoformat()
        self.fields["organisation"].queryset = Organisation.objects.filter(network=network)  # type: ignore[attr-defined]
        self.fields["dossier"].queryset = Dossier.objects.filter(network=network)  # type: ignore[attr-defined]

    def clean(self) -> dict[str, Any]:
        super().clean()
        data = self.cleaned_data
        since, until = data.get("since"), data.get("until")
        if since and until and until < since:
            self.add_error("until", _("The window ends before it starts."))
        return data

    def window(self) -> tuple[dt.date, dt.date]:
        data = self.cleaned_data if self.is_valid() else {}
        return (data.get("since") or self.default_since, data.get("until") or self.default_until)

    def window_bounds(self) -> tuple[dt.datetime, dt.datetime]:
        since, until = self.window()
        return _day_start(since), _day_start(until + dt.timedelta(1))

    def choice(self, name: str) -> Any:
        return self.cleaned_data.get(name) if self.is_valid() else None
