from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_POST

from warmnet.activities.actions import invite_members, record_attendance
from warmnet.activities.forms import (
    ActivityFilterForm,
    ActivityForm,
    AttendanceStatusForm,
    InviteForm,
)
from warmnet.activities.models import Activity, Attendance, AttendanceStatus
from warmnet.network.editing import delete_page, edit_page
from warmnet.network.params import query_id
from warmnet.network.scoping import get_owned, network_view

PER_PAGE = 50
# Who was there first, then who is coming, then who was asked, then who said no.
GROUP_ORDER = [
    AttendanceStatus.ATTENDED,
    AttendanceStatus.ACCEPTED,
    AttendanceStatus.INVITED,
    AttendanceStatus.DECLINED,
]


@network_view()
def activity_list(request: HttpRequest) -> HttpResponse:
    network = request.network  # type: ignore[attr-defined]
    filters = ActivityFilterForm(request.GET, network=network)
    activities = filters.apply(
        Activity.objects.filter(network=network).select_related("host_organisation", "dossier")
    ).order_by("-start", "-pk")
    page = Paginator(activities, PER_PAGE).get_page(request.GET.get("page"))
    template = "activities/activity_list.html"
    if request.htmx:  # type: ignore[attr-defined]
        template += "#rows"
    # filters out of range: the page as it is, their errors shown, and 400
    status = 400 if filters.errors else 200
    return render(request, template, {"page": page, "filters": filters}, status=status)


def _get_activity(request: HttpRequest, pk: int) -> Activity:
    activity = get_owned(request, Activity, pk)
    activity.network = request.network  # type: ignore[attr-defined]
    return activity


def _detail_context(
    request: HttpRequest, activity: Activity, invite_form: InviteForm | None = None
) -> dict[str, Any]:
    attendances = (
        Attendance.objects.filter(activity=activity)
        .select_related("member__organisation")
        .order_by("member__name", "member__pk")
    )
    by_status: dict[int, list[Attendance]] = {value: [] for value in AttendanceStatus.values}
    for attendance in attendances:
        by_status[attendance.status].append(attendance)
    labels = dict(AttendanceStatus.choices)
    groups = [(value, labels[value], by_status[value]) for value in GROUP_ORDER]
    member = request.member  # type: ignore[attr-defined]
    if invite_form is None and member.can_write:
        invite_form = InviteForm(activity=activity)
    return {
        "object": activity,
        "groups": groups,
        "n_attendances": sum(len(g) for _v, _l, g in groups),
        "invite_form": invite_form,
        "status_choices": AttendanceStatus.choices,
    }


@network_view()
def activity_detail(request: HttpRequest, pk: int) -> HttpResponse:
    activity = _get_activity(request, pk)
    return render(request, "activities/activity_detail.html", _detail_context(request, activity))


def _attendees_response(
    request: HttpRequest, activity: Activity, invite_form: InviteForm | None = None
) -> HttpResponse:
    """After a change to the attendees: the section for HTMX, the page otherwise."""
    if request.htmx:  # type: ignore[attr-defined]
        context = _detail_context(request, activity, invite_form)
        return render(request, "activities/activity_detail.html#attendees", context)
    if invite_form is not None and invite_form.errors:
        context = _detail_context(request, activity, invite_form)
        return render(request, "activities/activity_detail.html", context, status=400)
    slug = request.network.slug  # type: ignore[attr-defined]
    return redirect(reverse("activities:activity_detail", args=[slug, activity.pk]))


@network_view(write=True)
@require_POST
def activity_invite(request: HttpRequest, pk: int) -> HttpResponse:
    network = request.network  # type: ignore[attr-defined]
    activity = _get_activity(request, pk)
    form = InviteForm(request.POST, activity=activity)
    if not form.is_valid():
        return _attendees_response(request, activity, form)
    n = invite_members(network, request.user, activity, form.invitees())
    messages.success(
        request, ngettext("%(n)d member invited.", "%(n)d members invited.", n) % {"n": n}
    )
    return _attendees_response(request, activity)


@network_view(write=True)
@require_POST
def activity_attendance(request: HttpRequest, pk: int) -> HttpResponse:
    """Change one attendee's status (or remove them) from the activity page."""
    network = request.network  # type: ignore[attr-defined]
    activity = _get_activity(request, pk)
    form = AttendanceStatusForm(request.POST, network=network)
    if not form.is_valid():
        messages.error(request, _("That change could not be saved."))
        return _attendees_response(request, activity)
    record_attendance(
        network, request.user, activity, form.cleaned_data["member"], form.cleaned_data["status"]
    )
    return _attendees_response(request, activity)


@network_view(write=True)
def activity_edit(request: HttpRequest, pk: int | None = None) -> HttpResponse:
    slug = request.network.slug  # type: ignore[attr-defined]
    instance = get_owned(request, Activity, pk) if pk else None
    initial = None
    if instance is None and (dossier := query_id(request.GET, "dossier")) is not None:
        initial = {"dossier": dossier}
    return edit_page(
        request,
        ActivityForm,
        instance,
        title=_("Edit activity") if instance else _("New activity"),
        initial=initial,
        cancel_url=(
            reverse("activities:activity_detail", args=[slug, pk])
            if pk
            else reverse("activities:activity_list", args=[slug])
        ),
        success_url=lambda obj: reverse("activities:activity_detail", args=[slug, obj.pk]),
        delete_url=reverse("activities:activity_delete", args=[slug, pk]) if pk else "",
    )


@network_view(write=True)
def activity_delete(request: HttpRequest, pk: int) -> HttpResponse:
    slug = request.network.slug  # type: ignore[attr-defined]
    return delete_page(
        request,
        get_owned(request, Activity, pk),
        cancel_url=reverse("activities:activity_detail", args=[slug, pk]),
        success_url=reverse("activities:activity_list", args=[slug]),
    )
