from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render

from warmnet.network.scoping import user_networks


@login_required
def home(request: HttpRequest) -> HttpResponse:
    """The user's networks; straight into the network when there is only one."""
    memberships = list(user_networks(request.user))
    if len(memberships) == 1:
        return redirect("network:overview", memberships[0].network.slug)
    return render(request, "accounts/home.html", {"memberships": memberships})
