"""The worker: runs queued tasks (django-tasks' database backend) and the periodic jobs.

One loop for ``warmnet worker``, for the thread ``warmnet demo`` starts, and for
tests (:func:`drain`).
"""

from __future__ import annotations

import threading
import time

from django.db import close_old_connections
from django.utils.crypto import get_random_string
from django_tasks_db.management.commands.db_worker import Worker

from warmnet.background.periodic import run_due

__all__ = ["drain", "run_worker"]

#: How often the loop looks for periodic jobs that are due, in seconds.
PERIODIC_CHECK = 30.0


def drain(backend: str = "default") -> None:
    """Run every task that is ready now, including those queued meanwhile, then return."""
    Worker(
        queue_names=["*"],
        interval=0,
        batch=True,
        backend_name=backend,
        startup_delay=False,
        max_tasks=None,
        worker_id=get_random_string(32),
        excluded_queue_names=[],
    ).run()


def run_worker(
    *, interval: float = 1.0, stop: threading.Event | None = None, once: bool = False
) -> None:
    """Until ``stop`` is set: queue the due periodic jobs (every half minute), run what
    is ready, wait ``interval`` seconds.  ``once``: one round, then return."""
    stop = stop or threading.Event()
    last_periodic = 0.0
    while not stop.is_set():
        if once or time.monotonic() - last_periodic >= PERIODIC_CHECK:
            run_due()
            last_periodic = time.monotonic()
        drain()
        close_old_connections()
        if once:
            return
        stop.wait(interval)
