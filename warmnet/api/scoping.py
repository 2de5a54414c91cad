"""The one way into a network's data through the API, as ``network_view`` is for pages.

Every operation under ``/api/v1/networks/{network}/`` is wrapped in :func:`api_view`.
The token names one network: any other slug is a 404, as is a network the token's user
is no longer a member of, so a token never even confirms that another network exists.
Writes need a read-write token *and* a role that may change records; ``roles``
narrows reads as the pages do (contacts are for those who run the network).  The
role is the member's role now, not when the token was made.
"""

from __future__ import annotations

from collections.abc import Callable
from functools import wraps
from typing import Any

from django.http import Http404, HttpRequest
from django.utils.translation import gettext as _
from ninja.errors import HttpError

from warmnet.api.models import ApiToken
from warmnet.network.models import Member, Network
from warmnet.network.scoping import RUNNERS, active_membership

__all__ = ["ApiRequest", "api_view", "runs_network", "token_of"]


class ApiRequest(HttpRequest):
    """A request that went through :func:`api_view`."""

    auth: ApiToken
    network: Network
    member: Member


def token_of(request: HttpRequest) -> ApiToken:
    token = getattr(request, "auth", None)
    if not isinstance(token, ApiToken):  # every operation requires TokenAuth
        raise HttpError(401, _("Send your personal API token."))
    return token


def runs_network(request: HttpRequest) -> bool:
    """Whether the member runs the network (sees others' ties, positions and e-mail)."""
    return request.member.role in RUNNERS  # type: ignore[attr-defined]


def api_view(
    *, write: bool = False, roles: frozenset[int] | None = None
) -> Callable[[Callable[..., Any]], Callable[..., Any]]:
    def decorator(view: Callable[..., Any]) -> Callable[..., Any]:
        @wraps(view)
        def wrapper(request: HttpRequest, network: str, *args: Any, **kwargs: Any) -> Any:
            token = token_of(request)
            if token.network.slug != network:
                raise Http404("No such network")
            member = active_membership(token.user, network)
            if write and not token.can_write:
                raise HttpError(
                    403, _("This token may only read. Make a read-write token to change records.")
                )
            if write and not member.can_write:
                raise HttpError(403, _("Your role in this network does not allow changes."))
            if roles is not None and member.role not in roles:
                raise HttpError(403, _("This is for other roles in the network."))
            request.network = member.network  # type: ignore[attr-defined]
            request.member = member  # type: ignore[attr-defined]
            return view(request, network, *args, **kwargs)

        # Read by the test that walks every API operation with every kind of token.
        wrapper.warmnet_api_scoped = True  # type: ignore[attr-defined]
        wrapper.warmnet_api_write = write  # type: ignore[attr-defined]
        wrapper.warmnet_api_roles = roles  # type: ignore[attr-defined]
        return wrapper

    return decorator
