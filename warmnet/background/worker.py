"""The worker: runs queued tasks (django-tasks' database backend) and the periodic jobs.

One loop for ``warmnet worker``, for the thread ``warmnet demo`` starts, and for
tests (:func:`drain`).
"""

from __future__ import annotations

import threading
import time

from django.db import OperationalError, close_old_connections
from django.utils.crypto import get_random_string
from django_tasks_db.management.commands.db_worker import Worker
from django_tasks_db.models import DBTaskResult
from django_tasks_db.utils import exclusive_transaction, is_locked_database_exception

from warmnet.background.periodic import run_due
from warmnet.engine import graphs

__all__ = ["drain", "run_worker"]

#: How often the loop looks for periodic jobs that are due, in seconds.
PERIODIC_CHECK = 30.0
#: How often the loop tells /healthz it is alive, in seconds.
HEARTBEAT_EVERY = 5.0


def drain(backend: str = "default") -> int:
    """Run every task that is ready now, including those queued meanwhile; returns how
    many ran.  The claiming is django-tasks-db's own (one worker per task)."""
    worker = Worker(
        queue_names=["*"],
        interval=0,
        batch=True,
        backend_name=backend,
        startup_delay=False,
        max_tasks=None,
        worker_id=get_random_string(32),
        excluded_queue_names=[],
    )
    ran = 0
    while True:
        ready = DBTaskResult.objects.ready().filter(backend_name=backend)
        try:
            with exclusive_transaction(ready.db):
                found = ready.get_locked()
                if found is not None:
                    found.claim(worker.worker_id)
        except OperationalError as error:
            if is_locked_database_exception(error):
                return ran  # busy: the next round takes it
            raise
        if found is None:
            return ran
        worker.run_task(found)
        ran += 1


def run_worker(
    *, interval: float = 1.0, stop: threading.Event | None = None, once: bool = False
) -> None:
    """Until ``stop`` is set: queue the due periodic jobs (every half minute), run what
    is ready, wait ``interval`` seconds.  ``once``: one round, then return."""
    from warmnet.ops.health import record_worker_heartbeat

    stop = stop or threading.Event()
    if not once:
        # the groups of a large network are looked for in a helper process: started
        # now, the first recompute does not wait for a new Python to start
        graphs.start_helper()
    last_periodic = last_beat = 0.0
    while not stop.is_set():
        if time.monotonic() - last_beat >= HEARTBEAT_EVERY:
            # /healthz tells the load balancer how long ago a worker was alive (shared
            # through the cache: set REDIS_URL when the worker runs in its own process)
            record_worker_heartbeat()
            last_beat = time.monotonic()
        if once or time.monotonic() - last_periodic >= PERIODIC_CHECK:
            run_due()
            last_periodic = time.monotonic()
        drain()
        close_old_connections()
        if once:
            return
        stop.wait(interval)
