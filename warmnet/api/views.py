"""The user's API tokens: make one (shown once), see them, revoke one."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from warmnet.api.forms import READ_WRITE, TokenForm
from warmnet.api.models import ApiToken
from warmnet.api.tokens import create_token, revoke_token


@login_required
def token_list(request: HttpRequest) -> HttpResponse:
    """GET: the tokens and the form; POST: make a token and show its secret once.

    The secret is in this one response only: not in a redirect, a message or the
    session, so it is never stored anywhere but the user's clipboard."""
    form = TokenForm(request.POST or None, user=request.user)
    secret = None
    created = None
    status = 200
    if request.method == "POST":
        if form.is_valid():
            data = form.cleaned_data
            created, secret = create_token(
                request.user,
                data["network"],
                name=data["name"],
                can_write=data["scope"] == READ_WRITE,
                days=data["days"],
            )
            form = TokenForm(user=request.user)
        else:
            status = 400
    tokens = ApiToken.objects.filter(user=request.user.pk).select_related("network")
    context = {
        "form": form,
        "tokens": tokens,
        "created": created,
        "secret": secret,
        "has_networks": bool(form.memberships),
    }
    response = render(request, "api/tokens.html", context, status=status)
    if secret:
        response["Cache-Control"] = "no-store"
    return response


@login_required
@require_POST
def token_revoke(request: HttpRequest, pk: int) -> HttpResponse:
    token = get_object_or_404(ApiToken.objects.select_related("network"), pk=pk, user=request.user)
    revoke_token(request.user, token)
    messages.success(request, _("Revoked: %(token)s") % {"token": token.name})
    return redirect("api_tokens:token_list")
