"""Plan an activity from a suggestion; dismiss one; acknowledge a signal.

The URL names the suggestion by its opaque id only (``?suggestion=...``); the
draft is built here from the analysis.  The draft's title is neutral and its
description empty: why the analysis suggests it (who is cold, which dispute)
is shown on this page and kept with the suggestion's record for those who run
the network, and never goes into the activity that invitees read.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from django import forms
from django.contrib import messages
from django.db import transaction
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext

from warmnet.activities.actions import plan_activity
from warmnet.activities.forms import PlanActivityForm
from warmnet.activities.models import ActivityKind
from warmnet.dashboard.views import AsOfForm, as_of_date
from warmnet.dossiers.models import Point
from warmnet.engine.data import ActivityKind as EngineKind
from warmnet.engine.suggestions import SuggestionType
from warmnet.insights.service import Analysis, analysis_for
from warmnet.insights.texts import render_message
from warmnet.network.models import Network
from warmnet.network.scoping import get_owned, network_view
from warmnet.programme import actions
from warmnet.programme.models import DismissReason, SuggestionRecord, SuggestionState
from warmnet.programme.offers import Offer, find_offer, signal_fingerprint, signal_key

__all__ = ["acknowledge", "dismiss", "plan", "reopen"]

#: Neutral titles: nothing about who is cold or which dispute it is about.
NEUTRAL_TITLES = {
    SuggestionType.BRIDGE_DISPUTE: gettext_lazy("Informal meeting"),
    SuggestionType.BRIDGE_ORGANISATIONS: gettext_lazy("Work visit"),
    SuggestionType.BUDDY: gettext_lazy("Coffee"),
    SuggestionType.PEER_CONSULTATION: gettext_lazy(
        "Peer consultation: helping a colleague with a tough problem"
    ),
}
# Start time and length of a planned activity, by kind: late afternoon, two hours.
PLAN_HOUR = 16
PLAN_MINUTES = {int(ActivityKind.PEER_CONSULTATION): 90, int(ActivityKind.DINNER): 150}


def draft(offer: Offer, analysis: Analysis) -> tuple[dict[str, Any], list[int]]:
    """Initial values of the activity form for a suggestion, and its people's ids."""
    s = offer.suggestion
    lookup = analysis.lookup
    kind = int(EngineKind(s.activity_kind))
    start = timezone.make_aware(dt.datetime.combine(s.date.astype(object), dt.time(PLAN_HOUR)))
    ids = [lookup.member_id[r] for r in s.invitees.tolist()]
    initial: dict[str, Any] = {
        "kind": kind,
        "start": start,
        "end": start + dt.timedelta(minutes=PLAN_MINUTES.get(kind, 120)),
        "title": str(NEUTRAL_TITLES[s.type]),
        "invitees": ids,
    }
    if s.host_org >= 0:
        initial["host_organisation"] = lookup.org_id[s.host_org]
    if s.subject.kind == "point" and 0 <= s.subject.row < len(lookup.point_id):
        dossier = (
            Point.objects.filter(pk=lookup.point_id[s.subject.row])
            .values_list("dossier_id", flat=True)
            .first()
        )
        if dossier is not None:
            initial["dossier"] = dossier
    return initial, ids


def _analysis(request: HttpRequest) -> Analysis:
    source = request.POST if request.method == "POST" else request.GET
    form = AsOfForm(source)
    day = form.cleaned_data["as_of"] if form.is_valid() and form.cleaned_data["as_of"] else None
    return analysis_for(request.network, day or as_of_date(request))  # type: ignore[attr-defined]


def _gone(request: HttpRequest, network: Network) -> HttpResponse:
    messages.warning(
        request,
        _("That suggestion is no longer offered: the analysis has changed, or it was dealt with."),
    )
    return redirect(reverse("network:overview", args=[network.slug]) + "#suggestions")


@network_view(write=True)
def plan(request: HttpRequest) -> HttpResponse:
    """GET ``?suggestion=<id>``: the draft; POST: save it and invite the people."""
    network = request.network  # type: ignore[attr-defined]
    source = request.POST if request.method == "POST" else request.GET
    analysis = _analysis(request)
    offer = find_offer(network, analysis, source.get("suggestion", ""))
    if offer is None:
        return _gone(request, network)
    initial, ids = draft(offer, analysis)
    if request.method == "POST":
        form = PlanActivityForm(request.POST, network=network, invitee_ids=ids)
        if form.is_valid():
            invitees = list(form.cleaned_data["invitees"])
            with transaction.atomic():
                activity, n = plan_activity(network, request.user, form, invitees)
                actions.record_planned(
                    network, request.user, offer, activity, [m.pk for m in invitees]
                )
            no_mail = [m.name for m in invitees if not m.email]
            messages.success(
                request,
                ngettext(
                    "Planned: %(activity)s. %(n)d person invited; the mail is on its way.",
                    "Planned: %(activity)s. %(n)d people invited; the mails are on their way.",
                    n,
                )
                % {"activity": activity.title, "n": n},
            )
            if no_mail:
                messages.warning(
                    request,
                    _("Not invited by e-mail (no e-mail address): %(names)s")
                    % {"names": ", ".join(no_mail)},
                )
            return redirect(reverse("activities:activity_detail", args=[network.slug, activity.pk]))
        status = 400
    else:
        form = PlanActivityForm(initial=initial, network=network, invitee_ids=ids)
        status = 200
    context = {
        "form": form,
        "title": _("Plan an activity"),
        "cancel_url": reverse("network:overview", args=[network.slug]),
        "reason": render_message(offer.suggestion.reason),
        "suggestion": offer.id,
        "as_of": source.get("as_of", ""),
    }
    return render(request, "programme/plan.html", context, status=status)


class DismissForm(forms.Form):
    suggestion = forms.CharField(max_length=64)
    reason = forms.ChoiceField(label=gettext_lazy("Why not"), choices=DismissReason.choices)
    as_of = forms.DateField(required=False)


@network_view(write=True)
def dismiss(request: HttpRequest) -> HttpResponse:
    network = request.network  # type: ignore[attr-defined]
    if request.method != "POST":
        return redirect(reverse("network:overview", args=[network.slug]) + "#suggestions")
    form = DismissForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Choose why this suggestion does not fit."))
        return redirect(reverse("network:overview", args=[network.slug]) + "#suggestions")
    offer = find_offer(network, _analysis(request), form.cleaned_data["suggestion"])
    if offer is None:
        return _gone(request, network)
    actions.dismiss_suggestion(network, request.user, offer, form.cleaned_data["reason"])
    messages.success(
        request,
        _("Suggestion put aside: %(reason)s.")
        % {"reason": DismissReason(form.cleaned_data["reason"]).label},
    )
    return redirect(reverse("network:overview", args=[network.slug]) + "#suggestions")


@network_view(write=True)
def reopen(request: HttpRequest, pk: int) -> HttpResponse:
    network = request.network  # type: ignore[attr-defined]
    record = get_owned(request, SuggestionRecord, pk, state=SuggestionState.DISMISSED)
    if request.method == "POST":
        actions.reopen_suggestion(network, request.user, record)
        messages.success(request, _("The suggestion is offered again when the analysis makes it."))
    return redirect(reverse("network:overview", args=[network.slug]) + "#advice")


@network_view(write=True)
def acknowledge(request: HttpRequest) -> HttpResponse:
    """Acknowledge the signal at a position of the current analysis; it folds away until
    its evidence changes."""
    network = request.network  # type: ignore[attr-defined]
    back = reverse("network:overview", args=[network.slug]) + "#signals-heading"
    if request.method != "POST":
        return redirect(back)
    analysis = _analysis(request)
    wanted = request.POST.get("signal", "")
    for signal in analysis.result.signals:
        if signal_fingerprint(signal) == wanted:
            actions.acknowledge_signal(
                network, request.user, signal_key(signal, analysis.lookup), wanted
            )
            messages.success(
                request, _("Signal acknowledged: it returns when its evidence changes.")
            )
            break
    else:
        messages.warning(request, _("That signal is no longer raised."))
    return redirect(back)
