"""Queue a task so that it runs only if the surrounding transaction commits.

With the database backend (the default) the task's row is written in the same
transaction as the data it is about, so a rolled-back write queues nothing and a
committed one cannot lose its task.  Any other backend is handed the task once
the transaction has committed.
"""

from __future__ import annotations

from typing import Any

from django.db import transaction
from django_tasks_db import DatabaseBackend

__all__ = ["queue"]


def queue(task: Any, *args: Any, **kwargs: Any) -> None:
    if isinstance(task.get_backend(), DatabaseBackend):
        task.enqueue(*args, **kwargs)
    else:
        transaction.on_commit(lambda: task.enqueue(*args, **kwargs))
