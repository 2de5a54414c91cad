from __future__ import annotations

from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import timezone

from warmnet.activities.models import Activity, AttendanceStatus
from warmnet.dashboard.views import dashboard_page
from warmnet.dossiers.models import Milestone
from warmnet.insights.service import analysis_for
from warmnet.insights.texts import render_message, scenario_label
from warmnet.network.auditlog import audit_rows
from warmnet.network.models import AuditEntry
from warmnet.network.scoping import COORDINATORS, RUNNERS, network_view

UPCOMING = 8


@network_view()
def overview(request: HttpRequest) -> HttpResponse:
    """The network's landing page: the dashboard for those who run the network; for
    participants and observers the network as a whole and their own next steps, without
    anyone else's ties or warmth."""
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
    return render(request, "network/home.html", context)


@network_view(roles=COORDINATORS)
def audit_log(request: HttpRequest) -> HttpResponse:
    entries = AuditEntry.objects.filter(network=request.network).select_related("user")  # type: ignore[attr-defined]
    page = Paginator(entries, 50).get_page(request.GET.get("page"))
    rows = audit_rows(request.network, list(page.object_list))  # type: ignore[attr-defined]
    return render(request, "network/audit_log.html", {"page": page, "rows": rows})
