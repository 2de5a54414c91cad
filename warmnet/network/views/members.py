from __future__ import annotations

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from warmnet.network.editing import delete_page, edit_page
from warmnet.network.forms import MemberForm, last_coordinator, last_coordinator_message
from warmnet.network.models import Member
from warmnet.network.scoping import COORDINATORS, get_owned, network_view

# A member's page (their ties and warmth) is an analysis page: warmnet.dashboard.member.


@network_view(write=True)
def member_edit(request: HttpRequest, pk: int | None = None) -> HttpResponse:
    slug = request.network.slug  # type: ignore[attr-defined]
    instance = get_owned(request, Member, pk) if pk else None
    return edit_page(
        request,
        MemberForm,
        instance,
        title=_("Edit member") if instance else _("New member"),
        initial=None if instance else {"joined_on": timezone.localdate()},
        cancel_url=reverse("directory:member_list", args=[slug]),
        success_url=lambda obj: reverse("network:member_detail", args=[slug, obj.pk]),
        delete_url=reverse("network:member_delete", args=[slug, pk]) if pk else "",
    )


@network_view(write=True, roles=COORDINATORS)
def member_delete(request: HttpRequest, pk: int) -> HttpResponse:
    """Deleting a member ends their membership: a coordinator's decision."""
    slug = request.network.slug  # type: ignore[attr-defined]
    member = get_owned(request, Member, pk)
    if last_coordinator(member):
        messages.error(request, last_coordinator_message())
        return redirect("network:member_detail", slug, pk)
    return delete_page(
        request,
        member,
        cancel_url=reverse("network:member_detail", args=[slug, pk]),
        success_url=reverse("directory:member_list", args=[slug]),
    )
