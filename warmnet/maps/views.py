"""The network map, the organisation map and the fault-line view of a point of dispute."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import timezone

from warmnet.dossiers.models import Point
from warmnet.insights.service import analysis_for
from warmnet.insights.texts import RISK_LABELS, render_message
from warmnet.maps.faultline import SIDE_COLOURS, fault_line_of, faultline_picture
from warmnet.maps.forms import MapFilterForm
from warmnet.maps.member_map import MAX_NODES, member_map
from warmnet.maps.organisation_map import organisation_map
from warmnet.maps.queries import history_months
from warmnet.network.scoping import RUNNERS, get_owned, network_view

__all__ = ["faultline", "network_map", "organisation_map_view"]


def _filters(request: HttpRequest) -> tuple[MapFilterForm, dict[str, Any]]:
    today = timezone.localdate()
    data = request.GET.copy()
    if not data.get("as_of"):
        data["as_of"] = today.isoformat()
    form = MapFilterForm(data, network=request.network, today=today)  # type: ignore[attr-defined]
    form.is_valid()
    cleaned: dict[str, Any] = getattr(form, "cleaned_data", {})
    return form, {
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
    }


@network_view(roles=RUNNERS)
def network_map(request: HttpRequest) -> HttpResponse:
    form, f = _filters(request)
    org_ids = [f["organisation"].pk] if f["organisation"] else []
    dossier_id = f["dossier"].pk if f["dossier"] else None
    picture = member_map(request.network, f["as_of"], org_ids, dossier_id)  # type: ignore[attr-defined]
    context = {
        "form": form,
        "picture": picture,
        "max_nodes": MAX_NODES,
        "filtered": bool(org_ids or dossier_id),
        **_slider(request.network, f["as_of"], f["today"]),  # type: ignore[attr-defined]
    }
    template = "maps/network_map.html"
    if request.htmx:  # type: ignore[attr-defined]
        template += "#picture"
    return render(request, template, context, status=400 if form.errors else 200)


@network_view(roles=RUNNERS)
def organisation_map_view(request: HttpRequest) -> HttpResponse:
    form, f = _filters(request)
    picture = organisation_map(request.network, f["as_of"])  # type: ignore[attr-defined]
    context = {
        "form": form,
        "picture": picture,
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
