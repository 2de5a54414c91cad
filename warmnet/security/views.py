"""The network's security page, for its coordinators: two-step login and locked logins."""

from __future__ import annotations

from axes.models import AccessAttempt
from axes.utils import reset
from django.conf import settings
from django.contrib import messages
from django.db.models import Sum
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST
from django_otp.plugins.otp_totp.models import TOTPDevice

from warmnet.network.actions import log_action
from warmnet.network.models import Member
from warmnet.network.scoping import COORDINATORS, RUNNERS, get_owned, network_view


def _locked_usernames(usernames: list[str]) -> set[str]:
    counts = (
        AccessAttempt.objects.filter(username__in=usernames)
        .values("username")
        .annotate(failures=Sum("failures_since_start"))
    )
    return {c["username"] for c in counts if c["failures"] >= settings.AXES_FAILURE_LIMIT}


@network_view(write=True, roles=COORDINATORS)
def security_page(request: HttpRequest) -> HttpResponse:
    network = request.network  # type: ignore[attr-defined]
    if request.method == "POST":
        required = request.POST.get("require_two_factor") == "on"
        if required != network.require_two_factor:
            network.require_two_factor = required
            network.save(update_fields=["require_two_factor"])
            log_action(
                network,
                request.user,
                "update",
                network,
                changes={"require_two_factor": required},
            )
        messages.success(request, _("Saved."))
        return redirect("security:page", network.slug)
    members = list(
        Member.objects.filter(network=network, user__isnull=False)
        .select_related("user", "organisation")
        .order_by("name")
    )
    with_device = set(
        TOTPDevice.objects.filter(
            user__in=[m.user_id for m in members], confirmed=True
        ).values_list("user_id", flat=True)
    )
    locked = _locked_usernames([m.user.get_username() for m in members if m.user])
    context = {
        "runners": [(m, m.user_id in with_device) for m in members if m.role in RUNNERS],
        "locked": [m for m in members if m.user and m.user.get_username() in locked],
    }
    return render(request, "security/network_security.html", context)


@network_view(write=True, roles=COORDINATORS)
@require_POST
def unlock(request: HttpRequest, pk: int) -> HttpResponse:
    network = request.network  # type: ignore[attr-defined]
    member = get_owned(request, Member, pk, user__isnull=False)
    reset(username=member.user.get_username())  # type: ignore[union-attr]
    log_action(network, request.user, "unlock login", member, summary=f"#{member.pk}")
    messages.success(request, _("Logging in is possible again for %(name)s.") % {"name": member})
    return redirect("security:page", network.slug)
