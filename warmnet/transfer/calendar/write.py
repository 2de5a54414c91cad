"""Carry out a calendar plan inside the caller's transaction."""

from __future__ import annotations

from collections import defaultdict

from django.db import connection

from warmnet.activities.models import Activity, Attendance
from warmnet.transfer.calendar.plan import CalendarPlan

__all__ = ["write_calendar_plan"]

BATCH = 500


def write_calendar_plan(plan: CalendarPlan) -> None:
    _write_activities(plan)
    _write_attendance(plan)


def _write_activities(plan: CalendarPlan) -> None:
    new = [activity for _row, activity in plan.create]
    if connection.features.can_return_rows_from_bulk_insert:
        Activity.objects.bulk_create(new, batch_size=BATCH)
    else:
        for activity in new:
            activity.save()
    for row, activity in plan.create:
        row.activity = activity
    groups: dict[tuple[str, ...], list[Activity]] = defaultdict(list)
    for activity, changed in plan.update:
        groups[tuple(sorted(changed))].append(activity)
    for names, activities in groups.items():
        Activity.objects.bulk_update(activities, list(names), batch_size=BATCH)


def _write_attendance(plan: CalendarPlan) -> None:
    rows = []
    for row, member_id, status in plan.attend:
        assert row.activity is not None and row.activity.pk is not None
        rows.append(
            Attendance(
                network=plan.network, activity=row.activity, member_id=member_id, status=status
            )
        )
    Attendance.objects.bulk_create(rows, batch_size=BATCH)
    by_status: dict[int, list[int]] = defaultdict(list)
    for pk, status in plan.restatus:
        by_status[status].append(pk)
    for status, pks in by_status.items():
        for start in range(0, len(pks), BATCH):
            Attendance.objects.filter(pk__in=pks[start : start + BATCH]).update(status=status)
