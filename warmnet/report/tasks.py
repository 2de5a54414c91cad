"""The report's background work: sending one report now, and each quarter."""

from __future__ import annotations

import datetime as dt

from django.contrib.auth import get_user_model
from django.db import transaction
from django.utils import timezone
from django_tasks import task

from warmnet.background.periodic import periodic
from warmnet.network.models import Network
from warmnet.report import delivery
from warmnet.report.models import ReportSchedule
from warmnet.report.periods import Period

__all__ = ["send_quarterly_reports", "send_report_now"]


@task()
def send_report_now(network_id: int, start: str, end: str, user_id: int | None) -> int:
    """The report of one period to the schedule's recipients, at the coordinator's word."""
    network = Network.objects.filter(pk=network_id).first()
    schedule = ReportSchedule.objects.filter(network=network_id).first()
    if network is None or schedule is None:
        return 0
    today = timezone.localdate()
    period = Period(dt.date.fromisoformat(start), dt.date.fromisoformat(end))
    user = get_user_model().objects.filter(pk=user_id).first() if user_id else None
    with transaction.atomic():
        done = delivery.send_report(
            network, period, delivery.recipients(schedule, today), user, today
        )
    return len(done.sent)


@periodic(every=dt.timedelta(hours=1))
@task()
def send_quarterly_reports() -> int:
    """Each quarter's report to the steering group, once, ``days_after`` its end."""
    return delivery.run_due()
