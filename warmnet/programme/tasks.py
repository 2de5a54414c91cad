"""The programme's background tasks, and the hooks that queue them.

Invitations and updates are rendered by the worker (a request only queues
them); a cancellation is rendered at once, because the activity is about to be
deleted.  Reminders are a periodic job (see ``warmnet.background.periodic``).
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.db.models.signals import post_save, pre_delete
from django_tasks import task

from warmnet.activities.events import members_invited
from warmnet.activities.models import Activity
from warmnet.background.periodic import periodic
from warmnet.background.queue import queue
from warmnet.network.models import Member
from warmnet.programme import invitations, reminders, series
from warmnet.programme.models import ActivityCalendar

__all__ = ["connect", "plan_series", "send_invitations", "send_reminders", "send_updates"]


@task()
def send_invitations(activity_id: int, member_ids: list[int]) -> int:
    activity = Activity.objects.select_related("network", "host_organisation").filter(
        pk=activity_id
    )
    found = activity.first()
    if found is None:
        return 0
    members = Member.objects.filter(pk__in=member_ids, network=found.network).select_related(
        "network", "organisation", "user"
    )
    return invitations.invite(found, members)


@task()
def send_updates(activity_id: int) -> int:
    activity = (
        Activity.objects.select_related("network", "host_organisation")
        .filter(pk=activity_id)
        .first()
    )
    return invitations.send_updates(activity) if activity is not None else 0


@periodic(every=dt.timedelta(minutes=15))
@task()
def send_reminders() -> dict[str, int]:
    """Reminders to those who accepted, nudges to those who have not answered, and the
    coordinator's "record who came" after an activity."""
    return reminders.run()


@periodic(every=dt.timedelta(hours=6))
@task()
def plan_series() -> int:
    """Keep every running series its activities ahead (as the earlier ones pass, and
    after each new activity a follow-up series follows)."""
    return series.fill_all()


def _invited(sender: Any, activity: Activity, members: list[Member], **kwargs: Any) -> None:
    queue(send_invitations, activity.pk, sorted({m.pk for m in members}))


def _saved(sender: Any, instance: Activity, created: bool, **kwargs: Any) -> None:
    if created or kwargs.get("raw"):
        return
    cal = ActivityCalendar.objects.filter(activity=instance).first()
    if cal is not None and invitations.changed(cal, instance):
        queue(send_updates, instance.pk)


def _deleting(sender: Any, instance: Activity, **kwargs: Any) -> None:
    invitations.cancel_invitations(instance)


def connect() -> None:
    members_invited.connect(_invited, sender=Activity, dispatch_uid="programme-invite")
    post_save.connect(_saved, sender=Activity, dispatch_uid="programme-update")
    pre_delete.connect(_deleting, sender=Activity, dispatch_uid="programme-cancel")
