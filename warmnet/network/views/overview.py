from __future__ import annotations

from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from warmnet.activities.models import Activity, Attendance
from warmnet.dossiers.models import Dossier, Milestone
from warmnet.network.models import AuditEntry, Member, Organisation
from warmnet.network.scoping import COORDINATORS, network_view


@network_view()
def overview(request: HttpRequest) -> HttpResponse:
    network = request.network  # type: ignore[attr-defined]
    counts = {
        "organisations": Organisation.objects.filter(network=network).count(),
        "members": Member.objects.filter(network=network).count(),
        "activities": Activity.objects.filter(network=network).count(),
        "attendance": Attendance.objects.filter(network=network).count(),
        "dossiers": Dossier.objects.filter(network=network).count(),
    }
    recent = Activity.objects.filter(network=network).order_by("-start")[:8]
    milestones = Milestone.objects.filter(network=network).order_by("-date")[:5]
    return render(
        request,
        "network/overview.html",
        {"counts": counts, "recent": recent, "milestones": milestones},
    )


@network_view(roles=COORDINATORS)
def audit_log(request: HttpRequest) -> HttpResponse:
    entries = AuditEntry.objects.filter(network=request.network).select_related("user")  # type: ignore[attr-defined]
    page = Paginator(entries, 50).get_page(request.GET.get("page"))
    return render(request, "network/audit_log.html", {"page": page})
