from __future__ import annotations

from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from warmnet.network.models import AuditEntry
from warmnet.network.scoping import COORDINATORS, network_view


@network_view(roles=COORDINATORS)
def audit_log(request: HttpRequest) -> HttpResponse:
    entries = AuditEntry.objects.filter(network=request.network).select_related("user")  # type: ignore[attr-defined]
    page = Paginator(entries, 50).get_page(request.GET.get("page"))
    return render(request, "network/audit_log.html", {"page": page})
