"""Opaque personal tokens: 256 random bits in the link, only their SHA-256 stored.

A token has so much randomness that a plain (fast) hash is enough: nobody can guess
one, and a copy of the database does not hold a usable link.
"""

from __future__ import annotations

import hashlib
import re
import secrets

__all__ = ["digest_of", "looks_like_token", "new_token"]

_TOKEN = re.compile(r"^[A-Za-z0-9_-]{43}$")


def new_token() -> tuple[str, str]:
    """A fresh token for a link, and the digest to store."""
    token = secrets.token_urlsafe(32)
    return token, digest_of(token)


def digest_of(token: str) -> str:
    return hashlib.sha256(token.encode("ascii")).hexdigest()


def looks_like_token(value: str) -> bool:
    return bool(_TOKEN.match(value))
