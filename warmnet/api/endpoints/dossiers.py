"""The content track: dossiers, points, positions, milestones, hard moments."""

from functools import partial
from typing import Any

from django.db.models import Q, QuerySet
from django.http import HttpRequest
from django.shortcuts import get_object_or_404
from ninja import Query, Router

from warmnet.api import present
from warmnet.api.endpoints.common import dated, page_of
from warmnet.api.schemas.errors import read_responses
from warmnet.api.schemas.ids import Id
from warmnet.api.schemas.params import (
    HardMomentParams,
    ListParams,
    MilestoneParams,
    PointParams,
    PositionParams,
)
from warmnet.api.schemas.records import (
    DossierOut,
    HardMomentOut,
    MilestoneOut,
    Page,
    PointOut,
    PositionOut,
)
from warmnet.api.scoping import api_view, runs_network
from warmnet.dossiers.models import Dossier, HardMoment, Milestone, Point, Position
from warmnet.network.scoping import get_owned

router = Router(tags=["dossiers"])

DATED = ("date", "pk")


@router.get("/networks/{network}/dossiers", response=read_responses(Page[DossierOut]))
@api_view()
def dossier_list(request: HttpRequest, network: str, params: Query[ListParams]) -> dict[str, Any]:
    rows = Dossier.objects.filter(network=request.network)  # type: ignore[attr-defined]
    return page_of(rows, params, present.dossier)


@router.get("/networks/{network}/dossiers/{id}", response=read_responses(DossierOut))
@api_view()
def dossier_detail(request: HttpRequest, network: str, id: Id) -> DossierOut:
    return present.dossier(get_owned(request, Dossier, id))


@router.get("/networks/{network}/points", response=read_responses(Page[PointOut]))
@api_view()
def point_list(request: HttpRequest, network: str, params: Query[PointParams]) -> dict[str, Any]:
    """Points of dispute and of agreement; `since` and `until` are about the day opened."""
    rows = dated(Point.objects.filter(network=request.network), "opened_on", params)  # type: ignore[attr-defined]
    if params.dossier_id is not None:
        rows = rows.filter(dossier_id=params.dossier_id)
    return page_of(rows, params, present.point)


@router.get("/networks/{network}/points/{id}", response=read_responses(PointOut))
@api_view()
def point_detail(request: HttpRequest, network: str, id: Id) -> PointOut:
    return present.point(get_owned(request, Point, id))


def _visible_positions(request: HttpRequest) -> QuerySet[Position]:
    """Where people stand is for those who run the network; others see the
    organisations' positions and the positions shared with them (as on the point page)."""
    rows = Position.objects.filter(network=request.network)  # type: ignore[attr-defined]
    return rows if runs_network(request) else rows.filter(Q(member__isnull=True) | Q(shared=True))


@router.get("/networks/{network}/positions", response=read_responses(Page[PositionOut]))
@api_view()
def position_list(
    request: HttpRequest, network: str, params: Query[PositionParams]
) -> dict[str, Any]:
    """Positions on points, oldest first.  Participants and observers get the positions
    of organisations and the shared ones; those who run the network also those of
    individual members."""
    rows = dated(_visible_positions(request), "date", params)
    if params.point_id is not None:
        rows = rows.filter(point_id=params.point_id)
    return page_of(rows, params, present.position, DATED)


@router.get("/networks/{network}/positions/{id}", response=read_responses(PositionOut))
@api_view()
def position_detail(request: HttpRequest, network: str, id: Id) -> PositionOut:
    return present.position(get_object_or_404(_visible_positions(request), pk=id))


@router.get("/networks/{network}/milestones", response=read_responses(Page[MilestoneOut]))
@api_view()
def milestone_list(
    request: HttpRequest, network: str, params: Query[MilestoneParams]
) -> dict[str, Any]:
    rows = dated(Milestone.objects.filter(network=request.network), "date", params)  # type: ignore[attr-defined]
    if params.dossier_id is not None:
        rows = rows.filter(dossier_id=params.dossier_id)
    return page_of(rows, params, present.milestone, DATED)


@router.get("/networks/{network}/milestones/{id}", response=read_responses(MilestoneOut))
@api_view()
def milestone_detail(request: HttpRequest, network: str, id: Id) -> MilestoneOut:
    return present.milestone(get_owned(request, Milestone, id))


@router.get("/networks/{network}/hard-moments", response=read_responses(Page[HardMomentOut]))
@api_view()
def hard_moment_list(
    request: HttpRequest, network: str, params: Query[HardMomentParams]
) -> dict[str, Any]:
    """Participants and observers get the description only of shared hard moments."""
    rows = dated(
        HardMoment.objects.filter(network=request.network).prefetch_related("parties"),  # type: ignore[attr-defined]
        "date",
        params,
    )
    full = runs_network(request)
    return page_of(rows, params, partial(present.hard_moment, full=full), DATED)


@router.get("/networks/{network}/hard-moments/{id}", response=read_responses(HardMomentOut))
@api_view()
def hard_moment_detail(request: HttpRequest, network: str, id: Id) -> HardMomentOut:
    moment = get_owned(request, HardMoment, id)
    return present.hard_moment(moment, full=runs_network(request))
