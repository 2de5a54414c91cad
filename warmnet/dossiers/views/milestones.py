from __future__ import annotations

from typing import Any

from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from warmnet.dossiers.forms import MilestoneForm
from warmnet.dossiers.models import Milestone
from warmnet.network.editing import delete_page, edit_page
from warmnet.network.params import query_id
from warmnet.network.scoping import get_owned, network_view


@network_view()
def milestone_list(request: HttpRequest) -> HttpResponse:
    milestones = (
        Milestone.objects.filter(network=request.network)  # type: ignore[attr-defined]
        .select_related("dossier")
        .order_by("-date", "-pk")
    )
    page = Paginator(milestones, 50).get_page(request.GET.get("page"))
    return render(request, "dossiers/milestone_list.html", {"page": page})


@network_view(write=True)
def milestone_edit(request: HttpRequest, pk: int | None = None) -> HttpResponse:
    slug = request.network.slug  # type: ignore[attr-defined]
    instance = get_owned(request, Milestone, pk) if pk else None
    initial: dict[str, Any] | None = None
    if instance is None:
        initial = {"date": timezone.localdate()}
        if (dossier := query_id(request.GET, "dossier")) is not None:
            initial["dossier"] = dossier
    url = reverse("dossiers:milestone_list", args=[slug])
    return edit_page(
        request,
        MilestoneForm,
        instance,
        title=_("Edit milestone") if instance else _("New milestone"),
        initial=initial,
        cancel_url=url,
        success_url=url,
        delete_url=reverse("dossiers:milestone_delete", args=[slug, pk]) if pk else "",
    )


@network_view(write=True)
def milestone_delete(request: HttpRequest, pk: int) -> HttpResponse:
    url = reverse("dossiers:milestone_list", args=[request.network.slug])  # type: ignore[attr-defined]
    return delete_page(request, get_owned(request, Milestone, pk), cancel_url=url, success_url=url)
