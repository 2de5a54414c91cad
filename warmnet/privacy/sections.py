"""The personal data Warmnet itself keeps about a member, section by section.

Erasure keeps the network's history countable: the member stays as a pseudonym
(their organisation, role and dates, their attendance and contacts still count in
analyses) while their name, e-mail, notes, login account and every mention of
their name or e-mail in the audit log and in the network's free texts are gone.
"""

from __future__ import annotations

from typing import Any

from axes.models import AccessAttempt, AccessFailureLog, AccessLog
from django.db.models import Q, TextField
from django.db.models.functions import Cast
from django.utils.translation import gettext_lazy as _
from django_otp import devices_for_user

from warmnet.activities.models import Activity, Attendance, Contact
from warmnet.dossiers.models import Dossier, HardMoment, Point, Position
from warmnet.network.models import AuditEntry, Member
from warmnet.privacy.registry import Section, register

__all__ = ["register_core_sections", "scrub"]


def _day(value: Any) -> str | None:
    return value.isoformat() if value is not None else None


# -- membership -------------------------------------------------------------------------


def _export_membership(member: Member) -> dict[str, Any]:
    return {
        "network": member.network.name,
        "name": member.name,
        "email": member.email,
        "organisation": member.organisation.name,
        "role": str(member.get_role_display()),
        "joined_on": _day(member.joined_on),
        "left_on": _day(member.left_on),
    }


def _erase_membership(member: Member, pseudonym: str) -> None:
    member.name = pseudonym
    member.email = ""
    member.user = None
    member.save(update_fields=["name", "email", "user"])


# -- attendance, contacts, positions -----------------------------------------------------


def _export_attendance(member: Member) -> list[dict[str, Any]]:
    rows = (
        Attendance.objects.filter(member=member)
        .select_related("activity")
        .order_by("activity__start")
    )
    return [
        {
            "activity": a.activity.title,
            "start": a.activity.start.isoformat(),
            "status": str(a.get_status_display()),
        }
        for a in rows
    ]


def _erase_nothing(member: Member, pseudonym: str) -> None:
    """Attendance stays, tied to the pseudonym, so the history keeps its person-hours."""


def _export_contacts(member: Member) -> list[dict[str, Any]]:
    rows = (
        Contact.objects.filter(Q(member_a=member) | Q(member_b=member))
        .select_related("member_a", "member_b")
        .order_by("date")
    )
    return [
        {
            "with": (c.member_b if c.member_a_id == member.pk else c.member_a).name,
            "date": _day(c.date),
            "channel": str(c.get_channel_display()),
            "note": c.note,
        }
        for c in rows
    ]


def _erase_contacts(member: Member, pseudonym: str) -> None:
    Contact.objects.filter(Q(member_a=member) | Q(member_b=member)).update(note="")


def _export_positions(member: Member) -> list[dict[str, Any]]:
    rows = Position.objects.filter(member=member).select_related("point").order_by("date")
    return [
        {
            "point": p.point.title,
            "stance": str(p.get_stance_display()),
            "date": _day(p.date),
            "note": p.note,
        }
        for p in rows
    ]


def _erase_positions(member: Member, pseudonym: str) -> None:
    Position.objects.filter(member=member).update(note="")


# -- the audit log ------------------------------------------------------------------------


def _about(member: Member) -> Q:
    about = Q(object_type="member", object_id=member.pk)
    if member.user_id is not None:
        about |= Q(user_id=member.user_id)
    return about


def _export_audit(member: Member) -> list[dict[str, Any]]:
    entries = AuditEntry.objects.filter(_about(member), network=member.network).order_by("at")
    return [
        {
            "at": e.at.isoformat(),
            "action": e.action,
            "object_type": e.object_type,
            "summary": e.summary,
            "changes": e.changes,
            "by_this_person": e.user_id is not None and e.user_id == member.user_id,
        }
        for e in entries
    ]


def _replace(value: Any, needles: list[str], pseudonym: str) -> Any:
    if isinstance(value, str):
        for needle in needles:
            if needle and needle.casefold() in value.casefold():
                value = _replace_ci(value, needle, pseudonym)
        return value
    if isinstance(value, list):
        return [_replace(v, needles, pseudonym) for v in value]
    if isinstance(value, dict):
        return {k: _replace(v, needles, pseudonym) for k, v in value.items()}
    return value


def _replace_ci(text: str, needle: str, replacement: str) -> str:
    lowered, target = text.casefold(), needle.casefold()
    if len(lowered) != len(text):  # casefold changed lengths (ß): fall back to exact
        return text.replace(needle, replacement)
    out, start = [], 0
    while (found := lowered.find(target, start)) >= 0:
        out.append(text[start:found])
        out.append(replacement)
        start = found + len(needle)
    out.append(text[start:])
    return "".join(out)


def scrub(member: Member, needles: list[str], pseudonym: str) -> None:
    """Replace the member's name and e-mail wherever the network's audit log and free
    texts hold them, and the member's own audit entries' change records entirely."""
    needles = [n for n in needles if n and n.strip()]
    if not needles:
        return
    network = member.network
    mention = Q()
    for needle in needles:
        mention |= Q(summary__icontains=needle) | Q(changes_text__icontains=needle)
    entries = AuditEntry.objects.filter(network=network).annotate(
        changes_text=Cast("changes", TextField())
    )
    for entry in entries.filter(mention | Q(object_type="member", object_id=member.pk)):
        entry.summary = _replace(entry.summary, needles, pseudonym)[:300]
        if entry.object_type == "member" and entry.object_id == member.pk:
            entry.summary = pseudonym
            entry.changes = {key: "—" for key in entry.changes}
        else:
            entry.changes = _replace(entry.changes, needles, pseudonym)
        entry.save(update_fields=["summary", "changes"])
    texts: list[tuple[Any, list[str]]] = [
        (Activity, ["title", "description", "location"]),
        (Contact, ["note"]),
        (Position, ["note"]),
        (Point, ["title", "description"]),
        (Dossier, ["description"]),
        (HardMoment, ["title", "description"]),
    ]
    for model, fields in texts:
        condition = Q()
        for name in fields:
            for needle in needles:
                condition |= Q(**{f"{name}__icontains": needle})
        for obj in model.objects.filter(condition, network=network):
            for name in fields:
                setattr(obj, name, _replace(getattr(obj, name), needles, pseudonym))
            obj.save(update_fields=fields)


def _erase_audit(member: Member, pseudonym: str) -> None:
    # Done by erase_person with the name and e-mail as they were (see actions.py).
    pass


# -- the login account ---------------------------------------------------------------------


def _export_account(member: Member) -> dict[str, Any] | None:
    user = member.user
    if user is None:
        return None
    return {
        "username": user.get_username(),
        "email": user.email,
        "first_name": user.first_name,
        "last_name": user.last_name,
        "date_joined": user.date_joined.isoformat(),
        "last_login": user.last_login.isoformat() if user.last_login else None,
        "two_factor_devices": [d.name for d in devices_for_user(user, confirmed=None)],
    }


def erase_account(user: Any) -> None:
    """Pseudonymise and close a login account that no membership uses any more."""
    username = user.get_username()
    AccessAttempt.objects.filter(username=username).delete()
    AccessFailureLog.objects.filter(username=username).delete()
    AccessLog.objects.filter(username=username).delete()
    for device in devices_for_user(user, confirmed=None):
        device.delete()
    user.username = f"erased-{user.pk}"
    user.email = ""
    user.first_name = ""
    user.last_name = ""
    user.is_active = False
    user.set_unusable_password()
    user.save()


def _erase_account(member: Member, pseudonym: str) -> None:
    # Done by erase_person, after the membership no longer points at the account.
    pass


def register_core_sections() -> None:
    register(Section("membership", _("Membership"), _export_membership, _erase_membership))
    register(Section("attendance", _("Attendance"), _export_attendance, _erase_nothing))
    register(Section("contacts", _("1:1 contacts"), _export_contacts, _erase_contacts))
    register(Section("positions", _("Positions"), _export_positions, _erase_positions))
    register(Section("audit", _("Audit log entries"), _export_audit, _erase_audit))
    register(Section("account", _("Login account"), _export_account, _erase_account))
