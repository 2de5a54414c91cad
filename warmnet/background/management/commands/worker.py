"""``warmnet worker``: run background tasks (e-mail, reminders) and periodic jobs."""

from __future__ import annotations

import logging
import signal
import threading
from typing import Any

from django.core.management.base import BaseCommand, CommandParser

from warmnet.background.worker import run_worker


class Command(BaseCommand):
    help = (
        "Run background tasks and periodic jobs until stopped; with --batch, run what is "
        "due once and exit (for cron)."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "--batch", action="store_true", help="run the due jobs and queued tasks, then exit"
        )
        parser.add_argument(
            "--interval", type=float, default=1.0, help="seconds between looks at the queue"
        )

    def handle(self, *args: Any, **options: Any) -> None:
        if options["verbosity"] > 1:
            logging.getLogger("django_tasks_db").setLevel(logging.INFO)
        if options["batch"]:
            run_worker(once=True)
            return
        stop = threading.Event()

        def finish(signum: int, frame: Any) -> None:
            stop.set()

        signal.signal(signal.SIGINT, finish)
        signal.signal(signal.SIGTERM, finish)
        self.stdout.write("Warmnet worker: running tasks until stopped (Ctrl+C).")
        run_worker(interval=max(0.1, options["interval"]), stop=stop)
