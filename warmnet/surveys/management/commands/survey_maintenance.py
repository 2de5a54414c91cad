"""``warmnet survey_maintenance``: close rounds past their last day and delete answers
past the retention period.  A scheduler runs it once a day (cron, a systemd timer)."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.utils import timezone

from warmnet.surveys.actions import close_due_rounds, delete_expired_answers


class Command(BaseCommand):
    help = "Close survey rounds past their last day; delete answers past the retention period."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--today", help="the day to act as of (YYYY-MM-DD; default today)")

    def handle(self, *args: Any, **options: Any) -> None:
        today = timezone.localdate()
        if options["today"]:
            try:
                today = dt.date.fromisoformat(options["today"])
            except ValueError:
                raise CommandError(
                    f"--today {options['today']!r}: not a date (YYYY-MM-DD)"
                ) from None
        closed = close_due_rounds(today)
        cleared = delete_expired_answers(today, settings.SURVEY_RETENTION_DAYS)
        self.stdout.write(
            f"survey rounds closed: {len(closed)}; rounds whose answers were deleted: {cleared} "
            f"(retention {settings.SURVEY_RETENTION_DAYS} days)"
        )
