"""``warmnet import NETWORK FILE... [--dry-run]``: bring spreadsheets, or calendar files
(.ics), into a network."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.utils.translation import gettext as _

from warmnet.network.models import Network
from warmnet.transfer.calendar.service import import_calendar, is_calendar_file
from warmnet.transfer.readers import Limits
from warmnet.transfer.report import ImportReport
from warmnet.transfer.service import import_files


class Command(BaseCommand):
    help = (
        "Import organisations, members, activities, attendance (and the dossier) from CSV or "
        "XLSX files, or activities from calendar files (.ics), all or nothing. See docs/import.md "
        "and docs/programme.md."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("network", help="the network's short name (slug)")
        parser.add_argument(
            "files", nargs="+", type=Path, help="CSV, XLSX or zip files, or .ics files"
        )
        parser.add_argument(
            "--dry-run", action="store_true", help="report what would change; save nothing"
        )

    def handle(self, *args: Any, **options: Any) -> None:
        network = Network.objects.filter(slug=options["network"]).first()
        if network is None:
            raise CommandError(_("There is no network %(slug)s.") % {"slug": options["network"]})
        files: list[Path] = options["files"]
        for path in files:
            if not path.is_file():
                raise CommandError(_("%(path)s is not a file.") % {"path": path})
        named = [(p, p.name) for p in files]
        calendars = [is_calendar_file(p.name) for p in files]
        if any(calendars) and not all(calendars):
            raise CommandError(
                _("Import calendar files (.ics) on their own, not together with spreadsheets.")
            )
        report: ImportReport
        if all(calendars):
            report = import_calendar(network, named, dry_run=options["dry_run"])
        else:
            report = import_files(
                network, named, dry_run=options["dry_run"], limits=Limits.command_line()
            )
        if not report.ok:
            raise CommandError(report.as_text())
        self.stdout.write(report.as_text())
