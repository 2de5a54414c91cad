"""The one way into a network's data.

Every view under ``/n/<network>/`` is wrapped in :func:`network_view`, which
finds the signed-in user's membership of that network (404 when there is none,
so other networks' existence is not even confirmed) and checks the role for
writes.  Objects named in the URL are fetched with :func:`get_owned`, which
404s for anything outside the network.
"""

from __future__ import annotations

from collections.abc import Callable
from functools import wraps
from typing import Any, TypeVar

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.db.models import Model, Q, QuerySet
from django.http import Http404, HttpRequest, HttpResponse, HttpResponseNotAllowed
from django.shortcuts import get_object_or_404, redirect
from django.urls import reverse
from django.utils import timezone
from django.utils.http import urlencode

from warmnet.network.models import Member, Network, Role

__all__ = [
    "COORDINATORS",
    "RUNNERS",
    "NetworkRequest",
    "active_membership",
    "get_owned",
    "network_view",
    "user_networks",
]

M = TypeVar("M", bound=Model)
View = Callable[..., HttpResponse]


class NetworkRequest(HttpRequest):
    """A request that went through :func:`network_view`."""

    network: Network
    member: Member


def _active() -> Q:
    return Q(left_on__isnull=True) | Q(left_on__gte=timezone.localdate())


def user_networks(user: Any) -> QuerySet[Member]:
    """The user's current memberships, one per network."""
    if not user.is_authenticated:
        return Member.objects.none()
    return (
        Member.objects.filter(_active(), user=user)
        .select_related("network", "organisation")
        .order_by("network__name")
    )


def active_membership(user: Any, slug: str) -> Member:
    member = user_networks(user).filter(network__slug=slug).first()
    if member is None:
        raise Http404("No such network")
    return member


def network_view(
    *,
    write: bool = False,
    roles: frozenset[int] | None = None,
    personal: bool = False,
    search: bool = False,
) -> Callable[[View], View]:
    """Scope a view to one network.

    ``write=True`` admits only roles that may change records (coordinator, core
    team) and allows POST; read views answer GET and HEAD only.  ``roles``
    narrows further (e.g. the audit log is for coordinators).  ``personal=True``
    allows POST for every role: the view changes only the member's own things
    (their answer to an invitation, their calendar link), never others' records.
    ``search=True``: a read view that also takes its search terms by POST, so names
    people search for never stand in an address (nor in access logs); it must not write.
    """
    reads = ("GET", "HEAD", "POST") if search else ("GET", "HEAD")

    def decorator(view: View) -> View:
        @login_required
        @wraps(view)
        def wrapper(request: HttpRequest, network: str, *args: Any, **kwargs: Any) -> HttpResponse:
            member = active_membership(request.user, network)
            if write and not member.can_write:
                raise PermissionDenied
            if not (write or personal) and request.method not in reads:
                return HttpResponseNotAllowed(list(reads))
            if roles is not None and member.role not in roles:
                raise PermissionDenied
            if _needs_second_factor(request, member):
                target = reverse("account:two_factor_setup")
                return redirect(f"{target}?{urlencode({'next': request.path})}")
            request.network = member.network  # type: ignore[attr-defined]
            request.member = member  # type: ignore[attr-defined]
            return view(request, *args, **kwargs)

        # Read by the test that crawls every URL with every role.
        wrapper.warmnet_scoped = True  # type: ignore[attr-defined]
        wrapper.warmnet_write = write or roles is not None  # type: ignore[attr-defined]
        wrapper.warmnet_personal = personal  # type: ignore[attr-defined]
        wrapper.warmnet_search = search  # type: ignore[attr-defined]
        return wrapper

    return decorator


def _needs_second_factor(request: HttpRequest, member: Member) -> bool:
    """A network that requires two-step login for those who run it: a coordinator or
    core-team member whose session has not passed it is sent to set it up first."""
    if not member.network.require_two_factor or member.role not in RUNNERS:
        return False
    is_verified = getattr(request.user, "is_verified", None)
    return not (is_verified is not None and is_verified())


COORDINATORS = frozenset({Role.COORDINATOR})
#: Those who run the network (coordinator, core team): they see relationship data about
#: other people (ties, warmth, cold members, the map).  Participants and observers see
#: the network's shared records, figures about the whole, and their own ties.
RUNNERS = frozenset({Role.COORDINATOR, Role.CORE_TEAM})


def get_owned(request: HttpRequest, model: type[M], pk: Any, **lookups: Any) -> M:
    """Fetch ``model`` by primary key, only from the request's network."""
    network = request.network  # type: ignore[attr-defined]
    return get_object_or_404(model, network=network, pk=pk, **lookups)
