"""Tokens for signed single-purpose links (see the package docstring)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass
from functools import wraps
from typing import Any

from django.core import signing
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import timezone

__all__ = [
    "ExpiredLink",
    "InvalidLink",
    "Link",
    "Purpose",
    "make_token",
    "purpose",
    "purposes",
    "read_token",
    "signed_link_view",
]

SALT = "warmnet.links."
_EPOCH = dt.datetime(2020, 1, 1, tzinfo=dt.UTC)
_REGISTRY: dict[str, Purpose] = {}


class InvalidLink(Exception):
    """Not a token of this purpose (tampered, another purpose, garbage)."""


class ExpiredLink(Exception):
    """A genuine token whose time is up."""


@dataclass(frozen=True)
class Purpose:
    """What a link may do, and the names of the ids it carries, in order."""

    name: str
    fields: tuple[str, ...]


def purpose(name: str, *fields: str) -> Purpose:
    """Declare a purpose (once, at import time of the app that serves it)."""
    if name in _REGISTRY and _REGISTRY[name].fields != fields:
        raise ValueError(f"link purpose {name!r} declared twice with different fields")
    _REGISTRY[name] = Purpose(name, fields)
    return _REGISTRY[name]


def purposes() -> dict[str, Purpose]:
    return dict(_REGISTRY)


@dataclass(frozen=True)
class Link:
    purpose: Purpose
    ids: dict[str, int]
    expires: dt.datetime | None

    def __getitem__(self, name: str) -> int:
        return self.ids[name]


def _minutes(moment: dt.datetime) -> int:
    return max(1, int((moment - _EPOCH).total_seconds() // 60) + 1)


def make_token(p: Purpose, *, expires: dt.datetime | None, **ids: int) -> str:
    """A URL-safe token for ``p`` about ``ids`` (exactly the purpose's fields), valid
    until ``expires`` (``None``: until the subject is revoked by other means)."""
    if set(ids) != set(p.fields):
        raise ValueError(f"purpose {p.name!r} takes {p.fields}, got {sorted(ids)}")
    payload = [int(ids[f]) for f in p.fields]
    payload.append(_minutes(expires) if expires is not None else 0)
    return signing.Signer(salt=SALT + p.name).sign_object(payload)


def read_token(p: Purpose, token: str, *, now: dt.datetime | None = None) -> Link:
    """The link a token stands for; :class:`InvalidLink` unless it was made for ``p``
    exactly as it is, :class:`ExpiredLink` once its time is up."""
    try:
        payload = signing.Signer(salt=SALT + p.name).unsign_object(token)
    except (signing.BadSignature, ValueError, TypeError, UnicodeDecodeError):
        raise InvalidLink(p.name) from None
    if (
        not isinstance(payload, list)
        or len(payload) != len(p.fields) + 1
        or not all(isinstance(v, int) and not isinstance(v, bool) for v in payload)
    ):
        raise InvalidLink(p.name)
    *values, minutes = payload
    expires = _EPOCH + dt.timedelta(minutes=minutes) if minutes else None
    if expires is not None and (now or timezone.now()) >= expires:
        raise ExpiredLink(p.name)
    return Link(p, dict(zip(p.fields, values, strict=True)), expires)


View = Callable[..., HttpResponse]


def signed_link_view(p: Purpose) -> Callable[[View], View]:
    """Serve a view only to a valid token of purpose ``p`` (URL parameter ``token``);
    the view receives ``link`` instead.  404 for anything else, 410 once expired."""

    def decorator(view: View) -> View:
        @wraps(view)
        def wrapper(request: HttpRequest, token: str, *args: Any, **kwargs: Any) -> HttpResponse:
            try:
                link = read_token(p, token)
            except InvalidLink:
                raise Http404("No such link") from None
            except ExpiredLink:
                return render(request, "links/expired.html", status=410)
            return view(request, link, *args, **kwargs)

        # Read by the test that walks every signed-link route.
        wrapper.warmnet_signed_link = p  # type: ignore[attr-defined]
        return wrapper

    return decorator
