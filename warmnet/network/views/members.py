from __future__ import annotations

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from warmnet.activities.models import Attendance
from warmnet.insights.service import analysis_for
from warmnet.maps.people import member_insights
from warmnet.network.editing import delete_page, edit_page
from warmnet.network.forms import MemberForm, last_coordinator, last_coordinator_message
from warmnet.network.models import Member
from warmnet.network.scoping import COORDINATORS, RUNNERS, get_owned, network_view


@network_view()
def member_detail(request: HttpRequest, pk: int) -> HttpResponse:
    member = get_owned(request, Member, pk)
    attendances = (
        Attendance.objects.filter(member=member)
        .select_related("activity")
        .order_by("-activity__start")[:50]
    )
    viewer = request.member  # type: ignore[attr-defined]
    context: dict[str, object] = {
        "object": member,
        "attendances": attendances,
        "insights": None,
        "is_self": member.pk == viewer.pk,
    }
    # Someone's ties and warmth are theirs and the network runners' to see; nobody else
    # makes the page compute an analysis.
    if viewer.role in RUNNERS or viewer.pk == member.pk:
        analysis = analysis_for(request.network)  # type: ignore[attr-defined]
        context |= {
            "insights": member_insights(analysis, member),
            "as_of": analysis.as_of,
            "warm_threshold": analysis.result.settings.warm_threshold,
        }
    return render(request, "network/member_detail.html", context)


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
