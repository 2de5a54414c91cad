"""What a locked-out login sees: the login page, a plain Dutch (or English) message, 429."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.contrib.auth.forms import AuthenticationForm
from django.http import HttpRequest
from django.shortcuts import render
from django.utils.translation import gettext as _

__all__ = ["locked_out", "lockout_message"]


def lockout_message() -> str:
    minutes = round(float(settings.AXES_COOLOFF_TIME) * 60)
    return _(
        "Too many failed attempts to log in. Logging in is blocked for %(minutes)s minutes; "
        "the network's coordinator can lift the block sooner."
    ) % {"minutes": minutes}


def locked_out(request: HttpRequest, credentials: Any = None, *args: Any, **kwargs: Any) -> Any:
    form = AuthenticationForm(request)
    context = {"form": form, "locked_out": lockout_message()}
    return render(request, "registration/login.html", context, status=429)
