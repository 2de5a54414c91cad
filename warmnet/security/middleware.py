"""Response headers that keep personal pages out of caches.

Every page under a network and every download is personal data: no shared cache
(a proxy, a CDN) and no browser history cache may keep it.  Pages outside a network
get the same unless their view chose its own ``Cache-Control``.
"""

from __future__ import annotations

from collections.abc import Callable

from django.http import HttpRequest, HttpResponse

__all__ = ["NoStoreMiddleware"]

NO_STORE = "private, no-store"


class NoStoreMiddleware:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        response = self.get_response(request)
        personal = request.path.startswith("/n/") or "attachment" in response.headers.get(
            "Content-Disposition", ""
        )
        if personal or "Cache-Control" not in response.headers:
            response.headers["Cache-Control"] = NO_STORE
        return response
