from __future__ import annotations

from typing import Any

from django.db.models import Count, Q, QuerySet
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from warmnet.activities.models import Activity
from warmnet.dossiers.forms import DossierForm
from warmnet.dossiers.models import Dossier, Milestone, Point, PointKind, PointStatus
from warmnet.insights.hardmoments import hard_moment_views
from warmnet.insights.service import analysis_for
from warmnet.maps.faultline import risk_by_point
from warmnet.maps.timeline import milestone_axis
from warmnet.network.editing import delete_page, edit_page
from warmnet.network.scoping import RUNNERS, get_owned, network_view

RECENT_ACTIVITIES = 20


def _counts_by_dossier(queryset: QuerySet[Any], **extra: Q) -> dict[int, dict[str, int]]:
    rows = queryset.values("dossier").annotate(
        n=Count("pk"), **{name: Count("pk", filter=q) for name, q in extra.items()}
    )
    return {row.pop("dossier"): row for row in rows}


@network_view()
def dossier_list(request: HttpRequest) -> HttpResponse:
    network = request.network  # type: ignore[attr-defined]
    dossiers = list(Dossier.objects.filter(network=network))
    # One grouped query per related table, however many dossiers there are.
    points = _counts_by_dossier(
        Point.objects.filter(network=network),
        open_disputes=Q(kind=PointKind.DISPUTE)
        & Q(status__in=[PointStatus.OPEN, PointStatus.DEADLOCKED]),
        agreed=Q(status=PointStatus.AGREED),
    )
    milestones = _counts_by_dossier(Milestone.objects.filter(network=network))
    activities = _counts_by_dossier(Activity.objects.filter(network=network))
    rows = [
        {
            "dossier": d,
            "points": points.get(d.pk, {}).get("n", 0),
            "open_disputes": points.get(d.pk, {}).get("open_disputes", 0),
            "agreed": points.get(d.pk, {}).get("agreed", 0),
            "milestones": milestones.get(d.pk, {}).get("n", 0),
            "activities": activities.get(d.pk, {}).get("n", 0),
        }
        for d in dossiers
    ]
    return render(request, "dossiers/dossier_list.html", {"rows": rows})


@network_view()
def dossier_detail(request: HttpRequest, pk: int) -> HttpResponse:
    dossier = get_owned(request, Dossier, pk)
    points = list(
        Point.objects.filter(dossier=dossier)
        .annotate(n_positions=Count("positions"))
        .order_by("kind", "status", "title")
    )
    analysis = analysis_for(request.network)  # type: ignore[attr-defined]
    risks = risk_by_point(analysis)
    for point in points:
        point.fault_line = risks.get(point.pk)  # type: ignore[attr-defined]
    milestones = list(Milestone.objects.filter(dossier=dossier).order_by("date", "pk"))
    activities = Activity.objects.filter(dossier=dossier).select_related("host_organisation")
    context = {
        "object": dossier,
        "points": points,
        "milestones": milestones,
        "milestone_axis": milestone_axis(milestones, timezone.localdate()),
        "activities": activities.order_by("-start", "-pk")[:RECENT_ACTIVITIES],
        "n_activities": activities.count(),
        "hard_moments": _hard_moments(request, analysis, {p.pk for p in points}),
        "window_months": analysis.result.settings.hard_moment_window_months,
    }
    return render(request, "dossiers/dossier_detail.html", context)


def _hard_moments(request: HttpRequest, analysis: Any, point_ids: set[int]) -> list[Any]:
    """The hard moments among the organisations on the sides of the dossier's disputes
    (for the roles that see warmth)."""
    if request.member.role not in RUNNERS or not point_ids:  # type: ignore[attr-defined]
        return []
    lookup = analysis.lookup
    rows = {row for row, pk in enumerate(lookup.point_id) if pk in point_ids}
    orgs: set[int] = set()
    for line in analysis.result.faultlines:
        if line.point in rows:
            for member in [*line.for_members.tolist(), *line.against_members.tolist()]:
                if lookup.member_org[member] >= 0:
                    orgs.add(lookup.member_org[member])
    return hard_moment_views(analysis, orgs) if orgs else []


@network_view(write=True)
def dossier_edit(request: HttpRequest, pk: int | None = None) -> HttpResponse:
    slug = request.network.slug  # type: ignore[attr-defined]
    instance = get_owned(request, Dossier, pk) if pk else None
    return edit_page(
        request,
        DossierForm,
        instance,
        title=_("Edit dossier") if instance else _("New dossier"),
        cancel_url=(
            reverse("dossiers:dossier_detail", args=[slug, pk])
            if pk
            else reverse("dossiers:dossier_list", args=[slug])
        ),
        success_url=lambda obj: reverse("dossiers:dossier_detail", args=[slug, obj.pk]),
        delete_url=reverse("dossiers:dossier_delete", args=[slug, pk]) if pk else "",
    )


@network_view(write=True)
def dossier_delete(request: HttpRequest, pk: int) -> HttpResponse:
    slug = request.network.slug  # type: ignore[attr-defined]
    return delete_page(
        request,
        get_owned(request, Dossier, pk),
        cancel_url=reverse("dossiers:dossier_detail", args=[slug, pk]),
        success_url=reverse("dossiers:dossier_list", args=[slug]),
    )
