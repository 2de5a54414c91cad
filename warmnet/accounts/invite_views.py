"""Coordinators give members a login: one from the member's page, or many at once."""

from __future__ import annotations

from collections import Counter

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from warmnet.accounts.invite import InviteResult, invite_member
from warmnet.network.models import Member
from warmnet.network.scoping import COORDINATORS, get_owned, network_view

__all__ = ["invite_many", "invite_one"]


def _say(request: HttpRequest, member: Member, result: InviteResult) -> None:
    if result is InviteResult.INVITED:
        messages.success(
            request,
            _("%(name)s gets an e-mail with a link to choose a password.") % {"name": member.name},
        )
    elif result is InviteResult.LINKED:
        messages.success(
            request,
            _("%(name)s already had a Warmnet account; it now opens this network too.")
            % {"name": member.name},
        )
    elif result is InviteResult.NO_EMAIL:
        messages.error(
            request, _("Not invited: %(name)s has no e-mail address.") % {"name": member.name}
        )
    else:
        messages.info(request, _("%(name)s already has a login.") % {"name": member.name})


@network_view(write=True, roles=COORDINATORS)
def invite_one(request: HttpRequest, pk: int) -> HttpResponse:
    network = request.network  # type: ignore[attr-defined]
    member = get_owned(request, Member, pk)
    if request.method == "POST":
        _say(request, member, invite_member(network, request.user, member))
    return redirect(reverse("network:member_detail", args=[network.slug, member.pk]))


@network_view(write=True, roles=COORDINATORS)
def invite_many(request: HttpRequest) -> HttpResponse:
    """Members without a login; POST ``members`` (ids) invites those chosen."""
    network = request.network  # type: ignore[attr-defined]
    waiting = (
        Member.objects.filter(network=network, user__isnull=True, left_on__isnull=True)
        .select_related("organisation")
        .order_by("organisation__name", "name")
    )
    if request.method == "POST":
        ids = {int(v) for v in request.POST.getlist("members") if v.isdigit()}
        chosen = [m for m in waiting if m.pk in ids]
        if not chosen:
            messages.error(request, _("Choose the members to invite."))
        else:
            results = Counter(invite_member(network, request.user, m) for m in chosen)
            n = results[InviteResult.INVITED] + results[InviteResult.LINKED]
            messages.success(
                request,
                ngettext("%(n)d member invited to Warmnet.", "%(n)d members invited to Warmnet.", n)
                % {"n": n},
            )
            skipped = [m.name for m in chosen if not m.email]
            if skipped:
                messages.warning(
                    request,
                    _("Not invited: no e-mail address: %(names)s") % {"names": ", ".join(skipped)},
                )
        return redirect(reverse("accounts:invite_many", args=[network.slug]))
    members = list(waiting[:1000])
    context = {
        "with_email": [m for m in members if m.email],
        "without_email": [m for m in members if not m.email],
    }
    return render(request, "accounts/invite_many.html", context)
