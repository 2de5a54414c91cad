"""Forms of the dossiers app.

Foreign keys are limited to the network by :class:`NetworkModelForm`; a
position's point is never chosen in a form but taken from the URL, so a
position on a point of another dossier cannot be posted at all.
"""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from warmnet.dossiers.models import (
    Dossier,
    HardMoment,
    Milestone,
    Point,
    PointStatusChange,
    Position,
    ensure_history,
    sync_point_status,
)
from warmnet.network.forms import DateInput, NetworkModelForm

__all__ = [
    "DossierForm",
    "HardMomentForm",
    "MilestoneForm",
    "PointForm",
    "PointStatusChangeForm",
    "PositionForm",
]


class DossierForm(NetworkModelForm):
    class Meta:
        model = Dossier
        fields = ["name", "description"]

    def clean_name(self) -> str:
        name = self.cleaned_data["name"].strip()
        others = Dossier.objects.filter(network=self.network, name__iexact=name)
        if others.exclude(pk=self.instance.pk).exists():
            raise forms.ValidationError(_("This network already has a dossier of this name."))
        return name


class PointForm(NetworkModelForm):
    """A point of a dossier (the dossier comes from the URL).

    When the status changes, ``status_since`` becomes today unless the user
    gave a date; a new point's status dates from its opening unless given.
    """

    class Meta:
        model = Point
        fields = ["title", "kind", "status", "opened_on", "status_since", "description"]
        widgets = {"opened_on": DateInput(), "status_since": DateInput()}
        help_texts = {
            "status_since": _("Leave as it is: a change of status dates from today."),
        }

    def __init__(self, *args: Any, dossier: Dossier, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.instance.dossier = dossier
        self.fields["status_since"].required = False

    def clean(self) -> dict[str, Any]:
        super().clean()
        data = self.cleaned_data
        opened, since = data.get("opened_on"), data.get("status_since")
        given = "status_since" in self.changed_data and since is not None
        if not given:
            if self.instance.pk is None:
                since = opened
            elif "status" in self.changed_data:
                since = timezone.localdate()
            else:
                since = self.instance.status_since
            data["status_since"] = since
        if opened and since and since < opened:
            field = "status_since" if given else "opened_on"
            self.add_error(field, _("The status cannot date from before the point opened."))
        return data

    def save(self, commit: bool = True) -> Point:
        """Save the point; a new status (or a new date for it) is also recorded in the
        point's status history, so the change can be replayed as of any date."""
        created = self.instance.pk is None
        if commit and not created and {"status", "status_since"} & set(self.changed_data):
            ensure_history(Point.objects.get(pk=self.instance.pk))
        point = super().save(commit=commit)
        if commit and (created or {"status", "status_since"} & set(self.changed_data)):
            change, _made = PointStatusChange.objects.get_or_create(
                network=point.network,
                point=point,
                date=point.status_since,
                defaults={"status": point.status},
            )
            if change.status != point.status:
                change.status = point.status
                change.save(update_fields=["status"])
            sync_point_status(point)
        return point


class PointStatusChangeForm(NetworkModelForm):
    """A dated change of a point's status (the point comes from the URL)."""

    class Meta:
        model = PointStatusChange
        fields = ["status", "date", "note"]
        widgets = {"date": DateInput()}

    def __init__(self, *args: Any, point: Point, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.instance.point = point

    def clean_date(self) -> Any:
        day = self.cleaned_data["date"]
        if day < self.instance.point.opened_on:
            raise forms.ValidationError(_("The status cannot date from before the point opened."))
        return day

    def save(self, commit: bool = True) -> PointStatusChange:
        if commit and self.instance.pk is None:
            ensure_history(self.instance.point)
        change = super().save(commit=commit)
        if commit:
            sync_point_status(change.point)
        return change


class PositionForm(NetworkModelForm):
    """Where a member or an organisation stands on a point (the point comes from the URL)."""

    class Meta:
        model = Position
        fields = ["member", "organisation", "stance", "date", "note", "shared"]
        widgets = {"date": DateInput()}
        help_texts = {
            "member": _("Either a member …"),
            "organisation": _("… or an organisation as a whole."),
        }

    def __init__(self, *args: Any, point: Point, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.instance.point = point
        self.fields["member"].queryset = self.fields["member"].queryset.select_related(  # type: ignore[attr-defined]
            "organisation"
        )

    def clean(self) -> dict[str, Any]:
        super().clean()
        data = self.cleaned_data
        if self.has_error("member") or self.has_error("organisation"):
            return data
        member, organisation = data.get("member"), data.get("organisation")
        if member is None and organisation is None:
            self.add_error("member", _("Choose the member or the organisation that holds it."))
        elif member is not None and organisation is not None:
            self.add_error(
                "organisation", _("A position is held by a member or by an organisation, not both.")
            )
        return data


class _TitleAndDate(NetworkModelForm):
    """Title plus date names the record in spreadsheets: a second one is refused on the
    title (the database refuses it too, case-insensitively)."""

    def clean(self) -> dict[str, Any]:
        data = super().clean()
        title, date = data.get("title"), data.get("date")
        if title and date:
            model = type(self.instance)
            same = model._default_manager.filter(
                network=self.network, title__iexact=title, date=date
            ).exclude(pk=self.instance.pk)
            if same.exists():
                self.add_error("title", _("There is already one with this title on that date."))
        return data


class MilestoneForm(_TitleAndDate):
    class Meta:
        model = Milestone
        fields = ["title", "kind", "date", "dossier"]
        widgets = {"date": DateInput()}


class HardMomentForm(_TitleAndDate):
    class Meta:
        model = HardMoment
        fields = ["title", "date", "description", "parties", "outcome", "shared"]
        widgets = {"date": DateInput(), "parties": forms.CheckboxSelectMultiple}
