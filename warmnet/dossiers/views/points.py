"""Points of a dossier and the positions held on them.

The dossier and the point come from the URL and are fetched through the
scoping helper together (a point of another dossier is a 404), so a position
can only ever be recorded on a point of the dossier in the URL.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import partial
from typing import Any

from django.contrib import messages
from django.db import transaction
from django.db.models import Q
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from warmnet.dossiers.forms import PointForm, PointStatusChangeForm, PositionForm
from warmnet.dossiers.models import (
    Dossier,
    Point,
    PointStatusChange,
    Position,
    Stance,
    sync_point_status,
)
from warmnet.insights.hardmoments import hard_moment_views
from warmnet.insights.service import analysis_for
from warmnet.maps.faultline import risk_by_point
from warmnet.maps.timeline import Segment, stance_segments, year_ticks
from warmnet.network.actions import delete_object
from warmnet.network.editing import delete_page, edit_page
from warmnet.network.params import query_id
from warmnet.network.scoping import RUNNERS, get_owned, network_view

STRIP_WIDTH = 600.0


@dataclass
class Holder:
    """One member or organisation and their positions on a point, newest first."""

    name: str
    organisation: Any
    query: str  # to prefill a new position for this holder
    positions: list[Position] = field(default_factory=list)
    #: Stances over time, for the strip (oldest first).
    segments: list[Segment] = field(default_factory=list)

    @property
    def current(self) -> Position:
        return self.positions[0]


def _point(request: HttpRequest, dossier: int, pk: int) -> Point:
    owner = get_owned(request, Dossier, dossier)
    point = get_owned(request, Point, pk, dossier=owner)
    point.dossier = owner
    return point


def visible_positions(request: HttpRequest) -> Q:
    """The positions the member may see: all for those who run the network; for
    participants and observers the organisations' positions and the shared ones
    (where individuals stand is where loyalty conflicts show)."""
    if request.member.role in RUNNERS:  # type: ignore[attr-defined]
        return Q()
    return Q(member__isnull=True) | Q(shared=True)


#: An organisation's count of its people's stances is shown only from this many people
#: with a stance of their own: with one or two, a count would tell where each stands.
SUMMARY_MIN_PEOPLE = 3


@dataclass
class OrganisationSummary:
    """How many of an organisation's people stand where on a point (no names); ``counts``
    is empty when fewer than :data:`SUMMARY_MIN_PEOPLE` of them hold a stance."""

    name: str
    counts: list[tuple[Any, int]]


def _summaries(point: Point) -> list[OrganisationSummary]:
    """Per organisation, the current stances of its people who hold one of their own."""
    latest: dict[int, Position] = {}
    for p in (
        Position.objects.filter(point=point, member__isnull=False)
        .select_related("member__organisation")
        .order_by("date", "pk")
    ):
        assert p.member is not None
        latest[p.member.pk] = p
    by_org: dict[str, dict[int, int]] = {}
    for p in latest.values():
        assert p.member is not None
        tally = by_org.setdefault(p.member.organisation.name, {v: 0 for v in Stance.values})
        tally[p.stance] += 1
    return [
        OrganisationSummary(
            name,
            [(label, tally[value]) for value, label in Stance.choices]
            if sum(tally.values()) >= SUMMARY_MIN_PEOPLE
            else [],
        )
        for name, tally in sorted(by_org.items(), key=lambda kv: kv[0].casefold())
    ]


def _holders(point: Point, visible: Q | None = None) -> list[Holder]:
    positions = (
        Position.objects.filter(visible or Q(), point=point)
        .select_related("member__organisation", "organisation")
        .order_by("-date", "-pk")
    )
    holders: dict[tuple[str, int], Holder] = {}
    for position in positions:
        if position.member is not None:
            key = ("member", position.member.pk)
            make = partial(
                Holder, position.member.name, position.member.organisation, f"member={key[1]}"
            )
        else:
            assert position.organisation is not None
            key = ("organisation", position.organisation.pk)
            make = partial(Holder, position.organisation.name, None, f"organisation={key[1]}")
        holders.setdefault(key, make()).positions.append(position)
    return list(holders.values())


def _hard_moments(request: HttpRequest, analysis: Any, point: Point) -> list[Any]:
    """The hard moments between the organisations on the point's sides (for the roles
    that see warmth)."""
    if request.member.role not in RUNNERS:  # type: ignore[attr-defined]
        return []
    lookup = analysis.lookup
    try:
        row = lookup.point_id.index(point.pk)
    except ValueError:
        return []
    line = next((ln for ln in analysis.result.faultlines if ln.point == row), None)
    if line is None:
        return []
    members = [*line.for_members.tolist(), *line.against_members.tolist()]
    orgs = {lookup.member_org[m] for m in members if lookup.member_org[m] >= 0}
    return hard_moment_views(analysis, orgs)


@network_view()
def point_detail(request: HttpRequest, dossier: int, pk: int) -> HttpResponse:
    point = _point(request, dossier, pk)
    runner = request.member.role in RUNNERS  # type: ignore[attr-defined]
    holders = _holders(point, visible_positions(request))
    tally = {value: 0 for value in Stance.values}
    for holder in holders:
        tally[holder.current.stance] += 1
    today = timezone.localdate()
    first = min([point.opened_on, *(p.date for h in holders for p in h.positions)])
    for holder in holders:
        changes = [(p.date, p.stance) for p in reversed(holder.positions)]
        holder.segments = stance_segments(changes, first, today, 0.0, STRIP_WIDTH)
    analysis = analysis_for(request.network)  # type: ignore[attr-defined]
    risks = risk_by_point(analysis)
    context = {
        "object": point,
        "dossier": point.dossier,
        "holders": holders,
        "summaries": [] if runner else _summaries(point),
        "stance_labels": [label for _value, label in Stance.choices],
        "summary_min": SUMMARY_MIN_PEOPLE,
        "tally": [(label, tally[value]) for value, label in Stance.choices],
        "fault_line": risks.get(point.pk),
        "strip_width": STRIP_WIDTH,
        "ticks": year_ticks(first, today, 0.0, STRIP_WIDTH),
        "first_day": first,
        "today": today,
        "status_changes": point.status_changes.order_by("-date", "-pk"),
        "hard_moments": _hard_moments(request, analysis, point),
        "window_months": analysis.result.settings.hard_moment_window_months,
    }
    return render(request, "dossiers/point_detail.html", context)


@network_view(write=True)
def point_edit(request: HttpRequest, dossier: int, pk: int | None = None) -> HttpResponse:
    slug = request.network.slug  # type: ignore[attr-defined]
    instance = _point(request, dossier, pk) if pk else None
    owner = instance.dossier if instance else get_owned(request, Dossier, dossier)
    dossier_url = reverse("dossiers:dossier_detail", args=[slug, owner.pk])
    return edit_page(
        request,
        partial(PointForm, dossier=owner),  # type: ignore[arg-type]
        instance,
        title=_("Edit point") if instance else _("New point"),
        initial=None if instance else {"opened_on": timezone.localdate()},
        cancel_url=dossier_url,
        success_url=lambda obj: reverse("dossiers:point_detail", args=[slug, owner.pk, obj.pk]),
        delete_url=reverse("dossiers:point_delete", args=[slug, owner.pk, pk]) if pk else "",
    )


@network_view(write=True)
def point_delete(request: HttpRequest, dossier: int, pk: int) -> HttpResponse:
    slug = request.network.slug  # type: ignore[attr-defined]
    point = _point(request, dossier, pk)
    return delete_page(
        request,
        point,
        cancel_url=reverse("dossiers:point_detail", args=[slug, dossier, pk]),
        success_url=reverse("dossiers:dossier_detail", args=[slug, dossier]),
    )


@network_view(write=True)
def position_edit(
    request: HttpRequest, dossier: int, point: int, pk: int | None = None
) -> HttpResponse:
    slug = request.network.slug  # type: ignore[attr-defined]
    owner = _point(request, dossier, point)
    instance = get_owned(request, Position, pk, point=owner) if pk else None
    initial: dict[str, Any] | None = None
    if instance is None:
        initial = {"date": timezone.localdate()}
        for name in ("member", "organisation"):
            if (pk := query_id(request.GET, name)) is not None:
                initial[name] = pk
    point_url = reverse("dossiers:point_detail", args=[slug, dossier, point])
    return edit_page(
        request,
        partial(PositionForm, point=owner),  # type: ignore[arg-type]
        instance,
        title=(_("Edit position on “%(point)s”") if instance else _("New position on “%(point)s”"))
        % {"point": owner.title},
        initial=initial,
        cancel_url=point_url,
        success_url=point_url,
        delete_url=(
            reverse("dossiers:position_delete", args=[slug, dossier, point, pk]) if pk else ""
        ),
    )


@network_view(write=True)
def position_delete(request: HttpRequest, dossier: int, point: int, pk: int) -> HttpResponse:
    slug = request.network.slug  # type: ignore[attr-defined]
    owner = _point(request, dossier, point)
    url = reverse("dossiers:point_detail", args=[slug, dossier, point])
    return delete_page(
        request, get_owned(request, Position, pk, point=owner), cancel_url=url, success_url=url
    )


@network_view(write=True)
def status_change_edit(
    request: HttpRequest, dossier: int, point: int, pk: int | None = None
) -> HttpResponse:
    """Record (or correct) a dated change of a point's status."""
    slug = request.network.slug  # type: ignore[attr-defined]
    owner = _point(request, dossier, point)
    instance = get_owned(request, PointStatusChange, pk, point=owner) if pk else None
    point_url = reverse("dossiers:point_detail", args=[slug, dossier, point])
    return edit_page(
        request,
        partial(PointStatusChangeForm, point=owner),  # type: ignore[arg-type]
        instance,
        title=(
            _("Edit status change of “%(point)s”") if instance else _("New status of “%(point)s”")
        )
        % {"point": owner.title},
        initial=None if instance else {"date": timezone.localdate(), "status": owner.status},
        cancel_url=point_url,
        success_url=point_url,
        delete_url=(
            reverse("dossiers:status_change_delete", args=[slug, dossier, point, pk]) if pk else ""
        ),
    )


@network_view(write=True)
def status_change_delete(request: HttpRequest, dossier: int, point: int, pk: int) -> HttpResponse:
    """Remove a wrongly recorded status change; the point's status follows the history."""
    owner = _point(request, dossier, point)
    change = get_owned(request, PointStatusChange, pk, point=owner)
    url = reverse("dossiers:point_detail", args=[request.network.slug, dossier, point])  # type: ignore[attr-defined]
    if request.method == "POST":
        with transaction.atomic():
            delete_object(request.network, request.user, change)  # type: ignore[attr-defined]
            sync_point_status(owner)
        messages.success(request, _("Deleted: %(object)s") % {"object": change})
        return redirect(url)
    return render(request, "warmnet/confirm_delete.html", {"object": change, "cancel_url": url})
