"""The API object: its authentication, rate limit, error shapes and ETags.

Every operation needs a personal token (``Authorization: Bearer …``); the OpenAPI
document and the docs page (Swagger UI, served from django-ninja's own static files,
no CDN) are open, they describe no data.
"""

from __future__ import annotations

from typing import Any

from django.http import Http404, HttpRequest, HttpResponse
from django.utils.translation import gettext as _
from ninja import NinjaAPI
from ninja.errors import AuthenticationError, HttpError, Throttled, ValidationError

from warmnet.api.auth import RatePerToken, TokenAuth
from warmnet.api.endpoints import activities, analysis, attendance, contacts, dossiers, network
from warmnet.api.responses import finish

__all__ = ["api"]

DESCRIPTION = """
Warmnet's records and analysis for other systems: a CRM, an intranet, a BI tool.

**Authentication.** Make a personal API token on your profile page (*API tokens* in
the menu at the top) and send it with every request:
`Authorization: Bearer wn_…`.  A token opens one network, reads or reads and
writes, and expires.  It sees what you see on the pages with your role in that
network: contacts, people's positions and the person-level parts of the analysis
are for the coordinator and the core team.

**Lists** come a page at a time (`limit`, at most 500); pass a page's `next` as
`cursor` for the next one.  `since` and `until` filter by day.

**Caching.** Every answer carries an `ETag`; send it back in `If-None-Match` and an
unchanged answer is a `304 Not Modified` without a body.  Answers are personal data:
`Cache-Control: private, no-store`.

**Writes** (activities, attendance, contacts) are validated as the forms on the
pages validate them, are saved whole or not at all, and appear in the network's
audit log under your name.

**Errors** are JSON: `{"detail": "…"}`, or for invalid input a list of problems,
each with the field (`loc`) and the message (`msg`).
"""


class WarmnetApi(NinjaAPI):
    def create_response(
        self,
        request: HttpRequest,
        data: Any,
        *,
        status: int | None = None,
        temporal_response: HttpResponse | None = None,
    ) -> HttpResponse:
        response = super().create_response(
            request, data, status=status, temporal_response=temporal_response
        )
        return finish(request, response)


api = WarmnetApi(
    title="Warmnet API",
    version="1",
    description=DESCRIPTION,
    auth=TokenAuth(),
    throttle=[RatePerToken()],
    urls_namespace="api",
)
for module in (network, activities, attendance, contacts, dossiers, analysis):
    api.add_router("", module.router)


@api.exception_handler(AuthenticationError)
def _unauthorised(request: HttpRequest, exc: AuthenticationError) -> HttpResponse:
    response = api.create_response(request, {"detail": exc.message}, status=401)
    response["WWW-Authenticate"] = 'Bearer realm="warmnet"'
    return response


@api.exception_handler(HttpError)
def _http_error(request: HttpRequest, exc: HttpError) -> HttpResponse:
    message = str(exc)
    if exc.status_code == 400 and message.startswith("Cannot parse request body"):
        # django-ninja's own words when the body is no JSON at all
        message = _("The request body is not valid JSON.")
    return api.create_response(request, {"detail": message}, status=exc.status_code)


@api.exception_handler(Http404)
def _not_found(request: HttpRequest, exc: Http404) -> HttpResponse:
    # Says nothing about whose it is, or whether it exists elsewhere.
    return api.create_response(request, {"detail": _("Not found.")}, status=404)


@api.exception_handler(Throttled)
def _throttled(request: HttpRequest, exc: Throttled) -> HttpResponse:
    limit = getattr(request, "warmnet_rate", (0, 0))[0]
    message = _("Too many requests with this token: at most %(n)d a minute.") % {"n": limit}
    return api.create_response(request, {"detail": message}, status=429)


@api.exception_handler(ValidationError)
def _invalid(request: HttpRequest, exc: ValidationError) -> HttpResponse:
    """Each problem with the field it is about: ``["body", "title"]``, ``["query", "limit"]``
    (the name of the operation's body parameter is left out: it is not the client's)."""
    problems = []
    for error in exc.errors:
        loc = list(error.get("loc", ()))
        if loc[:2] == ["body", "body"]:
            del loc[1]
        problems.append({"type": error.get("type", "invalid"), "loc": loc, "msg": error["msg"]})
    return api.create_response(request, {"detail": problems}, status=422)
