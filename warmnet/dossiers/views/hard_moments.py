from __future__ import annotations

from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from warmnet.dossiers.forms import HardMomentForm
from warmnet.dossiers.models import HardMoment
from warmnet.network.editing import delete_page, edit_page
from warmnet.network.scoping import RUNNERS, get_owned, network_view


@network_view()
def hard_moment_list(request: HttpRequest) -> HttpResponse:
    moments = (
        HardMoment.objects.filter(network=request.network)  # type: ignore[attr-defined]
        .prefetch_related("parties")
        .order_by("-date", "-pk")
    )
    page = Paginator(moments, 50).get_page(request.GET.get("page"))
    runner = request.member.role in RUNNERS  # type: ignore[attr-defined]
    context: dict[str, object] = {
        "page": page,
        "tests": False,
        "window_months": 0,
        # the description only for those who run the network, or when shared
        "runner": runner,
    }
    if runner:
        # the ground truth: the warmth across the parties before each moment
        from warmnet.insights.hardmoments import hard_moment_views
        from warmnet.insights.service import analysis_for

        analysis = analysis_for(request.network)  # type: ignore[attr-defined]
        tests = {view.id: view for view in hard_moment_views(analysis)}
        page.object_list = list(page.object_list)
        for moment in page.object_list:
            moment.test = tests.get(moment.pk)  # type: ignore[attr-defined]
        context["tests"] = bool(tests) or bool(page.object_list)
        context["window_months"] = analysis.result.settings.hard_moment_window_months
    return render(request, "dossiers/hard_moment_list.html", context)


@network_view(write=True)
def hard_moment_edit(request: HttpRequest, pk: int | None = None) -> HttpResponse:
    slug = request.network.slug  # type: ignore[attr-defined]
    instance = get_owned(request, HardMoment, pk) if pk else None
    url = reverse("dossiers:hard_moment_list", args=[slug])
    return edit_page(
        request,
        HardMomentForm,
        instance,
        title=_("Edit hard moment") if instance else _("New hard moment"),
        initial=None if instance else {"date": timezone.localdate()},
        cancel_url=url,
        success_url=url,
        delete_url=reverse("dossiers:hard_moment_delete", args=[slug, pk]) if pk else "",
    )


@network_view(write=True)
def hard_moment_delete(request: HttpRequest, pk: int) -> HttpResponse:
    url = reverse("dossiers:hard_moment_list", args=[request.network.slug])  # type: ignore[attr-defined]
    return delete_page(request, get_owned(request, HardMoment, pk), cancel_url=url, success_url=url)
