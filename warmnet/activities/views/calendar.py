"""The calendar of activities: a month grid and a list, both tracks told apart.

Bounded for large networks: the grid shows at most ``PER_DAY`` activities a day (with
a link to the rest) and the list a page of ``PER_PAGE``.
"""

from __future__ import annotations

import calendar as cal
import datetime as dt
from dataclasses import dataclass, field
from typing import Any

from django.core.paginator import Paginator
from django.db.models import Count
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils import timezone

from warmnet.activities.models import Activity, Attendance, AttendanceStatus
from warmnet.network.params import query_month
from warmnet.network.scoping import network_view

PER_DAY = 4
PER_PAGE = 50
INVITEE_NAMES = 10


@dataclass
class Day:
    date: dt.date
    in_month: bool
    today: bool
    activities: list[Activity] = field(default_factory=list)
    more: int = 0


def month_of(value: str | None, today: dt.date) -> dt.date:
    """First day of ``YYYY-MM``, or of this month when missing; 400 when malformed or
    outside the supported range."""
    return query_month({"month": value or ""}, "month") or today.replace(day=1)


def _shift(first: dt.date, months: int) -> dt.date:
    m = first.month - 1 + months
    return dt.date(first.year + m // 12, m % 12 + 1, 1)


def _aware(day: dt.date) -> dt.datetime:
    return timezone.make_aware(dt.datetime.combine(day, dt.time.min))


def _weeks(network: Any, first: dt.date, today: dt.date) -> list[list[Day]]:
    weeks = cal.Calendar(firstweekday=0).monthdatescalendar(first.year, first.month)
    days = {d: Day(d, d.month == first.month, d == today) for week in weeks for d in week}
    start, end = weeks[0][0], weeks[-1][-1] + dt.timedelta(days=1)
    activities = (
        Activity.objects.filter(network=network, start__gte=_aware(start), start__lt=_aware(end))
        .only("pk", "title", "kind", "start", "relationship_share", "duration_minutes")
        .order_by("start", "pk")
    )
    for activity in activities:
        day = days.get(timezone.localtime(activity.start).date())
        if day is None:
            continue
        if len(day.activities) < PER_DAY:
            day.activities.append(activity)
        else:
            day.more += 1
    return [[days[d] for d in week] for week in weeks]


def _with_attendance(activities: list[Activity], now: dt.datetime) -> list[dict[str, Any]]:
    """Each activity with its counts per status and the first names of who is coming
    (everyone but those who declined)."""
    ids = [a.pk for a in activities]
    counts: dict[int, dict[int, int]] = {pk: {} for pk in ids}
    for row in (
        Attendance.objects.filter(activity_id__in=ids)
        .values("activity_id", "status")
        .annotate(n=Count("pk"))
    ):
        counts[row["activity_id"]][row["status"]] = row["n"]
    names: dict[int, list[str]] = {pk: [] for pk in ids}
    rows = (
        Attendance.objects.filter(activity_id__in=ids)
        .exclude(status=AttendanceStatus.DECLINED)
        .order_by("member__name")
        .values_list("activity_id", "member__name")
    )
    for activity_id, name in rows:
        if len(names[activity_id]) < INVITEE_NAMES:
            names[activity_id].append(name)
    labels = dict(AttendanceStatus.choices)
    return [
        {
            "activity": a,
            "planned": a.start >= now,
            "counts": [
                (value, labels[value], counts[a.pk].get(value, 0))
                for value in AttendanceStatus.values
                if counts[a.pk].get(value)
            ],
            "total": sum(counts[a.pk].values()),
            "names": names.get(a.pk, []),
        }
        for a in activities
    ]


@network_view()
def activity_calendar(request: HttpRequest) -> HttpResponse:
    network = request.network  # type: ignore[attr-defined]
    today = timezone.localdate()
    first = month_of(request.GET.get("month"), today)
    view = "list" if request.GET.get("view") == "list" else "month"
    context: dict[str, Any] = {
        "first": first,
        "view": view,
        "prev": _shift(first, -1).strftime("%Y-%m"),
        "next": _shift(first, 1).strftime("%Y-%m"),
        "this_month": today.strftime("%Y-%m"),
        "month": first.strftime("%Y-%m"),
        "today": today,
        "now": timezone.now(),
        "list_url": reverse("activities:activity_list", args=[network.slug]),
        "grid_url": reverse("activities:attendance_grid", args=[network.slug]),
    }
    if view == "month":
        context["weeks"] = _weeks(network, first, today)
        context["weekdays"] = [context["weeks"][0][i].date for i in range(7)]
    else:
        activities = (
            Activity.objects.filter(
                network=network,
                start__gte=_aware(first),
                start__lt=_aware(_shift(first, 1)),
            )
            .select_related("host_organisation", "dossier")
            .order_by("start", "pk")
        )
        page = Paginator(activities, PER_PAGE).get_page(request.GET.get("page"))
        context["page"] = page
        context["items"] = _with_attendance(list(page), context["now"])
    return render(request, "activities/calendar.html", context)
