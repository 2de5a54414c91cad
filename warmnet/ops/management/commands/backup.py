"""``warmnet backup``: a consistent backup of the whole database, safe while serving."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.db import connections
from django.utils import timezone

from warmnet.ops.backup import BackupError, backup, database_from_url


class Command(BaseCommand):
    help = "Back up the database (PostgreSQL: pg_dump custom format; SQLite: online backup)."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "--output",
            help="file to write (default: warmnet-YYYYmmdd-HHMMSS.dump or .sqlite3 here)",
        )
        parser.add_argument("--database-url", help="back up this database instead")

    def handle(self, *args: Any, **options: Any) -> None:
        database = (
            database_from_url(options["database_url"])
            if options["database_url"]
            else connections["default"].settings_dict
        )
        suffix = "sqlite3" if "sqlite3" in str(database["ENGINE"]) else "dump"
        stamp = timezone.now().strftime("%Y%m%d-%H%M%S")
        output = Path(options["output"] or f"warmnet-{stamp}.{suffix}")
        try:
            done = backup(database, output)
        except BackupError as exc:
            raise CommandError(str(exc)) from None
        self.stdout.write(f"{done.path} ({done.bytes / 1e6:.1f} MB) in {done.seconds:.1f} s")
