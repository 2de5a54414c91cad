"""Writes to attendance: each in one transaction, each with an audit-log row."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Sequence
from typing import Any

from django.db import connection, transaction
from django.forms import ModelForm

from warmnet.activities.events import members_invited
from warmnet.activities.models import Activity, Attendance, AttendanceStatus
from warmnet.network.actions import audit_entry, log_action, save_form
from warmnet.network.models import AuditEntry, Member, Network

__all__ = ["invite_members", "plan_activity", "record_attendance", "record_grid"]


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


Key = tuple[int, int]  # (activity id, member id)
_PAIRS = 200  # cells per statement: well within every database's limit on parameters


def record_grid(
    network: Network, user: Any, cells: Iterable[tuple[Activity, Member, int | None]]
) -> int:
    """Set many cells of the attendance grid at once, all or nothing; how many changed.

    A few statements however many cells, always in one order (activity, then
    member): the rows that exist are locked first, the missing ones inserted
    with the unique key as arbiter (a cell another writer created meanwhile is
    locked and updated instead), then one update per status, one delete, and
    the audit rows in one insert.  Two grids saved at once that share cells wait
    for each other instead of deadlocking.
    """
    wanted: dict[Key, tuple[Activity, Member, int | None]] = {}
    for activity, member, status in cells:
        _check_same_network(network, activity, member)
        value = None if status is None else int(AttendanceStatus(status))
        wanted[(activity.pk, member.pk)] = (activity, member, value)
    keys = sorted(wanted)
    if not keys:
        return 0
    with transaction.atomic():
        stored = _lock_cells(network, keys)
        pending = [k for k in keys if k not in stored and wanted[k][2] is not None]
        created: dict[Key, int] = {}
        while pending:
            inserted = _insert_cells(network, [(k, wanted[k][2]) for k in pending])
            created.update(inserted)
            # Cells another writer created meanwhile: lock theirs and update it (and
            # should one be gone again by then, insert it on the next round).
            raced = [k for k in pending if k not in inserted]
            found = _lock_cells(network, raced) if raced else {}
            stored.update(found)
            pending = [k for k in raced if k not in found]
        entries: list[AuditEntry] = []
        updates: dict[int, list[int]] = defaultdict(list)
        deletes: list[int] = []
        for key in keys:
            activity, member, status = wanted[key]
            if key in created:
                pk, before, action = created[key], None, "create"
            else:
                pk, before = stored.get(key, (0, None))
                if before == status:
                    continue
                action = "delete" if status is None else "update"
                (deletes if status is None else updates[int(status)]).append(pk)
            entries.append(
                audit_entry(
                    network,
                    user,
                    action,
                    Attendance(pk=pk),
                    summary=f"{member} @ {activity}",
                    changes={
                        "member": member.pk,
                        "activity": activity.pk,
                        "status": [before, status],
                    },
                )
            )
        for status, ids in updates.items():
            Attendance.objects.filter(pk__in=ids).update(status=status)
        if deletes:
            Attendance.objects.filter(pk__in=deletes).delete()
        AuditEntry.objects.bulk_create(entries)
        if entries:
            network.bump_data_version()  # bulk statements send no signals
    return len(entries)


def _batches(keys: Sequence[Any]) -> Iterable[Sequence[Any]]:
    for start in range(0, len(keys), _PAIRS):
        yield keys[start : start + _PAIRS]


def _lock_cells(network: Network, keys: Sequence[Key]) -> dict[Key, tuple[int, int]]:
    """The existing rows of ``keys``, locked in key order: key -> (id, status)."""
    table = connection.ops.quote_name(Attendance._meta.db_table)
    lock = " FOR UPDATE" if connection.features.has_select_for_update else ""
    found: dict[Key, tuple[int, int]] = {}
    with connection.cursor() as cursor:
        for batch in _batches(keys):
            pairs = ", ".join(["(%s, %s)"] * len(batch))
            cursor.execute(
                f"SELECT id, activity_id, member_id, status FROM {table} "
                f"WHERE network_id = %s AND (activity_id, member_id) IN (VALUES {pairs}) "
                f"ORDER BY activity_id, member_id{lock}",
                [network.pk, *(v for key in batch for v in key)],
            )
            for pk, activity_id, member_id, status in cursor.fetchall():
                found[(activity_id, member_id)] = (pk, status)
    return found


def _insert_cells(network: Network, items: Sequence[tuple[Key, int | None]]) -> dict[Key, int]:
    """Insert the cells that do not exist; key -> id of those this call inserted."""
    table = connection.ops.quote_name(Attendance._meta.db_table)
    returning = connection.features.can_return_rows_from_bulk_insert
    inserted: dict[Key, int] = {}
    with connection.cursor() as cursor:
        for batch in _batches(items):
            rows = ", ".join(["(%s, %s, %s, %s)"] * len(batch))
            cursor.execute(
                f"INSERT INTO {table} (network_id, activity_id, member_id, status) "
                f"VALUES {rows} ON CONFLICT (activity_id, member_id) DO NOTHING"
                + (" RETURNING id, activity_id, member_id" if returning else ""),
                [v for (a, m), s in batch for v in (network.pk, a, m, s)],
            )
            if returning:
                inserted.update({(a, m): pk for pk, a, m in cursor.fetchall()})
    if not returning:  # SQLite before 3.35: one writer at a time, so all are this call's
        inserted = {k: pk for k, (pk, _s) in _lock_cells(network, [k for k, _s in items]).items()}
    return inserted


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
