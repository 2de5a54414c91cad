"""``warmnet restore``: put a backup made by ``warmnet backup`` back into a database."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.db import connections

from warmnet.ops.backup import BackupError, database_from_url, restore


class Command(BaseCommand):
    help = (
        "Restore a backup into an empty database (or, with --replace, over an existing one). "
        "Stop the app servers first; run `warmnet migrate` afterwards."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("backup", help="a file written by `warmnet backup`")
        parser.add_argument("--database-url", help="restore into this database instead")
        parser.add_argument(
            "--replace", action="store_true", help="overwrite a database that has tables"
        )
        parser.add_argument(
            "--jobs", type=int, default=2, help="parallel jobs on PostgreSQL (default 2)"
        )

    def handle(self, *args: Any, **options: Any) -> None:
        database = (
            database_from_url(options["database_url"])
            if options["database_url"]
            else connections["default"].settings_dict
        )
        connections.close_all()
        try:
            done = restore(
                database, Path(options["backup"]), replace=options["replace"], jobs=options["jobs"]
            )
        except BackupError as exc:
            raise CommandError(str(exc)) from None
        self.stdout.write(f"restored {done.path} in {done.seconds:.1f} s")
