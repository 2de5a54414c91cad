"""Who is asking: the bearer token, checked on every request, and how often it may ask.

An unknown, revoked or expired token, or one whose account is disabled, gets 401
with a sentence that says which.  The rate limit counts requests per token per
minute in Django's cache, so with ``REDIS_URL`` set every server process shares the
count.
"""

from __future__ import annotations

import time
from typing import Any

from django.conf import settings
from django.core.cache import cache
from django.http import HttpRequest
from django.utils import timezone, translation
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from ninja.errors import AuthenticationError
from ninja.security import HttpBearer
from ninja.throttling import BaseThrottle

from warmnet.api.models import ApiToken
from warmnet.api.tokens import find_token, touch

__all__ = ["RatePerToken", "TokenAuth"]

WINDOW_SECONDS = 60


def _activate_language(request: HttpRequest) -> None:
    """The API answers in the language the client asks for (Accept-Language), else
    the product's default: the same choice Django makes, without the URL path."""
    language = translation.get_language_from_request(request, check_path=False)
    translation.activate(language)
    request.LANGUAGE_CODE = language  # type: ignore[attr-defined]


class TokenAuth(HttpBearer):
    def __call__(self, request: HttpRequest) -> Any:
        _activate_language(request)
        header = request.headers.get("Authorization", "")
        scheme, _sep, secret = header.partition(" ")
        if scheme.lower() != "bearer" or not secret.strip():
            raise AuthenticationError(
                message=_(
                    "Send your personal API token in the header “Authorization: Bearer <token>”."
                )
            )
        return self.authenticate(request, secret.strip())

    def authenticate(self, request: HttpRequest, token: str) -> ApiToken:
        found = find_token(token)
        now = timezone.now()
        if found is None:
            raise AuthenticationError(message=_("This API token is not known."))
        if found.revoked_at is not None:
            raise AuthenticationError(message=_("This API token has been revoked."))
        if found.expires_at <= now:
            raise AuthenticationError(
                message=_("This API token expired on %(date)s.")
                % {"date": date_format(timezone.localtime(found.expires_at), "DATE_FORMAT")}
            )
        if not found.user.is_active:
            raise AuthenticationError(message=_("The account of this API token is disabled."))
        touch(found, now)
        request.user = found.user
        return found


class RatePerToken(BaseThrottle):
    """At most ``WARMNET_API_RATE_PER_MINUTE`` requests per token in each clock minute."""

    def allow_request(self, request: HttpRequest) -> bool:
        token = getattr(request, "auth", None)
        if not isinstance(token, ApiToken):
            return True
        limit: int = settings.WARMNET_API_RATE_PER_MINUTE
        window = int(time.time() // WINDOW_SECONDS)
        key = f"warmnet:api:rate:{token.pk}:{window}"
        cache.add(key, 0, WINDOW_SECONDS * 2)
        try:
            count = cache.incr(key)
        except ValueError:  # expired between add and incr
            cache.set(key, 1, WINDOW_SECONDS * 2)
            count = 1
        request.warmnet_rate = (limit, max(0, limit - count))  # type: ignore[attr-defined]
        return count <= limit

    def wait(self) -> float:
        return WINDOW_SECONDS - time.time() % WINDOW_SECONDS
