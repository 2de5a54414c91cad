"""Housekeeping of the task queue itself."""

from __future__ import annotations

import datetime as dt

from django.core.management import call_command
from django_tasks import task

from warmnet.background.periodic import periodic

__all__ = ["prune_task_results"]

#: Finished tasks are kept this long (to look into a failure), then removed.
KEEP_DAYS = 14


@periodic(every=dt.timedelta(days=1))
@task()
def prune_task_results() -> None:
    call_command("prune_db_task_results", min_age_days=KEEP_DAYS, verbosity=0)
