"""Making, finding and revoking personal API tokens.

A token is ``wn_`` and 43 random URL-safe characters (256 bits).  It is shown once;
the database keeps its SHA-256 digest, which is enough for a secret of that strength
(a slow password hash guards guessable secrets, not random ones) and lets a request
find its token with one indexed lookup.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import secrets
from typing import Any

from django.db import transaction
from django.utils import timezone

from warmnet.api.models import ApiToken
from warmnet.network.actions import log_action
from warmnet.network.models import Network

__all__ = [
    "EXPIRY_DAYS",
    "LAST_USED_EVERY",
    "PREFIX",
    "create_token",
    "delete_tokens",
    "digest",
    "find_token",
    "revoke_token",
    "tokens_for_export",
    "touch",
]

PREFIX = "wn_"
#: The lifetimes a user can choose, in days; the longest is a year.
EXPIRY_DAYS = (7, 30, 90, 365)
#: ``last_used_at`` is written at most this often per token (not on every request).
LAST_USED_EVERY = dt.timedelta(minutes=1)


def digest(secret: str) -> str:
    return hashlib.sha256(secret.encode()).hexdigest()


def create_token(
    user: Any,
    network: Network,
    *,
    name: str,
    can_write: bool,
    days: int,
    now: dt.datetime | None = None,
) -> tuple[ApiToken, str]:
    """Make a token and return it with its secret (the only time the secret exists)."""
    now = now or timezone.now()
    secret = PREFIX + secrets.token_urlsafe(32)
    with transaction.atomic():
        token = ApiToken.objects.create(
            user=user,
            network=network,
            name=name,
            can_write=can_write,
            prefix=secret[:10],
            digest=digest(secret),
            created_at=now,
            expires_at=now + dt.timedelta(days=days),
        )
        log_action(
            network,
            user,
            "create",
            token,
            summary=f"API token: {name}",
            changes={"can_write": can_write, "expires_at": token.expires_at.isoformat()},
        )
    return token, secret


def revoke_token(user: Any, token: ApiToken, now: dt.datetime | None = None) -> None:
    """Revoke a token from now on; revoking twice changes nothing."""
    if token.revoked_at is not None:
        return
    with transaction.atomic():
        token.revoked_at = now or timezone.now()
        token.save(update_fields=["revoked_at"])
        log_action(token.network, user, "revoke", token, summary=f"API token: {token.name}")


def find_token(secret: str) -> ApiToken | None:
    """The token with this secret, whatever its state (the caller checks it)."""
    if not secret.startswith(PREFIX) or len(secret) > 100:
        return None
    return ApiToken.objects.select_related("user", "network").filter(digest=digest(secret)).first()


def touch(token: ApiToken, now: dt.datetime) -> None:
    """Note that the token was used, at most once per ``LAST_USED_EVERY``."""
    if token.last_used_at is None or now - token.last_used_at >= LAST_USED_EVERY:
        ApiToken.objects.filter(pk=token.pk).update(last_used_at=now)
        token.last_used_at = now


def _of(user: Any, network: Network | None) -> Any:
    tokens = ApiToken.objects.filter(user=user.pk)
    return tokens if network is None else tokens.filter(network=network)


def tokens_for_export(user: Any, network: Network | None = None) -> list[dict[str, Any]]:
    """A person's API tokens (for one network, or all) for their personal-data export:
    what each is, never its digest (nor, since it is not kept, the token itself)."""
    return [
        {
            "name": t.name,
            "network": t.network.slug,
            "can_write": t.can_write,
            "starts_with": t.prefix,
            "created_at": t.created_at.isoformat(),
            "expires_at": t.expires_at.isoformat(),
            "last_used_at": t.last_used_at.isoformat() if t.last_used_at else None,
            "revoked_at": t.revoked_at.isoformat() if t.revoked_at else None,
        }
        for t in _of(user, network).select_related("network").order_by("pk")
    ]


def delete_tokens(user: Any, network: Network | None = None) -> int:
    """Delete a person's tokens (for one network, or all), as erasing them asks; returns
    how many there were."""
    deleted, _kinds = _of(user, network).delete()
    return deleted
