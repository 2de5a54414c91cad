"""Access and erasure requests for one person (GDPR/AVG articles 15, 17 and 20).

``export_person`` gathers every registered section about a member as one readable
JSON document; ``erase_person`` runs every section's eraser, scrubs the name and
e-mail from the audit log and the network's free texts, closes the login account
when no other network uses it, and records that an erasure took place — without
the erased data.
"""

from __future__ import annotations

import datetime as dt
import json
from typing import Any

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from warmnet.network.actions import log_action
from warmnet.network.models import Member, Role
from warmnet.privacy.registry import sections
from warmnet.privacy.sections import erase_account, scrub

__all__ = ["ErasureRefused", "erase_person", "export_json", "export_person", "pseudonym_for"]


class ErasureRefused(Exception):
    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message


def export_person(member: Member, *, now: dt.datetime | None = None) -> dict[str, Any]:
    return {
        "format": "warmnet-personal-data/1",
        "exported_at": (now or timezone.now()).isoformat(),
        "network": member.network.name,
        "member_id": member.pk,
        "sections": {
            section.key: {"title": str(section.title), "data": section.export(member)}
            for section in sections()
        },
    }


def export_json(members: list[Member]) -> bytes:
    """One member's (or one person's several memberships') export as a UTF-8 file."""
    now = timezone.now()
    document: Any = (
        export_person(members[0], now=now)
        if len(members) == 1
        else {"memberships": [export_person(m, now=now) for m in members]}
    )
    return json.dumps(document, ensure_ascii=False, indent=2).encode()


def pseudonym_for(member: Member) -> str:
    return _("Erased member %(number)s") % {"number": member.pk}


def _last_coordinator(member: Member) -> bool:
    if member.role != Role.COORDINATOR:
        return False
    others = Member.objects.filter(
        network=member.network, role=Role.COORDINATOR, left_on__isnull=True, user__isnull=False
    ).exclude(pk=member.pk)
    return not others.exists()


def erase_person(member: Member, by: Any) -> str:
    """Erase ``member``'s personal data; returns the pseudonym left in its place."""
    if _last_coordinator(member):
        raise ErasureRefused(
            _("This is the network's last coordinator: appoint another coordinator first.")
        )
    pseudonym = pseudonym_for(member)
    needles = [member.name, member.email]
    user = member.user
    if user is not None:
        needles += [user.email, user.get_username()]
        needles += [f"{user.first_name} {user.last_name}".strip()]
    with transaction.atomic():
        for section in sections():
            section.erase(member, pseudonym)
        scrub(member, needles, pseudonym)
        if user is not None and not user.memberships.exists():
            erase_account(user)
        log_action(
            member.network,
            by,
            "erase",
            member,
            summary=pseudonym,
            changes={"erased": [s.key for s in sections()]},
        )
    return pseudonym
