"""The import as one action: read, recognise, plan, and write only when all is well.

``import_files`` is what the command line and the web page both call.  It
never raises for bad input: every problem ends up in the returned report.
"""

from __future__ import annotations

import datetime as dt
import gc
import time
from collections import defaultdict
from collections.abc import Sequence
from contextlib import ExitStack
from pathlib import Path
from typing import Any

from django.db import DatabaseError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from warmnet.network.actions import log_action
from warmnet.network.models import Network
from warmnet.transfer.attendance import plan_attendance
from warmnet.transfer.joined import join_on_first_attendance
from warmnet.transfer.plan import Plan, Planner
from warmnet.transfer.readers import Budget, Limits, ReadError, read_tables
from warmnet.transfer.recognise import Layout, recognise
from warmnet.transfer.report import ImportReport
from warmnet.transfer.roles import keeps_a_coordinator
from warmnet.transfer.schema import ENTITIES
from warmnet.transfer.writer import write_plan

__all__ = ["import_files"]

#: Planned (and written) in this order, so that references point backwards.
ORDER = (
    "organisations",
    "dossiers",
    "members",
    "activities",
    "points",
    "milestones",
    "hard_moments",
    "contacts",
    "positions",
)


def import_files(
    network: Network,
    files: Sequence[tuple[Path, str]],
    *,
    user: Any = None,
    dry_run: bool = False,
    today: dt.date | None = None,
    limits: Limits | None = None,
    manages_roles: bool = True,
) -> ImportReport:
    """Import ``files`` (path, name shown to the user) into ``network``, all or nothing.

    ``limits``: what the files may hold (the command line's by default; the web page
    passes ``Limits.web()``).  ``manages_roles``: whether the importing person may set
    roles and end memberships (coordinators and the command line may; the core team
    may not)."""
    # A large import holds millions of small objects that are never cyclic; the cyclic
    # collector would rescan them all, again and again, for nothing.
    collecting = gc.isenabled()
    gc.disable()
    try:
        return _import(
            network,
            files,
            user=user,
            dry_run=dry_run,
            today=today,
            budget=Budget(limits or Limits.command_line()),
            manages_roles=manages_roles,
        )
    finally:
        if collecting:
            gc.enable()


def _import(
    network: Network,
    files: Sequence[tuple[Path, str]],
    *,
    user: Any,
    dry_run: bool,
    today: dt.date | None,
    budget: Budget,
    manages_roles: bool,
) -> ImportReport:
    report = ImportReport(dry_run=dry_run)
    report.labels = {key: str(entity.label) for key, entity in ENTITIES.items()}
    started = time.perf_counter()
    with ExitStack() as stack:
        layouts = _layouts(files, report, stack, budget)
        if not report.ok:
            return report
        planner = Planner(network, today or timezone.localdate(), report.errors)
        planner.manages_roles = manages_roles
        planner.load()
        for key in ORDER:
            planner.plan_records(key, layouts.get(key, []))
            if key == "members" and not keeps_a_coordinator(
                planner.existing["members"], planner.changes["members"]
            ):
                report.errors.add(
                    "",
                    "",
                    None,
                    "",
                    "",
                    _(
                        "After this import the network would have no coordinator left: "
                        "keep one, or appoint another coordinator first."
                    ),
                )
        attendance = plan_attendance(planner, layouts.get("attendance", []))
        if report.ok:
            members_files = sorted({layout.table.file for layout in layouts.get("members", [])})
            join_on_first_attendance(planner, attendance, report, ", ".join(members_files))
    report.timings["read and check"] = time.perf_counter() - started
    if not report.ok:
        return report
    for key in ORDER:
        report.counts[key] = planner.changes[key].counts
    report.counts["attendance"] = attendance.counts
    if dry_run or not report.changed:
        return report
    plan = Plan(network, {k: planner.changes[k] for k in ORDER}, attendance)
    started = time.perf_counter()
    try:
        with transaction.atomic():
            write_plan(plan, report.timings)
            network.bump_data_version()
            log_action(
                network,
                user,
                "import",
                summary=report.summary(),
                object_type="import",
                changes={
                    "files": [name for _path, name in files],
                    **{
                        key: {"created": c.created, "updated": c.updated}
                        for key, c in report.counts.items()
                        if c.created or c.updated
                    },
                },
            )
            committing = time.perf_counter()
        report.timings["commit"] = time.perf_counter() - committing
        report.timings["write"] = time.perf_counter() - started
    except DatabaseError as exc:
        report.errors.add(
            "", "", None, "", "", _("The database refused the import: %(detail)s") % {"detail": exc}
        )
    return report


def _layouts(
    files: Sequence[tuple[Path, str]], report: ImportReport, stack: ExitStack, budget: Budget
) -> dict[str, list[Layout]]:
    layouts: dict[str, list[Layout]] = defaultdict(list)
    if not files:
        report.errors.add("", "", None, "", "", _("No files were given."))
    for path, name in files:
        try:
            tables = read_tables(path, name, stack, budget)
        except ReadError as exc:
            report.errors.add(name, "", exc.line, "", "", exc.message)
            continue
        except OSError as exc:
            report.errors.add(
                name,
                "",
                None,
                "",
                "",
                _("The file could not be read: %(detail)s") % {"detail": exc.strerror or exc},
            )
            continue
        readable = 0
        if budget.limits.where == "web":
            # Count first (cheap), so a file over the web's limits is refused before any of
            # it is checked row by row.
            try:
                for table in tables:
                    for _row in table.rows():
                        pass
            except ReadError as exc:
                report.errors.add(name, "", exc.line, "", "", exc.message)
                continue
        for table in tables:
            try:
                layout = recognise(table, report.errors, report.warnings)
            except ReadError as exc:
                report.errors.add(table.file, table.sheet, exc.line, "", "", exc.message)
                continue
            if layout is not None:
                layouts[layout.entity.key].append(layout)
                readable += 1
    return layouts
