"""Periodic jobs: a task the worker queues every so often.

Declare one with :func:`periodic` on top of django-tasks' ``@task()``::

    @periodic(every=dt.timedelta(minutes=15))
    @task()
    def send_reminders() -> int: ...

The job must take no arguments and be safe to run twice (look at the clock and
at what was already done, as the reminders do).  ``warmnet worker`` calls
:func:`run_due` every half minute; ``warmnet worker --batch`` (e.g. from cron)
does it once.  A :class:`~warmnet.background.models.PeriodicRun` row per job,
updated under a lock, makes sure that several workers queue it only once per
interval.  The module that declares a job must be imported at start-up (an
app's ``ready()``).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from django.db import IntegrityError, transaction
from django.utils import timezone

from warmnet.background.models import PeriodicRun

__all__ = ["PeriodicJob", "jobs", "periodic", "run_due"]


@dataclass(frozen=True)
class PeriodicJob:
    name: str
    every: dt.timedelta
    task: Any


_JOBS: dict[str, PeriodicJob] = {}


def periodic(*, every: dt.timedelta) -> Callable[[Any], Any]:
    def register(task: Any) -> Any:
        job = PeriodicJob(task.module_path, every, task)
        _JOBS[job.name] = job
        return task

    return register


def jobs() -> list[PeriodicJob]:
    return list(_JOBS.values())


def _claim(job: PeriodicJob, now: dt.datetime) -> bool:
    with transaction.atomic():
        run = PeriodicRun.objects.select_for_update().filter(name=job.name).first()
        if run is None:
            PeriodicRun.objects.create(name=job.name, last_run_at=now)
            return True
        if run.last_run_at > now - job.every:
            return False
        run.last_run_at = now
        run.save(update_fields=["last_run_at"])
        return True


def run_due(now: dt.datetime | None = None) -> list[str]:
    """Queue every job whose interval has passed; returns their names."""
    now = now or timezone.now()
    queued = []
    for job in jobs():
        try:
            due = _claim(job, now)
        except IntegrityError:  # another worker created the row just now
            due = False
        if due:
            job.task.enqueue()
            queued.append(job.name)
    return queued
