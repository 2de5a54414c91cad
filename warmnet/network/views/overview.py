from __future__ import annotations

from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from warmnet.network.auditlog import audit_rows
from warmnet.network.models import AuditEntry
from warmnet.network.scoping import COORDINATORS, network_view


@network_view(roles=COORDINATORS)
def audit_log(request: HttpRequest) -> HttpResponse:
    entries = AuditEntry.objects.filter(network=request.network).select_related("user")  # type: ignore[attr-defined]
    page = Paginator(entries, 50).get_page(request.GET.get("page"))
    rows = audit_rows(request.network, list(page.object_list))  # type: ignore[attr-defined]
    return render(request, "network/audit_log.html", {"page": page, "rows": rows})
