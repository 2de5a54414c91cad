"""The network, its organisations and its members."""

from typing import Any

from django.db.models import Q
from django.http import HttpRequest
from ninja import Query, Router

from warmnet.api import present
from warmnet.api.endpoints.common import page_of
from warmnet.api.schemas.codes import RoleCode, code_of
from warmnet.api.schemas.errors import read_responses
from warmnet.api.schemas.ids import Id
from warmnet.api.schemas.params import ListParams, MemberParams
from warmnet.api.schemas.records import MemberOut, NetworkOut, OrganisationOut, Page
from warmnet.api.scoping import api_view, runs_network, token_of
from warmnet.network.models import Member, Network, Organisation, Role
from warmnet.network.scoping import get_owned, user_networks

router = Router(tags=["network"])


def _network_out(network: Network, member: Member, token_can_write: bool) -> NetworkOut:
    return NetworkOut(
        slug=network.slug,
        name=network.name,
        description=network.description,
        role=code_of(RoleCode, Role, member.role),
        can_write=token_can_write and member.can_write,
    )


@router.get("/networks", response=read_responses(list[NetworkOut]))
def network_list(request: HttpRequest) -> list[NetworkOut]:
    """The network this token is for (a token opens exactly one), while you are a member."""
    token = token_of(request)
    member = user_networks(token.user).filter(network=token.network_id).first()
    if member is None:
        return []
    return [_network_out(member.network, member, token.can_write)]


# Scoped by the token itself: it lists nothing but the token's own network.
network_list.warmnet_api_scoped = True  # type: ignore[attr-defined]


@router.get("/networks/{network}", response=read_responses(NetworkOut))
@api_view()
def network_detail(request: HttpRequest, network: str) -> NetworkOut:
    token = token_of(request)
    return _network_out(request.network, request.member, token.can_write)  # type: ignore[attr-defined]


@router.get("/networks/{network}/organisations", response=read_responses(Page[OrganisationOut]))
@api_view()
def organisation_list(
    request: HttpRequest, network: str, params: Query[ListParams]
) -> dict[str, Any]:
    rows = Organisation.objects.filter(network=request.network)  # type: ignore[attr-defined]
    return page_of(rows, params, present.organisation)


@router.get("/networks/{network}/organisations/{id}", response=read_responses(OrganisationOut))
@api_view()
def organisation_detail(request: HttpRequest, network: str, id: Id) -> OrganisationOut:
    return present.organisation(get_owned(request, Organisation, id))


@router.get("/networks/{network}/members", response=read_responses(Page[MemberOut]))
@api_view()
def member_list(request: HttpRequest, network: str, params: Query[MemberParams]) -> dict[str, Any]:
    rows = Member.objects.filter(network=request.network)  # type: ignore[attr-defined]
    if params.organisation_id is not None:
        rows = rows.filter(organisation_id=params.organisation_id)
    if params.active_on is not None:
        rows = rows.filter(joined_on__lte=params.active_on).filter(
            Q(left_on__isnull=True) | Q(left_on__gte=params.active_on)
        )
    email = runs_network(request)
    return page_of(rows, params, lambda m: present.member(m, show_email=email))


@router.get("/networks/{network}/members/{id}", response=read_responses(MemberOut))
@api_view()
def member_detail(request: HttpRequest, network: str, id: Id) -> MemberOut:
    return present.member(get_owned(request, Member, id), show_email=runs_network(request))
