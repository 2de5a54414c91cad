"""Logging in: the password, then (for those who set it up) the code of their app.

The password step goes through Django's ``LoginView`` (and so through django-axes,
which counts failures and locks out).  A user with a confirmed TOTP device is not
logged in by the password alone: the session remembers, for a few minutes, who
passed the first step, and :func:`verify` logs them in when the code is right.
"""

from __future__ import annotations

import time
from typing import Any

from django import forms
from django.contrib.auth import get_user_model
from django.contrib.auth import login as auth_login
from django.contrib.auth.views import LoginView as DjangoLoginView
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django_otp import devices_for_user

__all__ = ["LoginView", "safe_next", "verify"]

PENDING = "warmnet_2fa_pending"
PENDING_SECONDS = 300


class TokenForm(forms.Form):
    token = forms.CharField(
        label=gettext_lazy("Code from your authenticator app"),
        max_length=8,
        widget=forms.TextInput(attrs={"autocomplete": "one-time-code", "inputmode": "numeric"}),
    )


class LoginView(DjangoLoginView):
    def form_valid(self, form: Any) -> HttpResponse:
        user = form.get_user()
        if not list(devices_for_user(user)):
            return super().form_valid(form)
        self.request.session[PENDING] = {
            "user": user.pk,
            "backend": user.backend,
            "since": time.time(),
            "next": self.get_success_url(),
        }
        return redirect("account:verify")


def safe_next(request: HttpRequest, url: str) -> str:
    allowed = url_has_allowed_host_and_scheme(
        url, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    )
    return url if allowed else reverse("home")


def verify(request: HttpRequest) -> HttpResponse:
    pending = request.session.get(PENDING)
    if not pending or time.time() - pending["since"] > PENDING_SECONDS:
        request.session.pop(PENDING, None)
        return redirect("login")
    user = get_user_model().objects.filter(pk=pending["user"], is_active=True).first()
    if user is None:
        return redirect("login")
    form = TokenForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        token = form.cleaned_data["token"].strip()
        for device in devices_for_user(user):
            if device.verify_token(token):
                # django-otp marks the session verified on login
                user.otp_device = device  # type: ignore[attr-defined]
                del request.session[PENDING]
                auth_login(request, user, backend=pending["backend"])
                return HttpResponseRedirect(safe_next(request, pending["next"]))
        form.add_error("token", _("This code is not right (or came too late). Try the next one."))
    status = 400 if request.method == "POST" else 200
    return render(request, "security/verify.html", {"form": form}, status=status)
