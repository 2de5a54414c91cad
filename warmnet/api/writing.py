"""Writes through the API go through the pages' own forms and action functions.

A JSON body is turned into the form data a page would post, validated by the same
form (so the same rules hold: people of this network, a title once per day, the end
after the start) and saved by the same audit-logged action, in one transaction.  A
form's errors come back as a 422 in the API's error shape, naming the API's field.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from typing import Any

from django.forms import BaseForm
from django.utils.translation import gettext as _
from ninja.errors import ValidationError

from warmnet.activities.models import Activity, ActivityKind, Contact, ContactChannel
from warmnet.api.schemas.codes import value_of

__all__ = ["activity_data", "contact_data", "form_errors", "raise_for"]

#: The API's name for a form field where they differ.
API_NAMES = {
    "host_organisation": "host_organisation_id",
    "dossier": "dossier_id",
    "member_a": "member_a_id",
    "member_b": "member_b_id",
    "member": "member_id",
    "activity": "activity_id",
}


def _no_such(field: str, value: Any) -> str | None:
    """A clearer message than a select's "not one of the choices" for an id."""
    if field == "host_organisation":
        return _("There is no organisation with id %(id)s in this network.") % {"id": value}
    if field == "dossier":
        return _("There is no dossier with id %(id)s in this network.") % {"id": value}
    if field in ("member_a", "member_b", "member"):
        return _("There is no member with id %(id)s in this network.") % {"id": value}
    return None


def form_errors(form: BaseForm, prefix: tuple[str | int, ...] = ("body",)) -> list[dict[str, Any]]:
    errors = []
    for field, items in form.errors.get_json_data().items():
        loc = prefix if field == "__all__" else (*prefix, API_NAMES.get(field, field))
        for item in items:
            message = item["message"]
            if item.get("code") == "invalid_choice":
                message = _no_such(field, form.data.get(field)) or message
            errors.append({"type": item.get("code") or "invalid", "loc": list(loc), "msg": message})
    return errors


def raise_for(form: BaseForm) -> None:
    """Raise the form's errors as the API's 422 when it does not validate."""
    if not form.is_valid():
        raise ValidationError(form_errors(form))


def _id(value: int | None) -> str:
    return "" if value is None else str(value)


def _moment(value: dt.datetime) -> str:
    return value.isoformat()


def activity_data(given: Mapping[str, Any], instance: Activity | None = None) -> dict[str, str]:
    """Form data for ``ActivityForm``: the instance's current values (for a change) with
    the given fields over them.  A new start without a new end keeps the duration."""
    data: dict[str, str] = {}
    duration: int | None = None
    end: dt.datetime | None = None
    if instance is not None:
        data = {
            "title": instance.title,
            "kind": str(instance.kind),
            "start": _moment(instance.start),
            "location": instance.location,
            "host_organisation": _id(instance.host_organisation_id),
            "dossier": _id(instance.dossier_id),
            "relationship_share": ""
            if instance.relationship_share is None
            else repr(instance.relationship_share),
            "description": instance.description,
        }
        duration = instance.duration_minutes
    for name in ("title", "location", "description"):
        if name in given:
            data[name] = "" if given[name] is None else str(given[name])
    if "kind" in given:
        data["kind"] = "" if given["kind"] is None else str(value_of(ActivityKind, given["kind"]))
    if "host_organisation_id" in given:
        data["host_organisation"] = _id(given["host_organisation_id"])
    if "dossier_id" in given:
        data["dossier"] = _id(given["dossier_id"])
    if "relationship_share" in given:
        share = given["relationship_share"]
        data["relationship_share"] = "" if share is None else repr(float(share))
    start = given.get("start") or (instance.start if instance is not None else None)
    if "start" in given:
        data["start"] = "" if given["start"] is None else _moment(given["start"])
    if given.get("end") is not None:
        end = given["end"]
    elif given.get("duration_minutes") is not None:
        duration = given["duration_minutes"]
    if end is None and start is not None and duration is not None:
        end = start + dt.timedelta(minutes=duration)
    data["end"] = "" if end is None else _moment(end)
    return data


def contact_data(given: Mapping[str, Any], instance: Contact | None = None) -> dict[str, str]:
    """Form data for ``ContactForm``, as :func:`activity_data` for activities."""
    data: dict[str, str] = {}
    if instance is not None:
        data = {
            "member_a": str(instance.member_a_id),
            "member_b": str(instance.member_b_id),
            "date": instance.date.isoformat(),
            "channel": str(instance.channel),
            "note": instance.note,
        }
    for api_name, name in (("member_a_id", "member_a"), ("member_b_id", "member_b")):
        if api_name in given:
            data[name] = _id(given[api_name])
    if "date" in given:
        data["date"] = "" if given["date"] is None else given["date"].isoformat()
    if "channel" in given:
        channel = given["channel"]
        data["channel"] = "" if channel is None else str(value_of(ContactChannel, channel))
    if "note" in given:
        data["note"] = "" if given["note"] is None else str(given["note"])
    return data
