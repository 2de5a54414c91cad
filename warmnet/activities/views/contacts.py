from __future__ import annotations

from django.core.paginator import Paginator
from django.db.models import Q
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from warmnet.activities.forms import ContactForm
from warmnet.activities.models import Contact
from warmnet.network.editing import delete_page, edit_page
from warmnet.network.models import Role
from warmnet.network.params import search_terms
from warmnet.network.scoping import get_owned, network_view

# 1:1 contacts are personal; like the nav, only the core of the network sees them.
CORE = frozenset({Role.COORDINATOR, Role.CORE_TEAM})


@network_view(roles=CORE, search=True)
def contact_list(request: HttpRequest) -> HttpResponse:
    contacts = Contact.objects.filter(network=request.network).select_related(  # type: ignore[attr-defined]
        "member_a__organisation", "member_b__organisation"
    )
    query = search_terms(request)
    if query:
        contacts = contacts.filter(
            Q(member_a__name__icontains=query) | Q(member_b__name__icontains=query)
        )
    page = Paginator(contacts.order_by("-date", "-pk"), 50).get_page(
        1 if query else request.GET.get("page")
    )
    template = "activities/contact_list.html"
    if request.htmx:  # type: ignore[attr-defined]
        template += "#rows"
    return render(request, template, {"page": page, "q": query, "searching": bool(query)})


@network_view(write=True)
def contact_edit(request: HttpRequest, pk: int | None = None) -> HttpResponse:
    slug = request.network.slug  # type: ignore[attr-defined]
    instance = get_owned(request, Contact, pk) if pk else None
    url = reverse("activities:contact_list", args=[slug])
    return edit_page(
        request,
        ContactForm,
        instance,
        title=_("Edit contact") if instance else _("New contact"),
        initial=None if instance else {"date": timezone.localdate()},
        cancel_url=url,
        success_url=url,
        delete_url=reverse("activities:contact_delete", args=[slug, pk]) if pk else "",
    )


@network_view(write=True)
def contact_delete(request: HttpRequest, pk: int) -> HttpResponse:
    url = reverse("activities:contact_list", args=[request.network.slug])  # type: ignore[attr-defined]
    return delete_page(request, get_owned(request, Contact, pk), cancel_url=url, success_url=url)
