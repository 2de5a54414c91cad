"""Form base for network-owned records.

Every foreign key offered by a form is limited to the form's network, so a
post that names another network's member, point or dossier is rejected with a
message on that field, and nothing is saved.
"""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from warmnet.network.models import Member, Network, Organisation

__all__ = ["DateInput", "DateTimeInput", "MemberForm", "NetworkModelForm", "OrganisationForm"]


class DateInput(forms.DateInput):
    input_type = "date"

    def __init__(self, **kwargs: Any) -> None:
        super().__init__(format="%Y-%m-%d", **kwargs)


class DateTimeInput(forms.DateTimeInput):
    input_type = "datetime-local"

    def __init__(self, **kwargs: Any) -> None:
        super().__init__(format="%Y-%m-%dT%H:%M", **kwargs)


class NetworkModelForm(forms.ModelForm):
    def __init__(self, *args: Any, network: Network, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.network = network
        self.instance.network = network
        for field in self.fields.values():
            if not isinstance(field, forms.ModelChoiceField) or field.queryset is None:
                continue
            if hasattr(field.queryset.model, "network"):
                field.queryset = field.queryset.filter(network=network)

    def validate_constraints(self) -> None:
        # The instance's network is set before validation so unique
        # constraints that include it are checked here, on the form.
        self.instance.network = self.network
        super().validate_constraints()


class OrganisationForm(NetworkModelForm):
    class Meta:
        model = Organisation
        fields = ["name", "kind"]

    def clean_name(self) -> str:
        name = self.cleaned_data["name"].strip()
        others = Organisation.objects.filter(network=self.network, name__iexact=name)
        if others.exclude(pk=self.instance.pk).exists():
            raise forms.ValidationError(_("This network already has an organisation of this name."))
        return name


class MemberForm(NetworkModelForm):
    class Meta:
        model = Member
        fields = ["name", "email", "organisation", "role", "joined_on", "left_on", "language"]
        widgets = {"joined_on": DateInput(), "left_on": DateInput()}

    def save(self, commit: bool = True) -> Any:
        if "email" in self.changed_data:
            # a new address has not been refused yet
            self.instance.email_bounced_at = None
            self.instance.email_bounce = ""
        return super().save(commit)

    def clean_email(self) -> str:
        email = self.cleaned_data["email"].strip().lower()
        if email:
            others = Member.objects.filter(network=self.network, email__iexact=email)
            if others.exclude(pk=self.instance.pk).exists():
                raise forms.ValidationError(
                    _("This network already has a member with this e-mail.")
                )
        return email

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        joined, left = data.get("joined_on"), data.get("left_on")
        if joined and left and left < joined:
            self.add_error("left_on", _("A member cannot leave before joining."))
        return data
