"""Writes of the programme: what became of a suggestion or signal, a member's answer."""

from __future__ import annotations

from typing import Any

from django.db import transaction
from django.utils import timezone

from warmnet.activities.actions import record_attendance
from warmnet.activities.models import Activity, Attendance, AttendanceStatus
from warmnet.network.actions import log_action
from warmnet.network.models import Member, Network
from warmnet.programme.models import (
    CalendarKey,
    SignalAcknowledgement,
    SuggestionRecord,
    SuggestionState,
)
from warmnet.programme.offers import Offer

__all__ = [
    "ANSWERABLE",
    "acknowledge_signal",
    "answer_invitation",
    "dismiss_suggestion",
    "record_planned",
    "reopen_suggestion",
    "revoke_feeds",
]

#: Statuses a member may change by answering; "attended" is the coordinator's to record.
ANSWERABLE = (AttendanceStatus.INVITED, AttendanceStatus.ACCEPTED, AttendanceStatus.DECLINED)


def _record(network: Network, user: Any, offer: Offer, **fields: Any) -> SuggestionRecord:
    s = offer.suggestion
    return SuggestionRecord.objects.create(
        network=network,
        key=offer.key,
        kind=s.type.value,
        reason={"key": s.reason.key, "params": dict(s.reason.params)},
        decided_by=user if getattr(user, "is_authenticated", False) else None,
        decided_at=timezone.now(),
        **fields,
    )


def record_planned(
    network: Network, user: Any, offer: Offer, activity: Activity, member_ids: list[int]
) -> SuggestionRecord:
    with transaction.atomic():
        record = _record(
            network,
            user,
            offer,
            state=SuggestionState.PLANNED,
            activity=activity,
            invitee_ids=member_ids,
        )
        log_action(network, user, "plan", record, summary=f"{offer.suggestion.type.value}")
    return record


def dismiss_suggestion(network: Network, user: Any, offer: Offer, reason: str) -> SuggestionRecord:
    with transaction.atomic():
        record = _record(
            network, user, offer, state=SuggestionState.DISMISSED, dismiss_reason=reason
        )
        log_action(network, user, "dismiss", record, summary=f"{record.kind}: {reason}")
    return record


def reopen_suggestion(network: Network, user: Any, record: SuggestionRecord) -> None:
    """Offer a dismissed suggestion again (a newer open record overrides it)."""
    with transaction.atomic():
        reopened = SuggestionRecord.objects.create(
            network=network,
            key=record.key,
            kind=record.kind,
            state=SuggestionState.OPEN,
            reason=record.reason,
            decided_by=user,
            decided_at=timezone.now(),
        )
        log_action(network, user, "reopen", reopened, summary=record.kind)


def acknowledge_signal(network: Network, user: Any, key: str, fingerprint: str) -> None:
    with transaction.atomic():
        SignalAcknowledgement.objects.update_or_create(
            network=network,
            key=key,
            defaults={"fingerprint": fingerprint, "by": user, "at": timezone.now()},
        )
        log_action(network, user, "acknowledge", None, object_type="signal", summary=key)


def answer_invitation(member: Member, activity: Activity, coming: bool, user: Any) -> int | None:
    """A member's own answer: accepted or declined.  Returns the new status, or ``None``
    when there is nothing to answer (not invited, or attendance already recorded)."""
    current = (
        Attendance.objects.filter(activity=activity, member=member)
        .values_list("status", flat=True)
        .first()
    )
    if current is None or current not in ANSWERABLE:
        return None
    status = AttendanceStatus.ACCEPTED if coming else AttendanceStatus.DECLINED
    record_attendance(activity.network, user, activity, member, status)
    return int(status)


def revoke_feeds(member: Member) -> int:
    """New calendar-feed links for the member; the old ones stop working."""
    with transaction.atomic():
        key, created = CalendarKey.objects.select_for_update().get_or_create(member=member)
        key.version = 2 if created else key.version + 1
        key.save(update_fields=["version"])
        log_action(member.network, member.user, "revoke", member, summary="calendar feed")
    return key.version
