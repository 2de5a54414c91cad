"""The create / edit / delete pattern every record page follows.

Views stay thin: they pick the form and the object (through the scoping
helper) and hand over to these two functions, which validate, save through
the audit-logged actions, and render one consistent form page.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.db import IntegrityError, models
from django.db.models.deletion import ProtectedError, RestrictedError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from warmnet.network.actions import delete_object, save_form
from warmnet.network.forms import NetworkModelForm

__all__ = ["delete_page", "edit_page"]


def edit_page(
    request: HttpRequest,
    form_class: type[NetworkModelForm],
    instance: models.Model | None,
    *,
    title: str,
    cancel_url: str,
    success_url: str | Callable[[models.Model], str],
    initial: dict[str, Any] | None = None,
    delete_url: str = "",
    template: str = "warmnet/form.html",
) -> HttpResponse:
    network = request.network  # type: ignore[attr-defined]
    data = request.POST if request.method == "POST" else None
    actor = getattr(request, "member", None)
    form = form_class(data, instance=instance, initial=initial, network=network, actor=actor)
    if data is not None and form.is_valid():
        try:
            obj = save_form(network, request.user, form)
        except IntegrityError:
            # Another request saved the same record in the meantime: the constraint's
            # message, on the form, instead of an error page.
            form.add_error(None, clash_message(form))
            context = {"form": form, "title": title, "cancel_url": cancel_url}
            return render(request, template, context | {"delete_url": delete_url}, status=409)
        messages.success(request, _("Saved: %(object)s") % {"object": obj})
        return redirect(success_url(obj) if callable(success_url) else success_url)
    status = 400 if data is not None else 200
    context = {"form": form, "title": title, "cancel_url": cancel_url, "delete_url": delete_url}
    return render(request, template, context, status=status)


def clash_message(form: NetworkModelForm) -> str:
    try:
        form.instance.validate_constraints()
    except ValidationError as exc:
        return " ".join(exc.messages)
    return _("Someone saved the same record at the same moment; nothing was saved.")


def delete_page(
    request: HttpRequest, obj: models.Model, *, cancel_url: str, success_url: str
) -> HttpResponse:
    network = request.network  # type: ignore[attr-defined]
    if request.method == "POST":
        try:
            delete_object(network, request.user, obj)
        except (ProtectedError, RestrictedError):
            messages.error(
                request,
                _("%(object)s is still in use elsewhere and cannot be deleted.") % {"object": obj},
            )
            return redirect(cancel_url)
        messages.success(request, _("Deleted: %(object)s") % {"object": obj})
        return redirect(success_url)
    return render(request, "warmnet/confirm_delete.html", {"object": obj, "cancel_url": cancel_url})
