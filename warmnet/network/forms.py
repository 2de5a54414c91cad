"""Form base for network-owned records.

Every foreign key offered by a form is limited to the form's network, so a
post that names another network's member, point or dossier is rejected with a
message on that field, and nothing is saved.
"""

from __future__ import annotations

from typing import Any

from django import forms
from django.core import validators
from django.utils.translation import gettext_lazy as _

from warmnet.lib.text import normal_spacing
from warmnet.network.models import Member, Network, Organisation, Role
from warmnet.network.validators import MAX_TEXT, check_text

__all__ = [
    "DateInput",
    "DateTimeInput",
    "MemberForm",
    "NetworkModelForm",
    "OrganisationForm",
    "name_empty_choice",
]


class DateInput(forms.DateInput):
    input_type = "date"

    def __init__(self, **kwargs: Any) -> None:
        super().__init__(format="%Y-%m-%d", **kwargs)


class DateTimeInput(forms.DateTimeInput):
    input_type = "datetime-local"

    def __init__(self, **kwargs: Any) -> None:
        super().__init__(format="%Y-%m-%dT%H:%M", **kwargs)


def _single_line(value: Any) -> None:
    check_text(value)


def _multi_line(value: Any) -> None:
    check_text(value, multiline=True)


def name_empty_choice(field: forms.Field) -> None:
    """Django's empty choice is "---------"; say what it means instead: "Choose …" where
    a choice is needed, "(none)" where it may stay empty."""
    label = _("Choose …") if field.required else _("(none)")
    if isinstance(field, forms.ModelChoiceField):
        if field.empty_label == "---------":
            field.empty_label = label
    elif isinstance(field, forms.ChoiceField):
        choices = list(field.choices)  # type: ignore[arg-type]
        if choices and choices[0][0] in ("", None) and choices[0][1] == "---------":
            field.choices = [("", label), *choices[1:]]


class NetworkModelForm(forms.ModelForm):
    """``actor``: the member who fills in the form (None: a tool or a test, full rights)."""

    def __init__(
        self, *args: Any, network: Network, actor: Member | None = None, **kwargs: Any
    ) -> None:
        super().__init__(*args, **kwargs)
        self.network = network
        self.actor = actor
        self.instance.network = network
        for field in self.fields.values():
            if isinstance(field, forms.CharField):
                self._guard_text(field)
            name_empty_choice(field)
            if not isinstance(field, forms.ModelChoiceField) or field.queryset is None:
                continue
            if hasattr(field.queryset.model, "network"):
                field.queryset = field.queryset.filter(network=network)

    @staticmethod
    def _guard_text(field: forms.CharField) -> None:
        """No control characters, something visible, and never longer than the import
        takes (so what a form saves always reads back in)."""
        multiline = isinstance(field.widget, forms.Textarea)
        field.validators.append(_multi_line if multiline else _single_line)
        if field.max_length is None:
            field.max_length = MAX_TEXT
            field.validators.append(validators.MaxLengthValidator(MAX_TEXT))
            field.widget.attrs.setdefault("maxlength", str(MAX_TEXT))
        field.multiline = multiline  # type: ignore[attr-defined]

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        for name, field in self.fields.items():
            value = data.get(name)
            if isinstance(value, str) and not getattr(field, "multiline", True):
                data[name] = normal_spacing(value)
        return data

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

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if self.actor is not None and self.actor.role != Role.COORDINATOR:
            # Only coordinators change roles and end memberships.
            for name in ("role", "left_on"):
                self.fields[name].disabled = True
                self.fields[name].help_text = _("Only a coordinator changes this.")

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        joined, left = data.get("joined_on"), data.get("left_on")
        if joined and left and left < joined:
            self.add_error("left_on", _("A member cannot leave before joining."))
        role = data.get("role", self.instance.role)
        if last_coordinator(self.instance) and (role != Role.COORDINATOR or left is not None):
            field = "role" if role != Role.COORDINATOR else "left_on"
            self.add_error(field, last_coordinator_message())
        return data


def last_coordinator_message() -> str:
    return str(_("This is the network's last coordinator: appoint another coordinator first."))


def last_coordinator(member: Member) -> bool:
    """Whether ``member`` (as saved) is the network's only coordinator without a leaving
    date: demoting them, ending their membership or deleting them would lock the
    network out of its own settings."""
    if member.pk is None:
        return False
    saved = Member.objects.filter(pk=member.pk).values_list("role", "left_on").first()
    if saved is None or saved[0] != Role.COORDINATOR or saved[1] is not None:
        return False
    others = Member.objects.filter(
        network_id=member.network_id, role=Role.COORDINATOR, left_on__isnull=True
    ).exclude(pk=member.pk)
    return not others.exists()
