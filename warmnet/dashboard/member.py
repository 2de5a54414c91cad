"""A member's page: their attendance, and for the network's runners and the member
themselves their ties and warmth (an analysis, hence here and not in warmnet.network)."""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from warmnet.activities.models import Attendance
from warmnet.insights.service import analysis_for
from warmnet.maps.people import member_insights
from warmnet.network.models import Member
from warmnet.network.scoping import RUNNERS, get_owned, network_view

__all__ = ["member_detail"]


@network_view()
def member_detail(request: HttpRequest, pk: int) -> HttpResponse:
    member = get_owned(request, Member, pk)
    viewer = request.member  # type: ignore[attr-defined]
    # Someone's attendance history is theirs and the network runners' to see; others
    # see who comes on each activity's own page (to meet), not a person's record.
    sees_history = viewer.role in RUNNERS or viewer.pk == member.pk
    attendances = (
        Attendance.objects.filter(member=member)
        .select_related("activity")
        .order_by("-activity__start")[:50]
        if sees_history
        else Attendance.objects.none()
    )
    context: dict[str, object] = {
        "object": member,
        "attendances": attendances,
        "sees_history": sees_history,
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
    return render(request, "dashboard/member_detail.html", context)
