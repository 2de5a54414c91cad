"""Attendance: who was invited to, answered for, or came to which activity."""

from typing import Any

from django.db import transaction
from django.http import HttpRequest
from django.utils.translation import gettext as _
from ninja import Query, Router, Schema, Status
from ninja.errors import ValidationError

from warmnet.activities.actions import record_attendance
from warmnet.activities.models import Activity, Attendance, AttendanceStatus
from warmnet.api import present
from warmnet.api.endpoints.common import dated, page_of
from warmnet.api.schemas.codes import value_of
from warmnet.api.schemas.errors import read_responses, write_responses
from warmnet.api.schemas.ids import Id
from warmnet.api.schemas.params import AttendanceParams
from warmnet.api.schemas.records import AttendanceOut, Page
from warmnet.api.schemas.writes import AttendanceBulkIn, AttendanceIn
from warmnet.api.scoping import api_view, runs_network
from warmnet.network.models import Member
from warmnet.network.scoping import get_owned

router = Router(tags=["attendance"])

#: The tail of the index (network, activity, member, status): one range scan a page.
ORDER = ("activity_id", "member_id")


class BulkResult(Schema):
    changed: int


@router.get("/networks/{network}/attendance", response=read_responses(Page[AttendanceOut]))
@api_view()
def attendance_list(
    request: HttpRequest, network: str, params: Query[AttendanceParams]
) -> dict[str, Any]:
    """Attendance rows by activity (in the order activities were recorded), then member;
    `since` and `until` are about the activity's start.  Participants and observers get
    their own rows, and everyone's rows of one activity when they name it (`activity_id`)."""
    net = request.network  # type: ignore[attr-defined]
    rows = Attendance.objects.filter(network=net)
    if params.since is not None or params.until is not None:
        # The activities of the window first: a join would walk attendance in index order
        # and look up every row's activity until it reached the window.
        window = dated(Activity.objects.filter(network=net), "start", params, moment=True)
        rows = rows.filter(activity_id__in=window.values("pk"))
    if params.activity_id is not None:
        rows = rows.filter(activity_id=params.activity_id)
    elif not runs_network(request):
        # Who comes to an activity is everyone's to see (to meet there), a person's
        # history of activities only theirs and the network runners' (as on the pages).
        rows = rows.filter(member_id=request.member.pk)  # type: ignore[attr-defined]
    if params.member_id is not None:
        rows = rows.filter(member_id=params.member_id)
    if params.status is not None:
        rows = rows.filter(status=value_of(AttendanceStatus, params.status))
    return page_of(rows, params, present.attendance, ORDER)


@router.get("/networks/{network}/attendance/{id}", response=read_responses(AttendanceOut))
@api_view()
def attendance_detail(request: HttpRequest, network: str, id: Id) -> AttendanceOut:
    return present.attendance(get_owned(request, Attendance, id))


def _activity_and_member(
    request: HttpRequest, activity: int, member: int
) -> tuple[Activity, Member]:
    found = get_owned(request, Activity, activity), get_owned(request, Member, member)
    for obj in found:
        obj.network = request.network  # type: ignore[attr-defined]
    return found


@router.put(
    "/networks/{network}/activities/{id}/attendance/{member_id}",
    response=write_responses(AttendanceOut),
)
@api_view(write=True)
def attendance_set(
    request: HttpRequest, network: str, id: Id, member_id: Id, body: AttendanceIn
) -> AttendanceOut:
    """Set one member's status at one activity (invited, accepted, declined, attended)."""
    activity, member = _activity_and_member(request, id, member_id)
    row = record_attendance(
        request.network,  # type: ignore[attr-defined]
        request.user,
        activity,
        member,
        value_of(AttendanceStatus, body.status),
    )
    assert row is not None
    return present.attendance(row)


@router.delete(
    "/networks/{network}/activities/{id}/attendance/{member_id}",
    response=write_responses(None, 204),
)
@api_view(write=True)
def attendance_remove(request: HttpRequest, network: str, id: Id, member_id: Id) -> Status:
    """Remove a member's attendance row from an activity (nothing happens when there is none)."""
    activity, member = _activity_and_member(request, id, member_id)
    record_attendance(request.network, request.user, activity, member, None)  # type: ignore[attr-defined]
    return Status(204, None)


@router.post("/networks/{network}/attendance", response=write_responses(BulkResult))
@api_view(write=True)
def attendance_bulk(request: HttpRequest, network: str, body: AttendanceBulkIn) -> BulkResult:
    """Record many statuses at once (a sign-in list): all of them or, when any item is
    wrong, none.  A null status removes the row."""
    net = request.network  # type: ignore[attr-defined]
    activity_ids = {item.activity_id for item in body.items}
    member_ids = {item.member_id for item in body.items}
    activities = Activity.objects.filter(network=net, pk__in=activity_ids).in_bulk()
    members = Member.objects.filter(network=net, pk__in=member_ids).in_bulk()
    errors: list[dict[str, Any]] = []
    seen: set[tuple[int, int]] = set()
    for i, item in enumerate(body.items):
        loc: list[str | int] = ["body", "items", i]
        if item.activity_id not in activities:
            errors.append(_problem([*loc, "activity_id"], _("No such activity in this network.")))
        if item.member_id not in members:
            errors.append(_problem([*loc, "member_id"], _("No such member in this network.")))
        if (item.activity_id, item.member_id) in seen:
            errors.append(_problem(loc, _("This member and activity come twice in the list.")))
        seen.add((item.activity_id, item.member_id))
    if errors:
        raise ValidationError(errors)
    for obj in [*activities.values(), *members.values()]:
        obj.network = net
    stored = {
        (a, m): s
        for a, m, s in Attendance.objects.filter(
            activity_id__in=activity_ids, member_id__in=member_ids
        ).values_list("activity_id", "member_id", "status")
    }
    changed = 0
    with transaction.atomic():
        for item in body.items:
            status = None if item.status is None else value_of(AttendanceStatus, item.status)
            if stored.get((item.activity_id, item.member_id)) == status:
                continue
            record_attendance(
                net, request.user, activities[item.activity_id], members[item.member_id], status
            )
            changed += 1
    return BulkResult(changed=changed)


def _problem(loc: list[str | int], msg: str) -> dict[str, Any]:
    return {"type": "invalid", "loc": loc, "msg": msg}
