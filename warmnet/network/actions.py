"""Writes to a network's records.

Each write runs in one transaction and leaves a row in the audit log; the
network's data version is bumped by the signal handlers in ``signals.py``.
"""

from __future__ import annotations

from typing import Any

from django.db import models, transaction
from django.forms import ModelForm

from warmnet.network.models import AuditEntry, Network

__all__ = ["audit_entry", "delete_object", "log_action", "save_form"]


def _jsonable(value: Any) -> Any:
    if isinstance(value, models.Model):
        return value.pk
    if isinstance(value, list | tuple | models.QuerySet):
        return [_jsonable(v) for v in value]
    if isinstance(value, str | int | float | bool) or value is None:
        return value
    return str(value)


def audit_entry(
    network: Network | None,
    user: Any,
    action: str,
    obj: models.Model | None = None,
    *,
    summary: str = "",
    changes: dict[str, Any] | None = None,
    object_type: str = "",
) -> AuditEntry:
    """The audit row of one action, not yet saved (for writers that save many at once)."""
    return AuditEntry(
        network=network,
        user=user if getattr(user, "is_authenticated", False) else None,
        action=action,
        object_type=object_type or (obj._meta.model_name if obj is not None else "") or "",
        object_id=obj.pk if obj is not None else None,
        summary=(summary or (str(obj) if obj is not None else ""))[:300],
        changes=changes or {},
    )


def log_action(
    network: Network | None,
    user: Any,
    action: str,
    obj: models.Model | None = None,
    *,
    summary: str = "",
    changes: dict[str, Any] | None = None,
    object_type: str = "",
) -> AuditEntry:
    entry = audit_entry(
        network, user, action, obj, summary=summary, changes=changes, object_type=object_type
    )
    entry.save()
    return entry


def save_form(network: Network, user: Any, form: ModelForm) -> models.Model:
    """Save a validated network form and record who changed which fields."""
    created = form.instance.pk is None
    with transaction.atomic():
        obj = form.save()
        changes = {name: _jsonable(form.cleaned_data.get(name)) for name in form.changed_data}
        log_action(network, user, "create" if created else "update", obj, changes=changes)
    return obj


def delete_object(network: Network, user: Any, obj: models.Model) -> None:
    with transaction.atomic():
        log_action(network, user, "delete", obj)
        obj.delete()
