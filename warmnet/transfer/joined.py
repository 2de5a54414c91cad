"""New members without a join date join on the day of their first attendance.

A member list often has no "member since" column.  Taking the day of the import as the
join date would make every imported history vanish from every earlier analysis (a
member counts only from the day they joined).  So a new member whose sheet gives no
join date joins on the first day they attended (or accepted) an activity in the import,
or today when they attended nothing; the preview says how many, and from when.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

import numpy as np
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import ngettext

from warmnet.activities.models import AttendanceStatus
from warmnet.transfer.plan import Planner
from warmnet.transfer.report import ImportReport

__all__ = ["join_on_first_attendance"]


def _activity_days(planner: Planner) -> dict[int, dt.date]:
    """Local day of every activity the plan knows (existing and new), by ref."""
    fields = planner.changes["activities"].fields
    at = fields.index("start")
    days: dict[int, dt.date] = {}
    for ref, row in enumerate(planner.existing.get("activities", [])):
        if row is not None and row[at] is not None:
            days[ref] = timezone.localtime(row[at], planner.tz).date()
    for ref, values in planner.changes["activities"].create:
        start = values[at]
        if isinstance(start, dt.datetime):
            days[ref] = timezone.localtime(start, planner.tz).date()
    return days


def join_on_first_attendance(
    planner: Planner, attendance: Any, report: ImportReport, place: str = ""
) -> None:
    """Give new members without a join date their first attendance day (in the plan), and
    note it in the report (under ``place``, the member files)."""
    refs = planner.joined_by_default
    changes = planner.changes.get("members")
    if not refs or changes is None or not changes.create:
        return
    first: dict[int, dt.date] = {}
    if attendance is not None and attendance.create_member.size:
        present = np.isin(
            attendance.create_status, [AttendanceStatus.ATTENDED, AttendanceStatus.ACCEPTED]
        ) & np.isin(attendance.create_member, list(refs))
        days = _activity_days(planner)
        for member, activity in zip(
            attendance.create_member[present].tolist(),
            attendance.create_activity[present].tolist(),
            strict=True,
        ):
            day = days.get(activity)
            if day is not None and (member not in first or day < first[member]):
                first[member] = day
    at = changes.fields.index("joined_on")
    moved, earliest = 0, None
    for i, (ref, values) in enumerate(changes.create):
        day = first.get(ref)
        if ref in refs and day is not None and day < values[at]:
            changes.create[i] = (ref, (*values[:at], day, *values[at + 1 :]))
            moved += 1
            earliest = day if earliest is None else min(earliest, day)
    stayed = sum(1 for ref, _values in changes.create if ref in refs) - moved
    if moved and earliest is not None:
        report.warnings.add(
            place,
            "",
            None,
            "",
            "",
            ngettext(
                "%(count)d new member has no join date: they join on the day of their first "
                "attendance (the earliest on %(day)s).",
                "%(count)d new members have no join date: each joins on the day of their first "
                "attendance (the earliest on %(day)s).",
                moved,
            )
            % {"count": moved, "day": date_format(earliest, "j F Y")},
        )
    if stayed:
        report.warnings.add(
            place,
            "",
            None,
            "",
            "",
            ngettext(
                "%(count)d new member has no join date and no attendance: they join today.",
                "%(count)d new members have no join date and no attendance: they join today.",
                stayed,
            )
            % {"count": stayed},
        )
