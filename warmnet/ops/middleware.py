"""Middleware for running in production: the health endpoint and the request log."""

from __future__ import annotations

import logging
import re
import time
import uuid
from collections.abc import Callable

from django.conf import settings
from django.db import connection
from django.http import HttpRequest, HttpResponse, JsonResponse

from warmnet.ops.health import check_health

__all__ = ["HealthCheckMiddleware", "RequestLogMiddleware"]

HEALTH_PATH = "/healthz"
request_log = logging.getLogger("warmnet.request")
_REQUEST_ID = re.compile(r"^[A-Za-z0-9._-]{1,64}$")


class HealthCheckMiddleware:
    """Answer ``GET /healthz`` first of all: no host check (load balancers call by
    address), no session, no log line; 200 when every part is reachable, else 503."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        if request.path_info != HEALTH_PATH:
            return self.get_response(request)
        if request.method not in ("GET", "HEAD"):
            return HttpResponse(status=405, headers={"Allow": "GET, HEAD"})
        health = check_health()
        response = JsonResponse(health.as_json(), status=200 if health.ok else 503)
        response["Cache-Control"] = "no-store"
        return response


class RequestLogMiddleware:
    """One JSON line per request: which view (its URL pattern, never the URL itself),
    status, time taken (and processor time), size and a request id; nothing about who asked."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        given = request.headers.get("X-Request-ID", "")
        request_id = given if _REQUEST_ID.match(given) else uuid.uuid4().hex
        started, cpu_started = time.perf_counter(), time.thread_time()
        queries_before = len(connection.queries) if settings.DEBUG else None
        response = self.get_response(request)
        match = request.resolver_match
        fields = {
            "request_id": request_id,
            "method": request.method,
            "route": ("/" + match.route) if match is not None else None,
            "view": match.view_name if match is not None else None,
            "status": response.status_code,
            "duration_ms": round((time.perf_counter() - started) * 1000, 1),
            # this thread's processor time: what the request cost, however busy the machine
            "cpu_ms": round((time.thread_time() - cpu_started) * 1000, 1),
            "bytes": None if response.streaming else len(response.content),
            "htmx": "HX-Request" in request.headers,
        }
        if queries_before is not None:
            fields["queries"] = len(connection.queries) - queries_before
        request_log.info("request", extra={"fields": fields})
        response["X-Request-ID"] = request_id
        return response
