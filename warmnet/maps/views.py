"""The network map, the organisation map and the fault-line view of a point of dispute."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils import timezone
from django.utils.formats import date_format

from warmnet.dossiers.models import Point
from warmnet.insights.service import analysis_for
from warmnet.insights.texts import RISK_LABELS, render_message
from warmnet.maps.faultline import SIDE_COLOURS, fault_line_of, faultline_picture
from warmnet.maps.forms import MapFilterForm
from warmnet.maps.map_json import map_json_for
from warmnet.maps.map_strings import map_strings
from warmnet.maps.map_table import MapFilters, table_page
from warmnet.maps.member_map import member_map
from warmnet.maps.organisation_map import organisation_map
from warmnet.maps.palette import DISTINCT
from warmnet.maps.queries import history_months
from warmnet.network.scoping import RUNNERS, get_owned, network_view
from warmnet.surveys.map_layer import survey_layer

__all__ = ["faultline", "network_map", "network_map_data", "organisation_map_view"]


def _filters(request: HttpRequest) -> tuple[MapFilterForm, dict[str, Any]]:
    today = timezone.localdate()
    data = request.GET.copy()
    if not data.get("as_of"):
        data["as_of"] = today.isoformat()
    form = MapFilterForm(data, network=request.network, today=today)  # type: ignore[attr-defined]
    form.is_valid()
    cleaned: dict[str, Any] = getattr(form, "cleaned_data", {})
    return form, {
        "q": (cleaned.get("q") or "").strip(),
        "organisation": cleaned.get("organisation"),
        "dossier": cleaned.get("dossier"),
        "as_of": cleaned.get("as_of") or today,
        "today": today,
    }


def _slider(network: Any, as_of: dt.date, today: dt.date) -> dict[str, Any]:
    months = history_months(network, today)
    index = next((i for i, day in enumerate(months) if day >= as_of), len(months) - 1)
    return {
        "months": [m.isoformat() for m in months],
        "month_index": index,
        "month_day": as_of.isoformat(),
        "month_day_label": date_format(as_of, "j F Y"),
    }


@network_view(roles=RUNNERS)
def network_map(request: HttpRequest) -> HttpResponse:
    network = request.network  # type: ignore[attr-defined]
    form, f = _filters(request)
    picture = member_map(network, f["as_of"])
    filters = MapFilters(
        query=f["q"],
        organisation=f["organisation"].pk if f["organisation"] else None,
        dossier=f["dossier"].pk if f["dossier"] else None,
    )
    page = table_page(picture, analysis_for(network, f["as_of"]), filters, request.GET.get("page"))
    slider = _slider(network, f["as_of"], f["today"])
    query = request.GET.copy()
    query.pop("page", None)
    context = {
        "form": form,
        "picture": picture,
        "page": page,
        "filtered": filters != MapFilters(),
        "query": query.urlencode(),
        "distinct": DISTINCT,
        "config": {
            "data": reverse("maps:network_map_data", args=[network.slug]),
            "member": reverse("network:member_detail", args=[network.slug, 0]),
            "asOf": picture.as_of.isoformat(),
            "months": slider["months"],
            "strings": map_strings(),
        },
        **slider,
    }
    template = "maps/network_map.html"
    if request.htmx:  # type: ignore[attr-defined]
        template += "#table"
    return render(request, template, context, status=400 if form.errors else 200)


@network_view(roles=RUNNERS)
def network_map_data(request: HttpRequest) -> HttpResponse:
    """The map of one day as JSON (``?as_of=``), for the page's script."""
    _form, f = _filters(request)
    body = map_json_for(request.network, f["as_of"])  # type: ignore[attr-defined]
    response = HttpResponse(body, content_type="application/json")
    response["Cache-Control"] = "private, no-cache"
    return response


@network_view(roles=RUNNERS)
def organisation_map_view(request: HttpRequest) -> HttpResponse:
    form, f = _filters(request)
    picture = organisation_map(request.network, f["as_of"])  # type: ignore[attr-defined]
    context = {
        "form": form,
        "picture": picture,
        "survey": survey_layer(request.network, picture),  # type: ignore[attr-defined]
        **_slider(request.network, f["as_of"], f["today"]),  # type: ignore[attr-defined]
    }
    template = "maps/organisation_map.html"
    if request.htmx:  # type: ignore[attr-defined]
        template += "#picture"
    return render(request, template, context, status=400 if form.errors else 200)


@network_view(roles=RUNNERS)
def faultline(request: HttpRequest, pk: int) -> HttpResponse:
    point = get_owned(request, Point, pk)
    _form, f = _filters(request)
    analysis = analysis_for(request.network, f["as_of"])  # type: ignore[attr-defined]
    line = fault_line_of(analysis, point.pk)
    picture = faultline_picture(analysis, point, line) if line is not None else None
    suggestion = picture.suggestion if picture else None
    context = {
        "object": point,
        "dossier": point.dossier,
        "as_of": analysis.as_of,
        "picture": picture,
        "risk": RISK_LABELS[line.risk.value] if line else "",
        "risk_code": line.risk.value if line else "",
        "colours": SIDE_COLOURS,
        "suggestion_text": render_message(suggestion.reason) if suggestion else "",
        "suggestion_date": suggestion.date.astype(dt.date) if suggestion else None,
        "suggested": (
            [analysis.lookup.member_with_org(r) for r in suggestion.invitees.tolist()]
            if suggestion
            else []
        ),
    }
    return render(request, "maps/faultline.html", context)
