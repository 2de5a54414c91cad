"""``warmnet serve``: run Warmnet in production (gunicorn; see docs/deploy.md)."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.core.management.base import BaseCommand, CommandParser

from warmnet.ops.serve import ServeOptions, serve


class Command(BaseCommand):
    help = "Serve Warmnet with gunicorn: threaded workers, static files through WhiteNoise."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "--bind",
            default=settings.WARMNET_BIND,
            help="address:port or unix:PATH (WARMNET_BIND; default %(default)s)",
        )
        parser.add_argument(
            "--workers",
            type=int,
            default=settings.WARMNET_WORKERS,
            help="processes (WEB_CONCURRENCY; default cores + 1: %(default)s)",
        )
        parser.add_argument(
            "--threads",
            type=int,
            default=settings.WARMNET_THREADS,
            help="threads per process (WARMNET_THREADS; default %(default)s)",
        )
        parser.add_argument(
            "--timeout",
            type=int,
            default=60,
            help="seconds before a stuck request's worker is restarted (default %(default)s)",
        )

    def handle(self, *args: Any, **options: Any) -> None:
        for name in ("workers", "threads", "timeout"):
            if options[name] < 1:
                self.stderr.write(f"--{name} must be at least 1")
                raise SystemExit(2)
        serve(
            ServeOptions(
                bind=options["bind"],
                workers=options["workers"],
                threads=options["threads"],
                timeout=options["timeout"],
            )
        )
