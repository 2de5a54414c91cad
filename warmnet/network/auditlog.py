"""The audit log as people read it: what happened in words of their language, to what
(the kind of record by its name), which fields by their labels, and who by their name in
the network rather than their login.

The log itself stays as written (``action`` codes, model and field names), so it keeps
meaning the same thing whatever the language of whoever reads it; this module only
reads it out.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from django.apps import apps
from django.core.exceptions import FieldDoesNotExist
from django.db import models
from django.utils.functional import Promise
from django.utils.text import capfirst
from django.utils.translation import gettext_lazy as _

from warmnet.network.models import AuditEntry, Member, Network

__all__ = ["ACTIONS", "AuditRow", "action_word", "audit_rows", "field_label", "record_kind"]

#: Each action code the writers log, as a word.
ACTIONS: dict[str, Promise] = {
    "create": _("added"),
    "update": _("changed"),
    "delete": _("deleted"),
    "import": _("imported"),
    "invite": _("invited"),
    "invite_account": _("invited to Warmnet"),
    "link_account": _("linked to a login"),
    "revoke": _("revoked"),
    "remind": _("reminder sent"),
    "close": _("closed"),
    "erase": _("personal data erased"),
    "access export": _("personal data downloaded"),
    "delete answers": _("answers deleted"),
    "unlock login": _("login unlocked"),
    "plan": _("planned"),
    "dismiss": _("set aside"),
    "reopen": _("reopened"),
    "acknowledge": _("marked as seen"),
}

#: Kinds of record that are no model of their own.
KINDS: dict[str, Promise] = {
    "import": _("import from files"),
    "calendar import": _("import from a calendar"),
    "signal": _("signal"),
    "surveysettings": _("survey settings"),
}

#: Keys in ``changes`` that are no field of the record.
KEYS: dict[str, Promise] = {
    "files": _("files"),
    "invited": _("invited"),
    "without_email": _("without e-mail address"),
    "respondents": _("respondents"),
    "reminded": _("reminded"),
    "erased": _("erased"),
    "members": _("members"),
    "items": _("questions"),
}


def action_word(action: str) -> str:
    """The action in words; an unknown code as it is, without underscores."""
    word = ACTIONS.get(action)
    return str(word) if word is not None else action.replace("_", " ")


def _model(object_type: str) -> type[models.Model] | None:
    for model in apps.get_models():
        if model._meta.model_name == object_type and model.__module__.startswith("warmnet."):
            return model
    return None


def record_kind(object_type: str) -> str:
    """The kind of record by its name ("activiteit"), not its model name."""
    if object_type in KINDS:
        return str(KINDS[object_type])
    model = _model(object_type)
    if model is not None:
        return str(model._meta.verbose_name)
    return object_type.replace("_", " ")


def field_label(object_type: str, key: str) -> str:
    """A changed field by its label ("duur (minuten)"), not its name."""
    model = _model(object_type)
    if model is not None:
        try:
            field = model._meta.get_field(key)
        except FieldDoesNotExist:
            pass
        else:
            label = getattr(field, "verbose_name", None)
            if label:
                return str(label)
    if key in KEYS:
        return str(KEYS[key])
    return key.replace("_", " ")


@dataclass(frozen=True)
class AuditRow:
    at: Any
    who: str
    action: str
    kind: str
    summary: str
    fields: list[str]


def _names(network: Network, entries: Iterable[AuditEntry]) -> dict[int, str]:
    """Each user's name in this network; the user's own full name or login otherwise."""
    users = {e.user_id: e.user for e in entries if e.user_id is not None}
    names = dict(
        Member.objects.filter(network=network, user_id__in=users).values_list("user_id", "name")
    )
    for pk, user in users.items():
        if pk not in names and user is not None:
            names[pk] = user.get_full_name() or user.get_username()
    return names


def audit_rows(network: Network, entries: list[AuditEntry]) -> list[AuditRow]:
    names = _names(network, entries)
    return [
        AuditRow(
            at=e.at,
            who=names.get(e.user_id, "") if e.user_id is not None else "",
            action=capfirst(action_word(e.action)) or "",
            kind=capfirst(record_kind(e.object_type)) or "",
            summary=e.summary,
            fields=[field_label(e.object_type, key) for key in e.changes],
        )
        for e in entries
    ]
