"""Recurring series: set one up, see its activities, change it from a day onward,
pause, resume and end it.  For those who run the network."""

from __future__ import annotations

from django.contrib import messages
from django.db import transaction
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_POST

from warmnet.activities.models import Activity
from warmnet.network.actions import save_form
from warmnet.network.scoping import get_owned, network_view
from warmnet.programme import series as programme
from warmnet.programme.forms import SeriesChangeForm, SeriesForm
from warmnet.programme.models import Series, SeriesState

__all__ = ["series_change", "series_detail", "series_list", "series_new", "series_state"]


def _detail_url(series: Series) -> str:
    return reverse("programme:series_detail", args=[series.network.slug, series.pk])


@network_view(write=True)
def series_list(request: HttpRequest) -> HttpResponse:
    network = request.network  # type: ignore[attr-defined]
    now = timezone.now()
    rows = []
    for s in Series.objects.filter(network=network).order_by("state", "title"):
        upcoming = (
            Activity.objects.filter(series_item__series=s, start__gt=now).order_by("start").first()
        )
        rows.append((s, upcoming))
    return render(request, "programme/series_list.html", {"rows": rows})


@network_view(write=True)
def series_new(request: HttpRequest) -> HttpResponse:
    network = request.network  # type: ignore[attr-defined]
    form = SeriesForm(request.POST or None, network=network, actor=request.member)  # type: ignore[attr-defined]
    if request.method == "POST" and form.is_valid():
        with transaction.atomic():
            form.instance.created_by = request.user
            series = save_form(network, request.user, form)
            assert isinstance(series, Series)
            made = programme.fill(series, request.user)
        messages.success(
            request,
            ngettext(
                "The series is set up: %(n)d activity planned, invitations are on their way.",
                "The series is set up: %(n)d activities planned, invitations are on their way.",
                len(made),
            )
            % {"n": len(made)},
        )
        return redirect(_detail_url(series))
    status = 400 if form.errors else 200
    return render(request, "programme/series_form.html", {"form": form}, status=status)


def _detail(
    request: HttpRequest, series: Series, change: SeriesChangeForm | None = None, status: int = 200
) -> HttpResponse:
    now = timezone.now()
    activities = list(
        Activity.objects.filter(series_item__series=series)
        .select_related("host_organisation")
        .order_by("-start")[:40]
    )
    context = {
        "series": series,
        "upcoming": [a for a in reversed(activities) if a.start > now],
        "past": [a for a in activities if a.start <= now][:12],
        "change": change or SeriesChangeForm(series=series),
        "states": SeriesState,
        "hosts": list(series.host_organisations.order_by("name")),
        "n_invitees": None if series.invite_all else series.invitees.count(),
    }
    return render(request, "programme/series_detail.html", context, status=status)


@network_view(write=True)
def series_detail(request: HttpRequest, pk: int) -> HttpResponse:
    return _detail(request, get_owned(request, Series, pk))


@network_view(write=True)
@require_POST
def series_change(request: HttpRequest, pk: int) -> HttpResponse:
    series = get_owned(request, Series, pk)
    form = SeriesChangeForm(request.POST, series=series)
    if series.state == SeriesState.ENDED:
        messages.error(request, _("This series has ended; set up a new one instead."))
        return redirect(_detail_url(series))
    if not form.is_valid():
        return _detail(request, series, form, status=400)
    data = form.cleaned_data
    change = programme.Change(
        title=data["title"],
        start_time=data["start_time"],
        duration_minutes=data["duration_minutes"],
        location=data["location"],
        invitees=list(data["invitees"]),
        invite_all=data["invite_all"],
    )
    changed = programme.change_from(series, data["since"], change, request.user)
    messages.success(
        request,
        ngettext(
            "Changed from %(day)s on: %(n)d activity to come is updated and its invitees are told.",
            "Changed from %(day)s on: %(n)d activities to come are updated and their invitees "
            "are told.",
            changed,
        )
        % {"day": data["since"].strftime("%d-%m-%Y"), "n": changed},
    )
    return redirect(_detail_url(series))


@network_view(write=True)
@require_POST
def series_state(request: HttpRequest, pk: int) -> HttpResponse:
    """``action``: pause, resume or end."""
    series = get_owned(request, Series, pk)
    action = request.POST.get("action", "")
    if series.state == SeriesState.ENDED:
        messages.error(request, _("This series has ended; set up a new one instead."))
    elif action == "pause" and series.state == SeriesState.RUNNING:
        programme.pause_series(series, request.user)
        messages.success(request, _("The series is paused: no new activities are planned."))
    elif action == "resume" and series.state == SeriesState.PAUSED:
        made = programme.resume_series(series, request.user)
        messages.success(
            request,
            ngettext(
                "The series runs again: %(n)d activity planned.",
                "The series runs again: %(n)d activities planned.",
                len(made),
            )
            % {"n": len(made)},
        )
    elif action == "end":
        gone = programme.end_series(series, request.user)
        messages.success(
            request,
            ngettext(
                "The series has ended: %(n)d activity to come is called off.",
                "The series has ended: %(n)d activities to come are called off.",
                gone,
            )
            % {"n": gone},
        )
    else:
        messages.error(request, _("That cannot be done with this series now."))
    return redirect(_detail_url(series))
