"""Quick attendance entry: a grid of members by activities.

Bounded by design: one screen shows at most ``MEMBERS_PER_PAGE`` members and
``ACTIVITIES_PER_SCREEN`` activities, so the number of queries and cells stays
the same on a network of 10,000 members and 200,000 activities.
"""

from __future__ import annotations

import re
from typing import Any, NamedTuple

from django.core.exceptions import BadRequest
from django.core.paginator import Paginator
from django.db.models import Q
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.html import format_html_join
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from warmnet.activities.actions import record_grid
from warmnet.activities.forms import GridFilterForm, active_members
from warmnet.activities.models import Activity, Attendance, AttendanceStatus
from warmnet.network.models import Member, Network
from warmnet.network.scoping import network_view
from warmnet.network.transactions import atomic_with_retry

MEMBERS_PER_PAGE = 40
ACTIVITIES_PER_SCREEN = 20
MAX_CELLS_PER_POST = MEMBERS_PER_PAGE * ACTIVITIES_PER_SCREEN
CELL = re.compile(r"^s_(\d+)_(\d+)$")

Cell = tuple[int, int, int | None]  # member id, activity id, status (None: no row)


class GridCell(NamedTuple):
    """What a cell shows, prepared here so a 40 x 20 grid renders fast."""

    name: str
    label: str
    status: int | None
    options: str


def grid_cell(
    member: Member, activity: Activity, status: int | None, options: dict[int | None, str]
) -> GridCell:
    label = _("%(member)s at %(activity)s") % {"member": member.name, "activity": activity.title}
    return GridCell(cell_name(member.pk, activity.pk), label, status, options[status])


def cell_name(member_id: int, activity_id: int) -> str:
    return f"s_{member_id}_{activity_id}"


def status_options() -> dict[int | None, str]:
    """The options of a cell's select, once per status (not once per cell: grids are big)."""
    choices: list[tuple[int | None, str]] = [
        (None, "—"),
        *((value, str(label)) for value, label in AttendanceStatus.choices),
    ]
    return {
        selected: format_html_join(
            "",
            '<option value="{}"{}>{}</option>',
            (
                (
                    "" if value is None else value,
                    mark_safe(" selected") if value == selected else "",
                    label,
                )
                for value, label in choices
            ),
        )
        for selected, _label in choices
    }


def _parse_cells(data: Any) -> list[Cell]:
    """Read ``s_<member>_<activity>`` fields; reject unknown statuses."""
    cells: list[Cell] = []
    valid = {str(v) for v in AttendanceStatus.values}
    for key, value in data.items():
        match = CELL.match(key)
        if match is None:
            continue
        if value not in valid and value != "":
            raise BadRequest("Unknown attendance status")
        cells.append((int(match[1]), int(match[2]), int(value) if value else None))
    if len(cells) > MAX_CELLS_PER_POST:
        raise BadRequest("Too many cells")
    return cells


def _owned(network: Network, cells: list[Cell]) -> tuple[dict[int, Member], dict[int, Activity]]:
    """The members and activities the cells name; 404 if any is outside the network."""
    member_ids = {m for m, _a, _s in cells}
    activity_ids = {a for _m, a, _s in cells}
    members = Member.objects.filter(network=network, pk__in=member_ids).in_bulk()
    activities = Activity.objects.filter(network=network, pk__in=activity_ids).in_bulk()
    if len(members) != len(member_ids) or len(activities) != len(activity_ids):
        raise Http404("No such member or activity in this network")
    for obj in [*members.values(), *activities.values()]:
        obj.network = network
    return members, activities


def _save_cells(request: HttpRequest, cells: list[Cell]) -> int:
    """Record every cell whose status differs from the stored one; all or nothing.

    ``record_grid`` writes the cells in one fixed order, whatever order the
    browser sent them in; a transaction the database still ends for a conflict
    runs again.
    """
    network = request.network  # type: ignore[attr-defined]
    members, activities = _owned(network, cells)
    grid = [(activities[a], members[m], s) for m, a, s in cells]
    return atomic_with_retry(lambda: record_grid(network, request.user, grid))


def _grid_context(request: HttpRequest) -> dict[str, Any]:
    network = request.network  # type: ignore[attr-defined]
    filters = GridFilterForm(request.GET, network=network)
    since, until = filters.window()
    start, end = filters.window_bounds()

    activities = Activity.objects.filter(network=network, start__gte=start, start__lt=end)
    if (dossier := filters.choice("dossier")) is not None:
        activities = activities.filter(dossier=dossier)
    activity_page = Paginator(activities.order_by("start", "pk"), ACTIVITIES_PER_SCREEN).get_page(
        request.GET.get("apage")
    )
    shown = list(activity_page)

    members = (
        active_members(network, since)
        .filter(Q(joined_on__lte=until))
        .select_related("organisation")
        .order_by("name", "pk")
    )
    if (organisation := filters.choice("organisation")) is not None:
        members = members.filter(organisation=organisation)
    member_page = Paginator(members, MEMBERS_PER_PAGE).get_page(request.GET.get("page"))

    statuses = {
        (m, a): s
        for m, a, s in Attendance.objects.filter(
            activity__in=shown, member__in=list(member_page)
        ).values_list("member_id", "activity_id", "status")
    }
    options = status_options()
    rows = [
        (m, [grid_cell(m, a, statuses.get((m.pk, a.pk)), options) for a in shown])
        for m in member_page
    ]
    return {
        "filters": filters,
        "since": since,
        "until": until,
        "activities": shown,
        "activity_page": activity_page,
        "page": member_page,
        "rows": rows,
        "cell_url": reverse("activities:attendance_cell", args=[network.slug]),
    }


@network_view(write=True)
def attendance_grid(request: HttpRequest) -> HttpResponse:
    if request.method == "POST":
        _save_cells(request, _parse_cells(request.POST))
        return redirect(request.get_full_path())
    context = _grid_context(request)
    status = 400 if context["filters"].errors else 200  # a window out of range
    return render(request, "activities/attendance_grid.html", context, status=status)


@network_view(write=True)
@require_POST
def attendance_cell(request: HttpRequest) -> HttpResponse:
    """Save one cell of the grid; HTMX gets the updated cell back."""
    network = request.network  # type: ignore[attr-defined]
    cells = _parse_cells(request.POST)
    if len(cells) != 1:
        raise BadRequest("Post exactly one cell")
    _save_cells(request, cells)
    if not request.htmx:  # type: ignore[attr-defined]
        return redirect(reverse("activities:attendance_grid", args=[network.slug]))
    member_id, activity_id, _status = cells[0]
    members, activities = _owned(network, cells)
    stored = (
        Attendance.objects.filter(member_id=member_id, activity_id=activity_id)
        .values_list("status", flat=True)
        .first()
    )
    cell = grid_cell(members[member_id], activities[activity_id], stored, status_options())
    context = {"cell": cell, "cell_url": request.path, "saved": True}
    return render(request, "activities/attendance_grid.html#cell", context)
