"""Writes to attendance: each in one transaction, each with an audit-log row."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from django.db import connection, transaction
from django.forms import ModelForm

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
    logs nothing when the status is unchanged.  Safe against a concurrent
    writer of the same cell: an existing row is locked before it is read, and a
    first save is an insert that lets the unique (activity, member) key decide,
    so two first saves never collide into an error: the one that comes second
    updates the row the first created.
    """
    _check_same_network(network, activity, member)
    if status is not None:
        status = int(AttendanceStatus(status))
    with transaction.atomic():
        cell = Attendance.objects.select_for_update().filter(activity=activity, member=member)
        current = cell.first()
        summary = f"{member} @ {activity}"
        while current is None and status is not None:
            pk = _insert_if_absent(network, activity, member, status)
            if pk is not None:
                network.bump_data_version()  # a raw insert sends no post_save
                created = Attendance(
                    pk=pk, network=network, activity=activity, member=member, status=status
                )
                changes = {"member": member.pk, "activity": activity.pk, "status": [None, status]}
                log_action(network, user, "create", created, summary=summary, changes=changes)
                return created
            # Another writer's first save of this cell committed first: lock theirs.
            current = cell.first()
        before = current.status if current is not None else None
        if before == status:
            return current
        changes = {"member": member.pk, "activity": activity.pk, "status": [before, status]}
        assert current is not None
        if status is None:
            log_action(network, user, "delete", current, summary=summary, changes=changes)
            current.delete()
            return None
        current.status = status
        current.save(update_fields=["status"])
        log_action(network, user, "update", current, summary=summary, changes=changes)
        return current


def _insert_if_absent(
    network: Network, activity: Activity, member: Member, status: int
) -> int | None:
    """Insert the cell unless it exists; its id, or ``None`` when it already existed.

    ``ON CONFLICT DO NOTHING`` waits for a concurrent insert of the same cell
    and yields to it once it commits, instead of failing on the unique key.
    """
    table = connection.ops.quote_name(Attendance._meta.db_table)
    insert = (
        f"INSERT INTO {table} (network_id, activity_id, member_id, status) "
        "VALUES (%s, %s, %s, %s) ON CONFLICT (activity_id, member_id) DO NOTHING"
    )
    params = [network.pk, activity.pk, member.pk, status]
    with connection.cursor() as cursor:
        if connection.features.can_return_rows_from_bulk_insert:
            cursor.execute(insert + " RETURNING id", params)
            row = cursor.fetchone()
            return None if row is None else int(row[0])
        cursor.execute(insert, params)  # SQLite before 3.35 has no RETURNING
        if cursor.rowcount != 1:
            return None
    found = Attendance.objects.filter(activity=activity, member=member).values_list("pk", flat=True)
    return found.get()


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
        # A concurrent first save of the same cell wins; the invitation is then moot.
        Attendance.objects.bulk_create(new, ignore_conflicts=True)
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
