"""The survey's periodic job: automatic reminders, rounds closing on time, answers
deleted after the retention period (see ``warmnet.background.periodic``)."""

from __future__ import annotations

import datetime as dt

from django.conf import settings
from django.utils import timezone
from django_tasks import task

from warmnet.background.periodic import periodic
from warmnet.surveys.actions import close_due_rounds, delete_expired_answers, send_due_reminders

__all__ = ["survey_housekeeping"]


@periodic(every=dt.timedelta(hours=1))
@task()
def survey_housekeeping() -> dict[str, int]:
    """Safe to run twice: each step looks at what was already done."""
    today = timezone.localdate()
    reminded = send_due_reminders(today, settings.WARMNET_BASE_URL)
    closed = close_due_rounds(today)
    cleared = delete_expired_answers(today, settings.SURVEY_RETENTION_DAYS)
    return {
        "rounds_reminded": len(reminded),
        "reminders": sum(reminded.values()),
        "rounds_closed": len(closed),
        "rounds_cleared": cleared,
    }
