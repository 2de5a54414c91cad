"""Answering through a personal link: no login, one round, once.

The link's token is the only way in.  An unknown, used or voided token gets the same
answer as one that never existed, so a link cannot even confirm that someone answered.
"""

from __future__ import annotations

from django.conf import settings
from django.http import Http404, HttpRequest, HttpResponse, HttpResponseNotAllowed
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone, translation
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods

from warmnet.network.scoping import network_view
from warmnet.surveys.actions import (
    LinkNotValid,
    RoundClosed,
    invitation_for,
    own_link,
    record_response,
)
from warmnet.surveys.forms import AnswerForm
from warmnet.surveys.items import MAX_PARTNERS, OPEN_ITEM, PARTNER_ITEM
from warmnet.surveys.models import SurveyRound
from warmnet.surveys.tokens import looks_like_token

__all__ = ["answer", "answer_own", "answered"]


def _not_valid(request: HttpRequest) -> HttpResponse:
    return render(request, "surveys/answer_invalid.html", status=404)


@never_cache
@require_http_methods(["GET", "HEAD", "POST"])
def answer(request: HttpRequest, token: str) -> HttpResponse:
    if not looks_like_token(token):
        return _not_valid(request)
    try:
        invitation = invitation_for(token)
    except LinkNotValid:
        return _not_valid(request)
    if settings.LANGUAGE_COOKIE_NAME not in request.COOKIES:
        # no language chosen on this device: the one the invitation was written in
        translation.activate(invitation.language)
        request.LANGUAGE_CODE = invitation.language  # type: ignore[attr-defined]
    survey = invitation.round
    today = timezone.localdate()
    if not survey.is_open(today):
        state = survey.state(today)
        return render(
            request,
            "surveys/answer_closed.html",
            {"survey": survey, "state": state},
            status=200 if state == "scheduled" else 410,
        )
    data = request.POST if request.method == "POST" else None
    form = AnswerForm(data, survey=survey, own_organisation=invitation.member.organisation_id)
    if data is not None and form.is_valid():
        try:
            record_response(token, form.answer(), today)
        except (LinkNotValid, RoundClosed):
            return _not_valid(request)
        return redirect("survey_answered")
    context = {
        "survey": survey,
        "network": None,
        "network_name": survey.network.name,
        "form": form,
        "asks_partners": survey.has(PARTNER_ITEM),
        "asks_open": survey.has(OPEN_ITEM),
        "max_partners": MAX_PARTNERS,
        "retention_months": round(settings.SURVEY_RETENTION_DAYS / 30.44),
        "min_group": survey.min_group,
    }
    return render(request, "surveys/answer.html", context, status=400 if data else 200)


@never_cache
def answered(request: HttpRequest) -> HttpResponse:
    return render(request, "surveys/answered.html")


@never_cache
@network_view(personal=True)
def answer_own(request: HttpRequest, pk: int) -> HttpResponse:
    """ "Enquête invullen" on the member's own overview: a fresh personal link for the
    logged-in member's own unanswered invitation, then the answer page (so a member can
    answer without the mail, e.g. when no mail server is configured).  Anyone else, an
    answered or closed round: not found, as for a link that does not exist."""
    if request.method != "POST":
        return HttpResponseNotAllowed(["POST"])
    network = request.network  # type: ignore[attr-defined]
    survey = get_object_or_404(SurveyRound, network=network, pk=pk)
    try:
        token = own_link(survey, request.member, timezone.localdate())  # type: ignore[attr-defined]
    except (LinkNotValid, RoundClosed) as error:
        raise Http404("No open invitation") from error
    return redirect(reverse("survey_answer", args=[token]))
