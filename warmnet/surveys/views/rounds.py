"""The survey pages of a network: rounds, their response rate and their results.

Every member sees the same results; the coordinator's extra buttons (open a round,
invite, remind, close) change who is asked and when, never what anyone can see.
Behavioural warmth beside the reported trust follows the analysis's own rule: for
those who run the network.
"""

from __future__ import annotations

import csv
import datetime as dt
from functools import wraps
from typing import Any

from django.conf import settings
from django.contrib import messages
from django.http import Http404, HttpRequest, HttpResponse, HttpResponseNotAllowed
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from warmnet.network.scoping import COORDINATORS, RUNNERS, get_owned, network_view
from warmnet.surveys import report
from warmnet.surveys.actions import (
    RoundClosed,
    close_round,
    create_round,
    invite,
    remind,
    save_settings,
)
from warmnet.surveys.comparison import behaviour_between
from warmnet.surveys.forms import RoundForm, SettingsForm
from warmnet.surveys.items import NETWORK_ITEMS, PARTNER_DIMENSIONS
from warmnet.surveys.models import Response, SurveyRound, SurveySettings
from warmnet.surveys.models.round import all_items
from warmnet.surveys.panel import survey_signal_views

__all__ = [
    "round_close",
    "round_detail",
    "round_export",
    "round_invite",
    "round_list",
    "round_new",
    "round_remind",
    "survey_settings",
]


def _closed_if_due(survey: SurveyRound, today: dt.date) -> SurveyRound:
    """A round past its last day is closed (and its figures computed) on first sight,
    whether or not the maintenance command ran yet."""
    if survey.is_due_to_close(today):
        return close_round(survey, None)
    return survey


@network_view()
def round_list(request: HttpRequest) -> HttpResponse:
    network = request.network  # type: ignore[attr-defined]
    today = timezone.localdate()
    rounds = [_closed_if_due(r, today) for r in SurveyRound.objects.filter(network=network)]
    closed = sorted((r for r in rounds if r.closed_at), key=lambda r: (r.closes_on, r.pk))
    items, trend_rows = report.trend(closed)
    context = {
        "rounds": [(r, r.state(today), r.state_label(today)) for r in rounds],
        "trend_items": items,
        "trend_rows": trend_rows,
        "signals": survey_signal_views(network, today),
        "can_manage": request.member.role in COORDINATORS,  # type: ignore[attr-defined]
        "min_group": SurveySettings.of(network).min_group,
    }
    return render(request, "surveys/round_list.html", context)


def _response_counts(survey: SurveyRound) -> dict[str, Any]:
    if survey.results:
        invited, responded = survey.results["invited"], survey.results["respondents"]
    else:
        invited = survey.invitations.count()
        responded = Response.objects.filter(round=survey).count()
    return {
        "invited": invited,
        "responded": responded,
        "rate": round(100 * responded / invited) if invited else None,
    }


@network_view()
def round_detail(request: HttpRequest, pk: int) -> HttpResponse:
    network = request.network  # type: ignore[attr-defined]
    member = request.member  # type: ignore[attr-defined]
    today = timezone.localdate()
    survey = _closed_if_due(get_owned(request, SurveyRound, pk), today)
    context: dict[str, Any] = {
        "survey": survey,
        "state": survey.state(today),
        "state_label": survey.state_label(today),
        "counts": _response_counts(survey),
        "can_manage": member.role in COORDINATORS,
        "open_now": survey.is_open(today),
    }
    results = survey.results
    if survey.closed_at is not None and results:
        chosen = request.GET.get("organisation") or None
        behaviour = None
        if member.role in RUNNERS and results["pairs"]:
            behaviour = behaviour_between(network, survey.closes_on)
        headers, rows = report.matrix(results)
        context |= {
            "results": results,
            "items": report.item_views(results, chosen),
            "chosen": chosen,
            "chosen_name": dict(report.organisation_choices(results)).get(chosen or "", ""),
            "choices": report.organisation_choices(results),
            "pairs": report.pair_views(results, behaviour),
            "show_behaviour": behaviour is not None,
            "matrix_headers": headers,
            "matrix_rows": rows,
            "dimensions": PARTNER_DIMENSIONS,
        }
    return render(request, "surveys/round_detail.html", context)


@network_view()
def round_export(request: HttpRequest, pk: int) -> HttpResponse:
    """The published figures of a closed round as CSV: exactly what the page shows."""
    survey = _closed_if_due(get_owned(request, SurveyRound, pk), timezone.localdate())
    if survey.closed_at is None or not survey.results:
        raise Http404("Not closed yet")
    results = survey.results
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="survey-{survey.pk}.csv"'
    out = csv.writer(response)
    out.writerow(
        ["section", "question", "group", "n", "mean", "1", "2", "3", "4", "5", "dont_know"]
    )
    names = results["organisations"]
    for item in NETWORK_ITEMS:
        data = results["items"].get(item.code)
        if data is None:
            continue
        groups = [("", data["total"])] if data["total"] else []
        groups += [(names.get(g, g), f) for g, f in data["groups"].items()]
        for group, f in groups:
            out.writerow(
                ["item", item.code, group, f["n"], f["mean"], *f["counts"], f["dont_know"]]
            )
    for pair in results["pairs"]:
        group = f"{names.get(str(pair['a']), '?')} | {names.get(str(pair['b']), '?')}"
        for code, f in pair["dimensions"].items():
            out.writerow(["pair", code, group, f["n"], f["mean"], *f["counts"], f["dont_know"]])
    for text in results.get("open_answers") or []:
        out.writerow(["open", "open", "", "", "", "", "", "", "", "", text])
    return response


@network_view(write=True, roles=COORDINATORS)
def round_new(request: HttpRequest) -> HttpResponse:
    network = request.network  # type: ignore[attr-defined]
    today = timezone.localdate()
    data = request.POST if request.method == "POST" else None
    form = RoundForm(
        data,
        network=network,
        today=today,
        initial={
            "opens_on": today,
            "closes_on": today + dt.timedelta(days=14),
            "whole_network": True,
            "items": all_items(),
        },
    )
    if data is not None and form.is_valid():
        survey = create_round(network, request.user, form)
        messages.success(request, _("Saved: %(object)s") % {"object": survey})
        return redirect("surveys:round_detail", network.slug, survey.pk)
    context = {
        "form": form,
        "title": _("New survey round"),
        "cancel_url": reverse("surveys:round_list", args=[network.slug]),
        "min_group": SurveySettings.of(network).min_group,
    }
    return render(request, "surveys/round_form.html", context, status=400 if data else 200)


def _base_url(request: HttpRequest) -> str:
    return request.build_absolute_uri("/")


def _post_only(view: Any) -> Any:
    @wraps(view)
    def wrapper(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        if request.method != "POST":
            return HttpResponseNotAllowed(["POST"])
        return view(request, *args, **kwargs)

    return wrapper


@network_view(write=True, roles=COORDINATORS)
@_post_only
def round_invite(request: HttpRequest, pk: int) -> HttpResponse:
    survey = get_owned(request, SurveyRound, pk)
    try:
        sent = invite(survey, request.user, _base_url(request), timezone.localdate())
    except RoundClosed:
        messages.error(request, _("This round is not open: no invitations were sent."))
    else:
        messages.success(
            request,
            _("Invitations queued: %(count)s. The outbox counts how many have gone out.")
            % {"count": sent.sent},
        )
        if sent.without_email:
            messages.warning(
                request,
                _("Not invited, no e-mail address: %(names)s.")
                % {"names": ", ".join(sent.without_email)},
            )
    return redirect("surveys:round_detail", request.network.slug, survey.pk)  # type: ignore[attr-defined]


@network_view(write=True, roles=COORDINATORS)
@_post_only
def round_remind(request: HttpRequest, pk: int) -> HttpResponse:
    survey = get_owned(request, SurveyRound, pk)
    try:
        sent = remind(survey, request.user, _base_url(request), timezone.localdate())
    except RoundClosed:
        messages.error(request, _("This round is not open: no reminders were sent."))
    else:
        messages.success(
            request,
            _("Reminders queued: %(count)s. The outbox counts how many have gone out.")
            % {"count": sent},
        )
    return redirect("surveys:round_detail", request.network.slug, survey.pk)  # type: ignore[attr-defined]


@network_view(write=True, roles=COORDINATORS)
@_post_only
def round_close(request: HttpRequest, pk: int) -> HttpResponse:
    survey = get_owned(request, SurveyRound, pk)
    if survey.closed_at is None:
        close_round(survey, request.user)
        messages.success(request, _("The round is closed; its results are below."))
    return redirect("surveys:round_detail", request.network.slug, survey.pk)  # type: ignore[attr-defined]


@network_view(write=True, roles=COORDINATORS)
def survey_settings(request: HttpRequest) -> HttpResponse:
    network = request.network  # type: ignore[attr-defined]
    current = SurveySettings.of(network)
    data = request.POST if request.method == "POST" else None
    form = SettingsForm(data, instance=current)
    if data is not None and form.is_valid():
        save_settings(network, request.user, form.cleaned_data["min_group"])
        messages.success(request, _("Saved: %(object)s") % {"object": _("survey settings")})
        return redirect("surveys:round_list", network.slug)
    context = {
        "form": form,
        "title": _("Survey settings"),
        "cancel_url": reverse("surveys:round_list", args=[network.slug]),
        "retention_days": settings.SURVEY_RETENTION_DAYS,
    }
    return render(request, "surveys/settings.html", context, status=400 if data else 200)
