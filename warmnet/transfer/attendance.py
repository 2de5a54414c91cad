"""Attendance at scale: two million rows planned as arrays, not objects.

Each row becomes four numbers (activity ref, member ref, status, line), kept in
compact arrays; duplicates and the comparison with what the network already
holds are then done with numpy sorts and searches.  Members and activities are
looked up once per distinct spelling, so a sign-in sheet costs a dict hit per
cell.
"""

from __future__ import annotations

from array import array
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

import numpy as np
import numpy.typing as npt
from django.db import connection
from django.utils.translation import gettext as _

from warmnet.activities.models import Attendance, AttendanceStatus
from warmnet.transfer.labels import choice_table, fold, normal_key
from warmnet.transfer.plan import Planner
from warmnet.transfer.recognise import Layout
from warmnet.transfer.report import Counts
from warmnet.transfer.rows import RowReader, safe_rows
from warmnet.transfer.values import CellError, parse_date, text

__all__ = ["AttendancePlan", "plan_attendance"]

IntArray = npt.NDArray[np.int64]

_PRESENT = {"x", "1", "ja", "j", "yes", "y", "v", "aanwezig", "present", "attended", "ok"}
_CHECKMARKS = {"✓", "✔", "√", "☑", "+"}
# Marks that say "not there": in a matrix they mean the same as an empty cell.
_ABSENT = {"0", "nee", "no", "n", "afwezig", "absent", "-", ""}
_STATUS = choice_table(AttendanceStatus)


@dataclass
class AttendancePlan:
    counts: Counts = field(default_factory=Counts)
    create_activity: IntArray = field(default_factory=lambda: np.empty(0, np.int64))
    create_member: IntArray = field(default_factory=lambda: np.empty(0, np.int64))
    create_status: IntArray = field(default_factory=lambda: np.empty(0, np.int64))
    update_id: IntArray = field(default_factory=lambda: np.empty(0, np.int64))
    update_status: IntArray = field(default_factory=lambda: np.empty(0, np.int64))


def _status(cell: Any, *, matrix: bool) -> int | None:
    """The status a mark stands for; None for "nothing" (matrix only)."""
    raw = text(cell)
    if raw in _CHECKMARKS:
        return AttendanceStatus.ATTENDED
    folded = fold(raw)
    if folded in _PRESENT:
        return AttendanceStatus.ATTENDED
    if matrix and (folded in _ABSENT or raw in _ABSENT):
        return None
    if not matrix and not raw:
        return AttendanceStatus.ATTENDED
    found = _STATUS.get(raw, _STATUS.get(folded))
    if found is None:
        raise CellError(_("This mark is not understood; use X for present, or a status."))
    return found


class _Collector:
    """The rows read so far, as compact arrays."""

    def __init__(self) -> None:
        self.activity = array("q")
        self.member = array("q")
        self.status = array("b")
        self.line = array("q")
        self.table = array("q")
        self.tables: list[tuple[str, str]] = []

    def add(self, table: int, line: int, activity: int, member: int, status: int) -> None:
        self.activity.append(activity)
        self.member.append(member)
        self.status.append(status)
        self.line.append(line)
        self.table.append(table)


def plan_attendance(planner: Planner, layouts: Iterable[Layout]) -> AttendancePlan:
    rows = _Collector()
    for layout in layouts:
        rows.tables.append((layout.table.file, layout.table.sheet))
        if layout.matrix is None:
            _read_long(planner, layout, rows)
        else:
            _read_matrix(planner, layout, rows)
    return _compare(planner, rows)


def _picker(layout: Layout, *columns: str) -> Any:
    """A function giving the raw cells of ``columns`` in a row (None where absent)."""
    positions = [layout.columns.get(c) for c in columns]

    def pick(cells: list[Any]) -> tuple[Any, ...]:
        n = len(cells)
        return tuple(cells[i] if i is not None and i < n else None for i in positions)

    return pick


def _read_long(planner: Planner, layout: Layout, rows: _Collector) -> None:
    # The hot loop of a large import: each distinct spelling of a member, an activity or a
    # status is resolved once; a row then costs three dict hits and five appends.
    row = RowReader(layout, planner.errors)
    table = len(rows.tables) - 1
    pick = _picker(layout, "email", "member", "organisation", "activity", "date", "status")
    members: dict[tuple[Any, ...], tuple[int | None, str]] = {}
    activities: dict[tuple[Any, Any], tuple[int | None, str, str]] = {}
    statuses: dict[Any, int | str] = {}
    add_activity, add_member = rows.activity.append, rows.member.append
    add_status, add_line, add_table = rows.status.append, rows.line.append, rows.table.append
    for line, cells in safe_rows(layout, planner.errors):
        email, name, org, title, when, mark = pick(cells)
        who = (email, name, org)
        member = members.get(who)
        if member is None:
            member = members[who] = planner.find_member(text(email), text(name), text(org))
        activity = activities.get((title, when))
        if activity is None:
            activity = activities[(title, when)] = _find_activity(planner, text(title), when)
        status = statuses.get(mark)
        if status is None:
            try:
                status = _status(mark, matrix=False) or AttendanceStatus.INVITED
            except CellError as exc:
                status = exc.message
            statuses[mark] = status
        if member[1] or activity[2] or isinstance(status, str):
            row.start(line, cells)
            if member[1]:
                said = text(email) or text(name)
                row.error("email" if text(email) else "member", said, member[1])
            if activity[2]:
                column = activity[1]
                row.error(column, text(title if column == "activity" else when), activity[2])
            if isinstance(status, str):
                row.error("status", text(mark), status)
            continue
        add_activity(activity[0] or 0)
        add_member(member[0] or 0)
        add_status(status)
        add_line(line)
        add_table(table)


def _find_activity(planner: Planner, title: str, when: Any) -> tuple[int | None, str, str]:
    if not title:
        return None, "activity", _("This cell may not be empty.")
    if when is None or text(when) == "":
        return None, "date", _("This cell may not be empty.")
    try:
        day = parse_date(when)
    except CellError as exc:
        return None, "date", exc.message
    ref = planner.activities.by_key.get((normal_key(title), day))
    if ref is None:
        return None, "activity", _("There is no activity with this title on this date.")
    return ref, "", ""


def _read_matrix(planner: Planner, layout: Layout, rows: _Collector) -> None:
    assert layout.matrix is not None
    table = len(rows.tables) - 1
    file, sheet = rows.tables[-1]
    columns: list[tuple[int, int]] = []
    for column in layout.matrix:
        ref = planner.activities.by_key.get((normal_key(column.title), column.date))
        if ref is None:
            planner.errors.add(
                file,
                sheet,
                layout.header_line,
                column.header,
                column.header,
                _("There is no activity with this title on this date."),
            )
        else:
            columns.append((column.index, ref))
    if len(columns) < len(layout.matrix):
        return
    row = RowReader(layout, planner.errors)
    pick = _picker(layout, "email", "member", "organisation")
    marks: dict[Any, int | None] = {None: None}
    for line, cells in safe_rows(layout, planner.errors):
        row.start(line, cells)
        email, name, org = pick(cells)
        member, problem = planner.find_member(text(email), text(name), text(org))
        if problem:
            row.error("email" if text(email) else "member", text(email) or text(name), problem)
        for index, activity in columns:
            cell = cells[index] if index < len(cells) else None
            try:
                status = marks[cell] if cell in marks else _status(cell, matrix=True)
            except CellError as exc:
                header = layout.headers[index]
                planner.errors.add(file, sheet, line, header, text(cell), exc.message)
                row.ok = False
                continue
            marks[cell] = status
            if status is not None and member is not None:
                rows.add(table, line, activity, member, status)


def _existing(planner: Planner) -> tuple[IntArray, IntArray, IntArray]:
    """The network's attendance as (key, id, status), sorted by key."""
    table = connection.ops.quote_name(Attendance._meta.db_table)
    ids, keys, statuses = array("q"), array("q"), array("q")
    activity_ref = _ref_lookup(planner.activities.ref_of_id)
    member_ref = _ref_lookup(planner.members.ref_of_id)
    n_members = len(planner.members.ids)
    with connection.cursor() as cursor:
        cursor.execute(
            f"SELECT id, activity_id, member_id, status FROM {table} WHERE network_id = %s",
            [planner.network.pk],
        )
        while batch := cursor.fetchmany(50_000):
            chunk = np.array(batch, dtype=np.int64).reshape(-1, 4)
            ids.extend(chunk[:, 0].tolist())
            keys.extend((activity_ref(chunk[:, 1]) * n_members + member_ref(chunk[:, 2])).tolist())
            statuses.extend(chunk[:, 3].tolist())
    key = np.frombuffer(keys, dtype=np.int64) if keys else np.empty(0, np.int64)
    order = np.argsort(key, kind="stable")
    return (
        key[order],
        np.asarray(ids, dtype=np.int64)[order],
        np.asarray(statuses, dtype=np.int64)[order],
    )


def _ref_lookup(ref_of_id: dict[int, int]) -> Any:
    ids = np.fromiter(ref_of_id.keys(), dtype=np.int64, count=len(ref_of_id))
    refs = np.fromiter(ref_of_id.values(), dtype=np.int64, count=len(ref_of_id))
    order = np.argsort(ids)
    ids, refs = ids[order], refs[order]

    def lookup(values: IntArray) -> IntArray:
        return refs[np.searchsorted(ids, values)]

    return lookup


def _compare(planner: Planner, rows: _Collector) -> AttendancePlan:
    plan = AttendancePlan()
    if not rows.activity:
        return plan
    n_members = len(planner.members.ids)
    activity = np.frombuffer(rows.activity, dtype=np.int64)
    member = np.frombuffer(rows.member, dtype=np.int64)
    status = np.frombuffer(rows.status, dtype=np.int8).astype(np.int64)
    key = activity * n_members + member
    order = np.argsort(key, kind="stable")
    sorted_key = key[order]
    same = sorted_key[1:] == sorted_key[:-1]
    clash = same & (status[order][1:] != status[order][:-1])
    for position in np.flatnonzero(clash)[:10_000]:
        first, second = order[position], order[position + 1]
        file, sheet = rows.tables[rows.table[second]]
        first_file, _sheet = rows.tables[rows.table[first]]
        planner.errors.add(
            file,
            sheet,
            int(rows.line[second]),
            "",
            "",
            _("This attendance is also on line %(line)s of %(file)s, with another status.")
            % {"line": rows.line[first], "file": first_file},
        )
    # identical repeats (the same person on two copies of a sheet) count once
    keep = order[np.concatenate([[True], ~same])]
    key, activity, member, status = key[keep], activity[keep], member[keep], status[keep]

    old_key, old_id, old_status = _existing(planner)
    position = np.searchsorted(old_key, key)
    inside = position < old_key.size
    found = np.zeros(key.size, dtype=bool)
    found[inside] = old_key[position[inside]] == key[inside]
    changed = found.copy()
    changed[found] = old_status[position[found]] != status[found]
    new = ~found
    plan.create_activity, plan.create_member = activity[new], member[new]
    plan.create_status = status[new]
    plan.update_id = old_id[position[changed]]
    plan.update_status = status[changed]
    plan.counts = Counts(
        created=int(new.sum()),
        updated=int(changed.sum()),
        unchanged=int(found.sum() - changed.sum()),
    )
    return plan
