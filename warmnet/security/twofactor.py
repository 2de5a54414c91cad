"""Setting up and removing the authenticator app (TOTP) for one's own account."""

from __future__ import annotations

from base64 import b32encode

import segno
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST
from django_otp import devices_for_user
from django_otp import login as otp_login
from django_otp.plugins.otp_totp.models import TOTPDevice

from warmnet.security.login import TokenForm, safe_next

__all__ = ["account", "two_factor_remove", "two_factor_setup"]


@login_required
def account(request: HttpRequest) -> HttpResponse:
    has_device = bool(list(devices_for_user(request.user)))
    return render(request, "security/account.html", {"has_device": has_device})


def _pending_device(user: object) -> TOTPDevice:
    device = TOTPDevice.objects.filter(user=user, confirmed=False).first()
    return device or TOTPDevice.objects.create(user=user, name="app", confirmed=False)


@login_required
def two_factor_setup(request: HttpRequest) -> HttpResponse:
    if list(devices_for_user(request.user)):
        messages.info(request, _("Two-step login is already on."))
        return redirect("account:overview")
    device = _pending_device(request.user)
    form = TokenForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        if device.verify_token(form.cleaned_data["token"].strip()):
            device.confirmed = True
            device.save(update_fields=["confirmed"])
            otp_login(request, device)
            messages.success(
                request, _("Two-step login is on: from now on you log in with a code.")
            )
            return redirect(safe_next(request, request.GET.get("next") or "/account/"))
        form.add_error("token", _("This code is not right (or came too late). Try the next one."))
    context = {
        "form": form,
        # segno writes plain SVG markup (no script, no style element)
        "qr": mark_safe(segno.make(device.config_url).svg_inline(scale=4)),
        "secret": b32encode(device.bin_key).decode(),
    }
    status = 400 if request.method == "POST" else 200
    return render(request, "security/two_factor_setup.html", context, status=status)


@login_required
@require_POST
def two_factor_remove(request: HttpRequest) -> HttpResponse:
    form = TokenForm(request.POST)
    if form.is_valid():
        for device in devices_for_user(request.user):
            if device.verify_token(form.cleaned_data["token"].strip()):
                TOTPDevice.objects.filter(user=request.user).delete()
                messages.success(request, _("Two-step login is off."))
                return redirect("account:overview")
    messages.error(request, _("This code is not right (or came too late). Try the next one."))
    return redirect("account:overview")
