"""Writes to attendance: each in one transaction, each with an audit-log row."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from django.db import transaction
from django.forms import ModelForm

from warmnet.activities.events import members_invited
from warmnet.activities.models import Activity, Attendance, AttendanceStatus
from warmnet.network.actions import log_action, save_form
from warmnet.network.models import Member, Network

__all__ = ["invite_members", "plan_activity", "record_attendance"]


def _check_same_network(network: Network, *objects: Activity | Member) -> None:
    for obj in objects:
        if obj.network_id != network.pk:
            raise ValueError(f"{obj._meta.model_name} {obj.pk} is not of network {network.pk}")


def record_attendance(
    network: Network,
    user: Any,
    activity: Activity,
    member: Member,
    status: int | None,
) -> Attendance | None:
    """Set one member's status at one activity; ``None`` removes the row.

    Returns the attendance row (``None`` once removed).  Writes nothing and
    logs nothing when the status is unchanged.
    """
    _check_same_network(network, activity, member)
    if status is not None:
        status = int(AttendanceStatus(status))
    with transaction.atomic():
        current = (
            Attendance.objects.select_for_update().filter(activity=activity, member=member).first()
        )
        before = current.status if current is not None else None
        if before == status:
            return current
        summary = f"{member} @ {activity}"
        changes = {"member": member.pk, "activity": activity.pk, "status": [before, status]}
        if status is None:
            assert current is not None
            log_action(network, user, "delete", current, summary=summary, changes=changes)
            current.delete()
            return None
        if current is None:
            current = Attendance.objects.create(
                network=network, activity=activity, member=member, status=status
            )
            action = "create"
        else:
            current.status = status
            current.save(update_fields=["status"])
            action = "update"
        log_action(network, user, action, current, summary=summary, changes=changes)
        return current


def invite_members(
    network: Network, user: Any, activity: Activity, members: Iterable[Member]
) -> int:
    """Invite members who have no attendance row for the activity yet; returns how many."""
    members = list(members)
    _check_same_network(network, activity, *members)
    with transaction.atomic():
        already = set(
            Attendance.objects.filter(activity=activity, member__in=members).values_list(
                "member_id", flat=True
            )
        )
        new = [
            Attendance(network=network, activity=activity, member=m)
            for m in members
            if m.pk not in already
        ]
        Attendance.objects.bulk_create(new)
        if new:
            # bulk_create sends no post_save, so the data version is bumped here.
            network.bump_data_version()
            log_action(
                network,
                user,
                "invite",
                activity,
                summary=f"{len(new)} invited: {activity}",
                changes={"members": [a.member_id for a in new]},
            )
            members_invited.send(
                sender=Activity,
                activity=activity,
                members=[m for m in members if m.pk not in already],
                user=user,
            )
    return len(new)


def plan_activity(
    network: Network, user: Any, form: ModelForm, invitees: Iterable[Member]
) -> tuple[Activity, int]:
    """Save a planned activity and invite people to it, all or nothing; returns the
    activity and how many were invited."""
    with transaction.atomic():
        activity = save_form(network, user, form)
        assert isinstance(activity, Activity)
        invited = invite_members(network, user, activity, invitees)
    return activity, invited
