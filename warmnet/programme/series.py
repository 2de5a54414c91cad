"""Recurring programmes: a series creates its activities ahead and invites its people.

* Every *N* weeks: occurrence *k* is on the day ``first_start`` + *k*·*N* weeks,
  at the same local time (so summer time does not shift it).  A running series
  keeps ``ahead`` activities planned in the future; the periodic job tops it
  up as they pass.  The host organisation goes round the chosen ones in turn.
* A follow-up (``after_kind``): right after each upcoming activity of that kind
  (e.g. peer consultation after every steering group meeting), at its place.

The activities are ordinary activities, invited through ``invite_members`` (so
the invitation mails go out by the worker).  Pausing stops new ones; a change
from a day onward rewrites the activities of the series from then on (their
invitees get the update mail, the past is left as it was); ending removes the
planned ones (their invitees get a cancellation).
"""

from __future__ import annotations

import datetime as dt
import logging
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from django.db import DatabaseError, IntegrityError, transaction
from django.db.models import Q, QuerySet
from django.utils import timezone

from warmnet.activities.actions import invite_members
from warmnet.activities.forms import active_members
from warmnet.activities.models import RELATIONSHIP_KINDS, Activity, Attendance, AttendanceStatus
from warmnet.network.actions import log_action
from warmnet.network.models import Member, Network, Organisation
from warmnet.programme.models import Series, SeriesItem, SeriesState

__all__ = [
    "Change",
    "change_from",
    "end_series",
    "fill",
    "fill_all",
    "occurrence_start",
    "pause_series",
    "resume_series",
    "running_series",
]

log = logging.getLogger(__name__)

#: How many occurrences a top-up looks at beyond the last one (a bound, not a target).
_LOOKAHEAD = 520


def occurrence_start(series: Series, number: int) -> dt.datetime:
    """When occurrence ``number`` of an every-N-weeks series starts (same local time)."""
    assert series.every_weeks is not None
    first = timezone.localtime(series.first_start)
    day = first.date() + dt.timedelta(weeks=series.every_weeks * number)
    return timezone.make_aware(dt.datetime.combine(day, first.time().replace(tzinfo=None)))


def _hosts(series: Series) -> list[Organisation]:
    return list(series.host_organisations.order_by("name", "pk"))


def invitees(series: Series, on: dt.date | None = None) -> list[Member]:
    """Who a series invites: every current member, or the chosen ones still members."""
    members: QuerySet[Member]
    if series.invite_all:
        members = active_members(series.network, on)
    else:
        members = series.invitees.filter(
            Q(left_on__isnull=True) | Q(left_on__gte=on or dt.date.min)
        )
    return list(members.select_related("organisation").order_by("name", "pk"))


def _create(
    series: Series,
    user: Any,
    start: dt.datetime,
    *,
    host: Organisation | None,
    location: str,
    number: int | None = None,
    follows: Activity | None = None,
) -> Activity:
    """One activity of the series, its item and its invitations, all or nothing.

    The title names an activity together with its day (a unique key); should the
    day already have one of that title, the series' next ones say "(2)", "(3)"."""
    network = series.network
    for attempt in range(1, 10):
        title = series.title if attempt == 1 else f"{series.title} ({attempt})"
        try:
            with transaction.atomic():
                activity = Activity.objects.create(
                    network=network,
                    kind=series.kind,
                    title=title[:200],
                    start=start,
                    duration_minutes=series.duration_minutes,
                    location=location,
                    host_organisation=host,
                )
                SeriesItem.objects.create(
                    series=series, activity=activity, number=number, follows=follows
                )
                log_action(
                    network,
                    user,
                    "create",
                    activity,
                    summary=f"{activity} ({series.title})",
                    changes={"series": series.pk},
                )
                invite_members(
                    network, user, activity, invitees(series, timezone.localtime(start).date())
                )
                return activity
        except IntegrityError:
            continue
    raise IntegrityError(f"no free title for series {series.pk} on {start:%Y-%m-%d}")


def _fill_every(series: Series, user: Any, now: dt.datetime) -> list[Activity]:
    items = SeriesItem.objects.filter(series=series, number__isnull=False)
    planned = items.filter(activity__start__gt=now).count()
    last = max((n for n in items.values_list("number", flat=True) if n is not None), default=-1)
    hosts = _hosts(series)
    created: list[Activity] = []
    number = last + 1
    while planned < series.ahead and number <= last + _LOOKAHEAD:
        start = occurrence_start(series, number)
        if start > now:
            host = hosts[number % len(hosts)] if hosts else None
            created.append(
                _create(series, user, start, host=host, location=series.location, number=number)
            )
            planned += 1
        number += 1
    return created


def _fill_after(series: Series, user: Any, now: dt.datetime) -> list[Activity]:
    done = SeriesItem.objects.filter(series=series, follows__isnull=False).values("follows_id")
    ours = SeriesItem.objects.filter(series=series).values("activity_id")
    leads = (
        Activity.objects.filter(
            network=series.network,
            kind=int(series.after_kind or 0),
            start__gt=now,
            start__gte=series.first_start,
        )
        .exclude(pk__in=done)
        .exclude(pk__in=ours)
        .select_related("host_organisation")
        .order_by("start")[: series.ahead]
    )
    return [
        _create(
            series,
            user,
            lead.end,
            host=lead.host_organisation,
            location=lead.location or series.location,
            follows=lead,
        )
        for lead in leads
    ]


def fill(series: Series, user: Any = None, now: dt.datetime | None = None) -> list[Activity]:
    """Plan the series' next activities (a running series only); the new ones."""
    now = now or timezone.now()
    with transaction.atomic():
        locked = Series.objects.select_for_update().filter(pk=series.pk).first()
        if locked is None or locked.state != SeriesState.RUNNING:
            return []
        locked.network = series.network
        if locked.every_weeks is not None:
            return _fill_every(locked, user, now)
        return _fill_after(locked, user, now)


def fill_all(now: dt.datetime | None = None) -> int:
    """Top up every running series (the periodic job); how many activities were made.
    A series that cannot be topped up is logged and left for the next round; the others
    still are."""
    made = 0
    for series in Series.objects.filter(state=SeriesState.RUNNING).select_related("network"):
        try:
            made += len(fill(series, None, now))
        except DatabaseError:
            log.exception("series %s could not plan its next activities", series.pk)
    return made


def _future_items(series: Series, since: dt.datetime) -> QuerySet[SeriesItem]:
    return SeriesItem.objects.filter(series=series, activity__start__gte=since).select_related(
        "activity"
    )


def _set_state(series: Series, user: Any, state: str) -> None:
    before = series.state
    series.state = state
    series.save(update_fields=["state"])
    log_action(
        series.network,
        user,
        state,
        series,
        summary=series.title,
        changes={"state": [before, state]},
    )


def pause_series(series: Series, user: Any) -> None:
    """No new activities; those already planned stay (cancel one by deleting it)."""
    with transaction.atomic():
        _set_state(series, user, SeriesState.PAUSED)


def resume_series(series: Series, user: Any, now: dt.datetime | None = None) -> list[Activity]:
    with transaction.atomic():
        _set_state(series, user, SeriesState.RUNNING)
    return fill(series, user, now)


def end_series(series: Series, user: Any, now: dt.datetime | None = None) -> int:
    """Stop for good: the activities still to come are called off (their invitees get a
    cancellation); the past ones stay.  How many were called off."""
    now = now or timezone.now()
    with transaction.atomic():
        _set_state(series, user, SeriesState.ENDED)
        future = [item.activity for item in _future_items(series, now)]
        for activity in future:
            activity.network = series.network
            log_action(series.network, user, "delete", activity, summary=str(activity))
            activity.delete()  # pre_delete mails the cancellations
    return len(future)


@dataclass
class Change:
    """What changes from a day onward; ``None`` leaves it as it is."""

    title: str | None = None
    start_time: dt.time | None = None
    duration_minutes: int | None = None
    location: str | None = None
    hosts: list[Organisation] | None = None
    invitees: list[Member] | None = None
    invite_all: bool | None = None


def change_from(
    series: Series, day: dt.date, change: Change, user: Any, now: dt.datetime | None = None
) -> int:
    """Change the series and its activities from ``day`` on (never one that has begun);
    how many activities changed.  Invitees of a changed title, time or place get an
    update (the activity's save queues it); new invitees an invitation; those no
    longer invited are taken off the list of the activities to come."""
    now = now or timezone.now()
    since = max(timezone.make_aware(dt.datetime.combine(day, dt.time())), now)
    with transaction.atomic():
        fields: dict[str, Any] = {}
        if change.title is not None:
            fields["title"] = change.title
        if change.duration_minutes is not None:
            fields["duration_minutes"] = change.duration_minutes
        if change.location is not None:
            fields["location"] = change.location
        if change.start_time is not None and series.every_weeks is not None:
            first = timezone.localtime(series.first_start)
            series.first_start = timezone.make_aware(
                dt.datetime.combine(first.date(), change.start_time)
            )
            fields["first_start"] = series.first_start
        for name, value in fields.items():
            setattr(series, name, value)
        if change.invite_all is not None:
            series.invite_all = change.invite_all
        series.save()
        if change.hosts is not None:
            series.host_organisations.set(change.hosts)
        if change.invitees is not None:
            series.invitees.set(change.invitees)
        hosts = _hosts(series)
        log_action(
            series.network,
            user,
            "update",
            series,
            summary=f"{series.title} from {day:%Y-%m-%d}",
            changes={k: str(v) for k, v in fields.items()},
        )
        changed = 0
        for item in _future_items(series, since).order_by("activity__start"):
            activity = item.activity
            activity.network = series.network
            if change.title is not None:
                activity.title = change.title
            if change.location is not None:
                activity.location = change.location
            if change.duration_minutes is not None:
                activity.duration_minutes = change.duration_minutes
            if change.start_time is not None:
                local = timezone.localtime(activity.start)
                activity.start = timezone.make_aware(
                    dt.datetime.combine(local.date(), change.start_time)
                )
            if change.hosts is not None and item.number is not None:
                activity.host_organisation = hosts[item.number % len(hosts)] if hosts else None
            activity.save()  # a change of title, time or place queues the update mails
            if change.invitees is not None or change.invite_all is not None:
                _reinvite(series, activity, user)
            changed += 1
    return changed


def _reinvite(series: Series, activity: Activity, user: Any) -> None:
    wanted = invitees(series, timezone.localtime(activity.start).date())
    wanted_ids = {m.pk for m in wanted}
    # taken off the list: only those who were merely invited or had answered
    dropped = Attendance.objects.filter(
        activity=activity,
        status__in=[AttendanceStatus.INVITED, AttendanceStatus.ACCEPTED, AttendanceStatus.DECLINED],
    ).exclude(member_id__in=wanted_ids)
    if dropped.exists():
        dropped.delete()
        series.network.bump_data_version()
    invite_members(series.network, user, activity, wanted)


def running_series(network: Network, now: dt.datetime | None = None) -> list[Series]:
    """The series that are running and have an activity to come."""
    now = now or timezone.now()
    return list(
        Series.objects.filter(
            network=network, state=SeriesState.RUNNING, items__activity__start__gt=now
        )
        .distinct()
        .prefetch_related("invitees")
    )


def covers_relationship(series: Iterable[Series]) -> bool:
    """Whether one of these series is a relationship activity (by its kind)."""
    return any(s.kind in RELATIONSHIP_KINDS for s in series)
