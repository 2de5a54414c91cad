"""Access and erasure requests: a coordinator for a member, or a person for themselves."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from warmnet.network.actions import log_action
from warmnet.network.models import Member, Role
from warmnet.network.scoping import COORDINATORS, get_owned, network_view
from warmnet.privacy.actions import ErasureRefused, erase_person, export_json


def _download(content: bytes, filename: str) -> HttpResponse:
    response = HttpResponse(content, content_type="application/json; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


@network_view()
def person_export(request: HttpRequest, pk: int) -> HttpResponse:
    """Everything about one member, for the coordinators and for the member themselves."""
    viewer = request.member  # type: ignore[attr-defined]
    member = get_owned(request, Member, pk)
    if viewer.role != Role.COORDINATOR and viewer.pk != member.pk:
        raise PermissionDenied
    content = export_json([member])
    log_action(member.network, request.user, "access export", member, summary=f"#{member.pk}")
    network = request.network  # type: ignore[attr-defined]
    return _download(content, f"personal-data-{network.slug}-{member.pk}.json")


@network_view(write=True, roles=COORDINATORS)
def person_erase(request: HttpRequest, pk: int) -> HttpResponse:
    member = get_owned(request, Member, pk)
    network = request.network  # type: ignore[attr-defined]
    if request.method == "POST":
        if request.POST.get("confirm") != "erase":
            messages.error(request, _("Tick the box to confirm the erasure."))
            return redirect("privacy:person_erase", network.slug, member.pk)
        try:
            pseudonym = erase_person(member, request.user)
        except ErasureRefused as exc:
            messages.error(request, exc.message)
            return redirect("network:member_detail", network.slug, member.pk)
        messages.success(
            request,
            _("The personal data are erased; the member is now “%(pseudonym)s”.")
            % {"pseudonym": pseudonym},
        )
        return redirect("network:member_detail", network.slug, member.pk)
    return render(request, "privacy/erase_confirm.html", {"object": member})


@login_required
def my_data(request: HttpRequest) -> HttpResponse:
    """A person's own data in every network they belong to (or belonged to)."""
    memberships = list(
        Member.objects.filter(user_id=int(request.user.pk or 0)).select_related(
            "network", "organisation"
        )
    )
    if not memberships:
        messages.info(request, _("Warmnet keeps no network data about you."))
        return redirect("home")
    for member in memberships:
        log_action(member.network, request.user, "access export", member, summary=f"#{member.pk}")
    return _download(export_json(memberships), "personal-data.json")
