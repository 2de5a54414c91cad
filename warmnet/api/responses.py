"""What every API answer gets on its way out: the rate-limit headers, and for a
successful read an ETag of its body, honoured with 304 on ``If-None-Match``.

Answers are personal data, so no cache may keep them (``no-store``, as the pages); a
client that keeps the data itself still saves the transfer by sending the ETag back."""

from __future__ import annotations

import hashlib
from typing import Any

from django.http import HttpRequest, HttpResponse
from django.utils.cache import get_conditional_response, patch_vary_headers
from django.utils.http import quote_etag
from ninja.renderers import JSONRenderer

__all__ = ["etag_of", "finish", "json_response", "not_modified"]

_renderer = JSONRenderer()
CACHE_CONTROL = "private, no-store"


def _rate_headers(request: HttpRequest, response: HttpResponse) -> None:
    rate = getattr(request, "warmnet_rate", None)
    if rate is not None:
        response["RateLimit-Limit"], response["RateLimit-Remaining"] = map(str, rate)


def finish(request: HttpRequest, response: HttpResponse) -> HttpResponse:
    _rate_headers(request, response)
    if request.method != "GET" or response.status_code != 200:
        return response
    if not response.has_header("ETag"):
        # An ETag of the body itself: right whatever changed (records, role, the day).
        response["ETag"] = quote_etag(hashlib.sha256(response.content).hexdigest()[:32])
    response["Cache-Control"] = CACHE_CONTROL
    patch_vary_headers(response, ("Authorization", "Accept-Language"))
    conditional = get_conditional_response(request, etag=response["ETag"], response=response)
    return conditional or response


def json_response(request: HttpRequest, data: Any, etag: str | None = None) -> HttpResponse:
    """A 200 JSON answer built here rather than through a response schema: for documents
    whose full shape is the engine's (the analysis), which a schema would cut down.
    ``etag``, when given, stands for everything the body depends on."""
    content = _renderer.render(request, data, response_status=200)
    response = HttpResponse(
        content, content_type=f"{_renderer.media_type}; charset={_renderer.charset}"
    )
    if etag is not None:
        response["ETag"] = etag
    return finish(request, response)


def not_modified(request: HttpRequest, etag: str) -> HttpResponse | None:
    """304 when the client already has ``etag``, before any work is done; else None."""
    response: HttpResponse | None = get_conditional_response(request, etag=etag)
    if response is not None:
        _rate_headers(request, response)
        response["Cache-Control"] = CACHE_CONTROL
        patch_vary_headers(response, ("Authorization", "Accept-Language"))
    return response


def etag_of(*parts: object) -> str:
    return quote_etag(hashlib.sha256("|".join(map(str, parts)).encode()).hexdigest()[:32])
