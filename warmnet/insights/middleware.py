"""Pages say when the analysis they show was computed ("bijgewerkt om 14:02") and
whether a newer one is on its way: the middleware starts each request with nothing
served, :func:`~warmnet.insights.service.analysis_for` notes what it serves, and the
context processor hands that to the base template."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django.http import HttpRequest, HttpResponse
from django.utils import timezone

from warmnet.insights.service import freshness, reset_freshness

__all__ = ["AnalysisFreshnessMiddleware", "analysis_freshness"]


class AnalysisFreshnessMiddleware:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        reset_freshness()
        try:
            return self.get_response(request)
        finally:
            reset_freshness()


def analysis_freshness(request: HttpRequest) -> dict[str, Any]:
    seen = freshness()
    if seen is None:
        return {}
    local = timezone.localtime(seen.computed_at)
    return {
        "analysis_freshness": {
            "at": local,
            "today": local.date() == timezone.localdate(),
            "stale": seen.stale,
            "version": seen.version,
        }
    }
