"""The calendar import as one action: read, plan, and write only when all is well.

``import_calendar`` is what the web page and ``warmnet import SLUG FILE.ics``
both call.  It never raises for bad input: every problem ends up in the returned
report, with its file, event, line and field.
"""

from __future__ import annotations

import datetime as dt
import time
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from django.conf import settings
from django.db import DatabaseError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from warmnet.activities.models import Activity, Attendance
from warmnet.network.actions import log_action
from warmnet.network.models import Network
from warmnet.transfer.calendar.events import CalendarEvent, Limits
from warmnet.transfer.calendar.plan import CalendarPlan, plan_calendar
from warmnet.transfer.calendar.reader import read_calendar
from warmnet.transfer.calendar.write import write_calendar_plan
from warmnet.transfer.report import ImportReport, Problem

__all__ = ["CalendarReport", "import_calendar", "is_calendar_file", "limits"]


def is_calendar_file(name: str) -> bool:
    return name.lower().endswith((".ics", ".ical", ".ifb", ".icalendar"))


def limits(today: dt.date) -> Limits:
    return Limits(
        today=today,
        max_events=settings.WARMNET_CALENDAR_MAX_EVENTS,
        horizon_days=settings.WARMNET_CALENDAR_HORIZON_DAYS,
    )


@dataclass
class CalendarReport(ImportReport):
    plan: CalendarPlan | None = None

    def place(self, problem: Problem) -> str:
        parts = [problem.file]
        if problem.sheet:
            parts.append(_("event “%(event)s”") % {"event": problem.sheet})
        if problem.line is not None:
            parts.append(_("line %(line)s") % {"line": problem.line})
        if problem.column:
            parts.append(_("field %(field)s") % {"field": problem.column})
        return ", ".join(parts)

    def as_text(self) -> str:
        if self.errors:
            lines = [
                _("%(count)s problem(s) found; nothing was saved.") % {"count": self.errors.total}
            ]
            for p in self.errors.kept:
                value = f" {p.value!r}" if p.value else ""
                lines.append(f"  {self.place(p)}:{value} {p.reason}")
            hidden = self.errors.total - len(self.errors.kept)
            if hidden:
                lines.append("  " + _("… and %(count)s more.") % {"count": hidden})
            return "\n".join(lines)
        lines = [_("Dry run, nothing saved:") if self.dry_run else _("Imported:")]
        for label, c in self.rows():
            lines.append(
                "  "
                + _("%(entity)s: %(created)s new, %(updated)s updated, %(unchanged)s unchanged")
                % {
                    "entity": label,
                    "created": c.created,
                    "updated": c.updated,
                    "unchanged": c.unchanged,
                }
            )
        if self.plan is not None:
            lines.append(_("Events:"))
            lines.extend("  " + _event_line(row) for row in self.plan.rows)
            unmatched = self.plan.unmatched()
            if unmatched:
                lines.append(_("Attendees who are not members of the network:"))
                for email, name, events in unmatched:
                    who = f"{name} <{email}>" if name else email
                    lines.append(
                        "  "
                        + ngettext(
                            "%(who)s (%(count)s event)", "%(who)s (%(count)s events)", events
                        )
                        % {"who": who, "count": events}
                    )
        for warning in self.warnings.kept:
            lines.append(_("Note: %(place)s: %(reason)s") % {
                "place": self.place(warning), "reason": warning.reason
            })  # fmt: skip
        return "\n".join(lines)


def _event_line(row: Any) -> str:
    event = row.event
    when = timezone.localtime(event.start)
    moment = f"{when:%d-%m-%Y}" + ("" if event.all_day else f" {when:%H:%M}")
    state = {
        "new": _("new"),
        "updated": _("updated"),
        "unchanged": _("unchanged"),
        "cancelled": _("cancelled, not imported"),
        "skipped": _("not imported"),
    }[row.state]
    parts = [f"{moment}  {row.title}", state]
    if row.kind is not None:
        parts.append(f"{row.kind_label} ({row.kind_note})")
    if row.matched:
        count = len(row.matched)
        parts.append(ngettext("%(count)s member", "%(count)s members", count) % {"count": count})
    if row.unmatched:
        parts.append(
            _("not in the network: %(emails)s")
            % {"emails": ", ".join(p.email for p in row.unmatched)}
        )
    parts.extend(row.notes)
    return " — ".join(parts)


def import_calendar(
    network: Network,
    files: Sequence[tuple[Path, str]],
    *,
    user: Any = None,
    dry_run: bool = False,
    today: dt.date | None = None,
    choices: dict[str, int | None] | None = None,
) -> CalendarReport:
    """Import the events of ``files`` (path, name shown) into ``network``, all or nothing.

    ``choices`` are the kinds the coordinator picked in the preview, by event key
    (None: leave the event out); the other events get their guessed kind.
    """
    report = CalendarReport(dry_run=dry_run)
    report.labels = {
        "activities": str(Activity._meta.verbose_name_plural),
        "attendance": str(Attendance._meta.verbose_name_plural),
    }
    started = time.perf_counter()
    bounds = limits(today or timezone.localdate())
    events: list[CalendarEvent] = []
    if not files:
        report.errors.add("", "", None, "", "", _("No files were given."))
    for path, name in files:
        events += read_calendar(
            path, name, report.errors, report.warnings, bounds, taken=len(events)
        )
    if not report.ok:
        return report
    plan = plan_calendar(network, events, choices or {}, report.errors)
    report.timings["read and check"] = time.perf_counter() - started
    if not report.ok:
        return report
    report.plan = plan
    report.counts = {"activities": plan.activities, "attendance": plan.attendance}
    if dry_run or not report.changed:
        return report
    started = time.perf_counter()
    try:
        with transaction.atomic():
            write_calendar_plan(plan)
            network.bump_data_version()
            log_action(
                network,
                user,
                "import",
                summary=report.summary(),
                object_type="calendar import",
                changes={
                    "files": [name for _path, name in files],
                    **{
                        key: {"created": c.created, "updated": c.updated}
                        for key, c in report.counts.items()
                        if c.created or c.updated
                    },
                },
            )
        report.timings["write"] = time.perf_counter() - started
    except DatabaseError as exc:
        report.plan = None
        report.errors.add(
            "", "", None, "", "", _("The database refused the import: %(detail)s") % {"detail": exc}
        )
    return report
