"""The coordinator's dashboard: the network's landing page and its evidence pages."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django import forms
from django.core.paginator import Paginator
from django.db.models import Case, Count, F, IntegerField, Q, When
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from warmnet.activities.models import Activity, AttendanceStatus
from warmnet.dashboard import panels
from warmnet.dashboard.charts import period_bounds, tracks_chart
from warmnet.dossiers.models import HardMoment, Milestone
from warmnet.insights import story
from warmnet.insights.hardmoments import hard_moment_views
from warmnet.insights.service import TREND_OFFSETS, Analysis, analysis_for, trend_for
from warmnet.insights.texts import render_message, scenario_label
from warmnet.network.forms import DateInput
from warmnet.network.models import Network
from warmnet.network.params import FIRST_DAY, LAST_DAY, BadQuery, DayField
from warmnet.network.scoping import RUNNERS, network_view
from warmnet.programme.models import DismissReason
from warmnet.programme.offers import acknowledged
from warmnet.programme.outcomes import outcomes
from warmnet.surveys.panel import survey_dashboard
from warmnet.ui.words import tie_time_phrase

__all__ = ["cold_members", "dashboard_page", "overview", "period_detail"]

UPCOMING = 8

PERIOD_ACTIVITIES = 25
COLD_PER_PAGE = 50
# the trend days whose figures the background recompute computes too (insights.service.trend_days)
EARLIER = tuple(
    zip(
        TREND_OFFSETS,
        (gettext_lazy("3 months earlier"), gettext_lazy("6 months earlier")),
        strict=True,
    )
)


class AsOfForm(forms.Form):
    as_of = DayField(label=gettext_lazy("As of"), required=False, widget=DateInput())


def as_of_date(request: HttpRequest) -> dt.date:
    """The day the dashboard looks from: ``?as_of=``, else today; 400 when not a date in
    the supported range."""
    form = AsOfForm(request.GET)
    if not form.is_valid():
        raise BadQuery(" ".join(str(e) for e in form.errors.get("as_of", [])))
    return form.cleaned_data["as_of"] or timezone.localdate()


def _as_of_query(request: HttpRequest) -> str:
    value = request.GET.get("as_of", "")
    return f"?as_of={value}" if value and AsOfForm(request.GET).is_valid() else ""


def _url_maker(network: Network, query: str) -> Any:
    def url(kind: str, value: str) -> str:
        if kind == "period":
            extra = query.replace("?", "&")
            return reverse("dashboard:period", args=[network.slug]) + f"?period={value}{extra}"
        return reverse("activities:calendar", args=[network.slug]) + f"?month={value}"

    return url


def _chart(network: Network, analysis: Analysis, query: str) -> Any:
    bal = analysis.result.balance
    first = analysis.as_of - dt.timedelta(days=40 * 31)
    milestones = Milestone.objects.filter(
        network=network, date__gte=first, date__lte=analysis.as_of
    ).values_list("date", "title")
    moments = HardMoment.objects.filter(
        network=network, date__gte=first, date__lte=analysis.as_of
    ).values_list("date", "title")
    st = analysis.result.settings
    url = _url_maker(network, query)
    return tracks_chart(
        bal,
        (st.band_low, st.band_high),
        list(milestones[:60]),
        list(moments[:60]),
        lambda label: url("period", label),
    )


def _next_moment(network: Network, as_of: dt.date) -> story.NextMoment | None:
    return story.coming_moment(network, as_of)


def dashboard_page(request: HttpRequest) -> HttpResponse:
    """The dashboard of ``request.network`` (what :func:`overview` shows its runners)."""
    network = request.network  # type: ignore[attr-defined]
    member = request.member  # type: ignore[attr-defined]
    as_of = as_of_date(request)
    query = _as_of_query(request)
    analysis = analysis_for(network, as_of)
    earlier = [
        (str(label), trend_for(network, as_of - dt.timedelta(days=days))) for days, label in EARLIER
    ]
    url = _url_maker(network, query)
    groups = panels.signal_groups(network, analysis)
    seen = acknowledged(network, analysis)
    open_signals = [s for i, s in enumerate(analysis.result.signals) if i not in seen]
    moment = _next_moment(network, as_of)
    suggestions = panels.suggestion_views(network, analysis, query)
    context = {
        "as_of": as_of,
        "as_of_form": AsOfForm(request.GET or None),
        "query": query,
        "overall": panels.verdict_view(analysis.result.scenario.overall, url),
        "recent": panels.verdict_view(analysis.result.scenario.recent, url),
        "chart": _chart(network, analysis, query),
        "warmth": panels.warmth_view(network, analysis, earlier),
        "signal_groups": groups,
        "signal_count": len(analysis.result.signals),
        "drift": story.drift_sentence(analysis.result.scenario),
        "next_moment": moment,
        "next_steps": story.next_steps(analysis, open_signals, moment),
        "warmth_lag": story.warmth_lag_sentence(analysis),
        "suggestions": suggestions,
        "suggestion_groups": panels.suggestion_groups(suggestions),
        "can_plan": member.can_write,
        "advice": outcomes(network),
        "acknowledged": panels.acknowledged_signals(network, analysis),
        "dismiss_reasons": DismissReason.choices,
        "period_label": _("month") if analysis.result.balance.period == "month" else _("quarter"),
        "survey": survey_dashboard(network, as_of),
        "day": analysis.day,
        "tie_time": tie_time_phrase(
            analysis.result.warmth.mean_relational, analysis.result.warmth.mean_familiarity
        ),
        "hard_moments": hard_moment_views(analysis)[:5],
        "window_months": analysis.result.settings.hard_moment_window_months,
    }
    return render(request, "dashboard/dashboard.html", context)


@network_view()
def overview(request: HttpRequest) -> HttpResponse:
    """The network's landing page (``network:overview``): the dashboard for those who run
    the network; for participants and observers the network as a whole and their own next
    steps, without anyone else's ties or warmth."""
    member = request.member  # type: ignore[attr-defined]
    if member.role in RUNNERS:
        return dashboard_page(request)
    network = request.network  # type: ignore[attr-defined]
    now = timezone.now()
    mine = set(
        member.attendances.filter(activity__start__gte=now)
        .exclude(status=AttendanceStatus.DECLINED)
        .values_list("activity_id", flat=True)
    )
    upcoming = list(
        Activity.objects.filter(network=network, start__gte=now).order_by("start")[:UPCOMING]
    )
    verdict = analysis_for(network).result.scenario.overall
    context = {
        "verdict": verdict,
        "verdict_label": scenario_label(verdict.scenario.value).capitalize(),
        "verdict_text": render_message(verdict.message),
        "upcoming": [(a, a.pk in mine) for a in upcoming],
        "milestones": Milestone.objects.filter(network=network).order_by("-date")[:5],
    }
    return render(request, "dashboard/home.html", context)


def _day_start(day: dt.date) -> dt.datetime:
    return timezone.make_aware(dt.datetime.combine(day, dt.time.min))


@network_view(roles=RUNNERS)
def period_detail(request: HttpRequest) -> HttpResponse:
    """The activities behind one period's figures (``?period=2025-03``, default: the
    month of the analysis date), largest person-hours first."""
    network = request.network  # type: ignore[attr-defined]
    as_of = as_of_date(request)
    period = request.GET.get("period") or as_of.strftime("%Y-%m")
    try:
        start, end = period_bounds(period)
    except (ValueError, OverflowError):
        raise Http404("No such period") from None
    if not FIRST_DAY <= start < end <= LAST_DAY:
        raise Http404("No such period")
    end = min(end, as_of + dt.timedelta(days=1))
    attended = Count("attendances", filter=Q(attendances__status=AttendanceStatus.ATTENDED))
    accepted = Count("attendances", filter=Q(attendances__status=AttendanceStatus.ACCEPTED))
    activities = (
        Activity.objects.filter(
            network=network, start__gte=_day_start(start), start__lt=_day_start(end)
        )
        .annotate(n_attended=attended, n_accepted=accepted)
        .annotate(
            attendees=Case(
                When(n_attended__gt=0, then=F("n_attended")),
                default=F("n_accepted"),
                output_field=IntegerField(),
            )
        )
        .annotate(weight=F("attendees") * F("duration_minutes"))
        .order_by("-weight", "start", "pk")
    )
    total = activities.count()
    rows = []
    for a in activities.select_related("host_organisation", "dossier")[:PERIOD_ACTIVITIES]:
        hours = a.weight / 60
        rows.append((a, round(hours * a.effective_share), round(hours * (1 - a.effective_share))))
    analysis = analysis_for(network, as_of)
    bal = analysis.result.balance
    figures = None
    if period in bal.labels:
        i = bal.labels.index(period)
        share = float(bal.share[i])
        figures = {
            "content": round(float(bal.content_hours[i])),
            "relationship": round(float(bal.relationship_hours[i])),
            "share": None if share != share else round(100 * share),
            "activities": int(bal.activities[i]),
        }
    list_url = reverse("activities:activity_list", args=[network.slug])
    context = {
        "period": period,
        "start": start,
        "last_day": end - dt.timedelta(days=1),
        "rows": rows,
        "total": total,
        "figures": figures,
        "all_url": f"{list_url}?since={start.isoformat()}&until={(end - dt.timedelta(days=1))}",
        "query": _as_of_query(request),
    }
    template = "dashboard/period.html"
    if request.htmx:  # type: ignore[attr-defined]
        template += "#panel"
    return render(request, template, context)


@network_view(roles=RUNNERS)
def cold_members(request: HttpRequest) -> HttpResponse:
    """Every cold member, coldest first, a page at a time."""
    network = request.network  # type: ignore[attr-defined]
    analysis = analysis_for(network, as_of_date(request))
    w = analysis.result.warmth
    order = w.cold[w.strength[w.cold].argsort(kind="stable")].tolist()
    page = Paginator(order, COLD_PER_PAGE).get_page(request.GET.get("page"))
    links = panels.member_links(network, analysis.lookup, list(page))
    rows = [
        (link, int(w.warm_ties[r]), int(w.warm_cross_ties[r]))
        for link, r in zip(links, page, strict=True)
    ]
    context = {"page": page, "rows": rows, "query": _as_of_query(request)}
    return render(request, "dashboard/cold_members.html", context)
