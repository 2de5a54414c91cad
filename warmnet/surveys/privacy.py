"""A person's survey participation, for their GDPR/AVG access export and erasure.

Participation is what the invitations hold: which rounds a member was invited to, when,
how many reminders they got, and whether they answered.  *What* they answered is not
theirs to export, because nothing links an answer to anyone: it cannot be found, so it
can neither be exported nor erased, and erasing a person leaves the anonymous answers
as they are.
"""

from __future__ import annotations

from typing import Any

from django.db import transaction

from warmnet.network.models import Member
from warmnet.surveys.models import Invitation

__all__ = ["erase_participation", "participation_of"]


def participation_of(member: Member) -> list[dict[str, Any]]:
    """One plain row per survey round ``member`` was invited to (for the access export)."""
    rows = (
        Invitation.objects.filter(member=member)
        .select_related("round")
        .order_by("round__opens_on", "round_id")
    )
    return [
        {
            "survey_round": inv.round.title,
            "opens_on": inv.round.opens_on.isoformat(),
            "closes_on": inv.round.closes_on.isoformat(),
            "invited_on": inv.invited_on.isoformat(),
            "language": inv.language,
            "reminders": inv.reminders,
            "answered": inv.responded,
            "answers": "not linked to the person; see docs/survey.md",
        }
        for inv in rows
    ]


def erase_participation(member: Member) -> int:
    """Delete ``member``'s invitations and unused links; their anonymous answers stay
    (they cannot be told apart from anyone else's).  Returns invitations deleted."""
    with transaction.atomic():
        deleted, _per_model = Invitation.objects.filter(member=member).delete()
    return deleted
