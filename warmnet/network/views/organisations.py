from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.urls import reverse
from django.utils.translation import gettext as _

from warmnet.network.editing import delete_page, edit_page
from warmnet.network.forms import OrganisationForm
from warmnet.network.models import Organisation
from warmnet.network.scoping import get_owned, network_view


@network_view(write=True)
def organisation_edit(request: HttpRequest, pk: int | None = None) -> HttpResponse:
    slug = request.network.slug  # type: ignore[attr-defined]
    instance = get_owned(request, Organisation, pk) if pk else None
    return edit_page(
        request,
        OrganisationForm,
        instance,
        title=_("Edit organisation") if instance else _("New organisation"),
        cancel_url=(
            reverse("directory:organisation_detail", args=[slug, pk])
            if pk
            else reverse("directory:organisation_list", args=[slug])
        ),
        success_url=lambda obj: reverse("directory:organisation_detail", args=[slug, obj.pk]),
        delete_url=reverse("network:organisation_delete", args=[slug, pk]) if pk else "",
    )


@network_view(write=True)
def organisation_delete(request: HttpRequest, pk: int) -> HttpResponse:
    slug = request.network.slug  # type: ignore[attr-defined]
    url = reverse("directory:organisation_list", args=[slug])
    return delete_page(
        request, get_owned(request, Organisation, pk), cancel_url=url, success_url=url
    )
