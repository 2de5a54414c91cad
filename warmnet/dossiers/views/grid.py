"""The positions grid: parties down, points across, one press per cell sets a stance.

Per dossier (all its points) or per point.  Rows are the organisations and, when asked
(by default on a point's grid), their people.  Each press posts one cell; without
JavaScript the whole page posts and comes back, with htmx only the cell is swapped.
Every stance goes through :func:`warmnet.dossiers.actions.set_stance` (dated, audited).
For those who keep the records (coordinators, core team) only.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field
from typing import Any

from django import forms
from django.contrib import messages
from django.core.exceptions import BadRequest
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from warmnet.activities.forms import active_members
from warmnet.dossiers.actions import set_stance
from warmnet.dossiers.models import Dossier, Point, Position, Stance
from warmnet.network.forms import DateInput
from warmnet.network.models import Member, Organisation
from warmnet.network.params import DayField, query_int
from warmnet.network.scoping import get_owned, network_view

#: Above this many members the grid keeps to organisations (people are set on the point).
MAX_PEOPLE = 400
_CELL = re.compile(r"([om])([0-9]{1,18})-p([0-9]{1,18})-s(-1|0|1)")


class GridDayForm(forms.Form):
    date = DayField(label=gettext_lazy("Stance as of"), required=False, widget=DateInput())


@dataclass
class Cell:
    key: str
    point: Point
    holder: str
    current: Position | None = None

    def value(self, stance: int) -> str:
        return f"{self.key}-s{stance}"


@dataclass
class Row:
    kind: str  # "organisation" or "person"
    name: str
    note: str = ""
    cells: list[Cell] = field(default_factory=list)


def _latest(points: list[Point], day: dt.date) -> dict[tuple[str, int, int], Position]:
    """The stance each holder has on each point on ``day``: the last position up to it."""
    latest: dict[tuple[str, int, int], Position] = {}
    for p in Position.objects.filter(point__in=points, date__lte=day).order_by("date", "pk"):
        holder = ("m", p.member_id) if p.member_id else ("o", p.organisation_id)
        latest[(holder[0], holder[1] or 0, p.point_id)] = p
    return latest


def _rows(network: Any, points: list[Point], day: dt.date, people: bool) -> tuple[list[Row], bool]:
    latest = _latest(points, day)
    organisations = list(Organisation.objects.filter(network=network).order_by("name"))
    by_org: dict[int, list[Member]] = {}
    too_many = False
    if people:
        members = list(active_members(network, day).order_by("name"))
        too_many = len(members) > MAX_PEOPLE
        if not too_many:
            for m in members:
                by_org.setdefault(m.organisation_id, []).append(m)

    def cells(kind: str, pk: int, name: str) -> list[Cell]:
        return [Cell(f"{kind}{pk}-p{p.pk}", p, name, latest.get((kind, pk, p.pk))) for p in points]

    rows = []
    for org in organisations:
        rows.append(Row("organisation", org.name, cells=cells("o", org.pk, org.name)))
        for m in by_org.get(org.pk, []):
            rows.append(Row("person", m.name, org.name, cells("m", m.pk, m.name)))
    return rows, too_many


def _cell(request: HttpRequest, points: list[Point], day: dt.date) -> Cell:
    """The cell a press names (``o12-p5-s1``: organisation 12, point 5, for), set."""
    match = _CELL.fullmatch(str(request.POST.get("cell", "")))
    if match is None:
        raise BadRequest(_("This grid cell is not understood."))
    kind, holder_pk, point_pk, stance = match[1], int(match[2]), int(match[3]), int(match[4])
    point = next((p for p in points if p.pk == point_pk), None)
    if point is None:
        raise BadRequest(_("This point is not in this grid."))
    network = request.network  # type: ignore[attr-defined]
    if kind == "o":
        org = get_owned(request, Organisation, holder_pk)
        position, _changed = set_stance(network, request.user, point, stance, day, organisation=org)
        holder = org.name
    else:
        member = get_owned(request, Member, holder_pk)
        position, _changed = set_stance(network, request.user, point, stance, day, member=member)
        holder = member.name
    return Cell(f"{kind}{holder_pk}-p{point_pk}", point, holder, position)


def _grid(
    request: HttpRequest, dossier: Dossier, points: list[Point], url: str, people_default: bool
) -> HttpResponse:
    people = query_int(request.GET, "people", 0, 1)
    with_people = people_default if people is None else bool(people)
    form = GridDayForm(request.POST if request.method == "POST" else request.GET or None)
    day = timezone.localdate()
    if form.is_bound and form.is_valid() and form.cleaned_data["date"]:
        day = form.cleaned_data["date"]
    if request.method == "POST":
        if form.is_bound and not form.is_valid():
            raise BadRequest(" ".join(str(e) for e in form.errors.get("date", [])))
        cell = _cell(request, points, day)
        if request.htmx:  # type: ignore[attr-defined]
            context = {"cell": cell, "saved": True, "stances": _stances()}
            return render(request, "dossiers/positions_grid.html#cell", context)
        stance = Stance(cell.current.stance).label if cell.current else ""
        messages.success(
            request,
            _("Saved: %(holder)s — %(stance)s on “%(point)s” from %(day)s")
            % {"holder": cell.holder, "stance": stance, "point": cell.point, "day": day},
        )
        query = f"?date={day.isoformat()}" if day != timezone.localdate() else ""
        if people is not None:
            query += ("&" if query else "?") + f"people={people}"
        return redirect(url + query)
    rows, too_many = _rows(request.network, points, day, with_people)  # type: ignore[attr-defined]
    context = {
        "dossier": dossier,
        "points": points,
        "rows": rows,
        "day": day,
        "form": form if form.is_bound else GridDayForm(initial={"date": day}),
        "people": with_people,
        "too_many": too_many,
        "max_people": MAX_PEOPLE,
        "grid_url": url,
        "stances": _stances(),
    }
    return render(request, "dossiers/positions_grid.html", context)


def _stances() -> list[tuple[int, Any]]:
    return [
        (Stance.FOR, Stance.FOR.label),
        (Stance.NEUTRAL, Stance.NEUTRAL.label),
        (Stance.AGAINST, Stance.AGAINST.label),
    ]


@network_view(write=True)
def dossier_grid(request: HttpRequest, pk: int) -> HttpResponse:
    """Who stands where on every point of a dossier."""
    dossier = get_owned(request, Dossier, pk)
    points = list(
        Point.objects.filter(network=dossier.network, dossier=dossier).order_by("kind", "title")
    )
    url = reverse("dossiers:positions_grid", args=[request.network.slug, pk])  # type: ignore[attr-defined]
    return _grid(request, dossier, points, url, people_default=False)


@network_view(write=True)
def point_grid(request: HttpRequest, dossier: int, point: int) -> HttpResponse:
    """Who stands where on one point: the organisations and their people."""
    owner = get_owned(request, Dossier, dossier)
    the_point = get_owned(request, Point, point, dossier=owner)
    url = reverse("dossiers:point_positions_grid", args=[request.network.slug, dossier, point])  # type: ignore[attr-defined]
    return _grid(request, owner, [the_point], url, people_default=True)
