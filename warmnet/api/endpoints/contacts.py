"""1:1 contacts: personal, so like the pages only for those who run the network."""

from typing import Any

from django.db.models import Q
from django.http import HttpRequest
from ninja import Query, Router, Status

from warmnet.activities.forms import ContactForm
from warmnet.activities.models import Contact
from warmnet.api import present
from warmnet.api.endpoints.common import dated, page_of
from warmnet.api.schemas.errors import read_responses, write_responses
from warmnet.api.schemas.ids import Id
from warmnet.api.schemas.params import ContactParams
from warmnet.api.schemas.records import ContactOut, Page
from warmnet.api.schemas.writes import ContactIn, ContactPatch
from warmnet.api.scoping import api_view
from warmnet.api.writing import contact_data, raise_for
from warmnet.network.actions import delete_object, save_form
from warmnet.network.scoping import RUNNERS, get_owned

router = Router(tags=["contacts"])

ORDER = ("date", "pk")


@router.get("/networks/{network}/contacts", response=read_responses(Page[ContactOut]))
@api_view(roles=RUNNERS)
def contact_list(
    request: HttpRequest, network: str, params: Query[ContactParams]
) -> dict[str, Any]:
    """Contacts from the oldest on (coordinator and core team only)."""
    rows = dated(Contact.objects.filter(network=request.network), "date", params)  # type: ignore[attr-defined]
    if params.member_id is not None:
        rows = rows.filter(Q(member_a_id=params.member_id) | Q(member_b_id=params.member_id))
    return page_of(rows, params, present.contact, ORDER)


@router.get("/networks/{network}/contacts/{id}", response=read_responses(ContactOut))
@api_view(roles=RUNNERS)
def contact_detail(request: HttpRequest, network: str, id: Id) -> ContactOut:
    return present.contact(get_owned(request, Contact, id))


@router.post("/networks/{network}/contacts", response=write_responses(ContactOut, 201))
@api_view(write=True)
def contact_create(request: HttpRequest, network: str, body: ContactIn) -> Status:
    """Record a 1:1 contact, validated as the contact form on the pages validates it."""
    form = ContactForm(
        contact_data(body.model_dump()),
        network=request.network,  # type: ignore[attr-defined]
    )
    raise_for(form)
    contact = save_form(request.network, request.user, form)  # type: ignore[attr-defined]
    assert isinstance(contact, Contact)
    return Status(201, present.contact(contact))


@router.patch("/networks/{network}/contacts/{id}", response=write_responses(ContactOut))
@api_view(write=True)
def contact_update(request: HttpRequest, network: str, id: Id, body: ContactPatch) -> ContactOut:
    """Change the fields given; the others keep their values."""
    instance = get_owned(request, Contact, id)
    form = ContactForm(
        contact_data(body.model_dump(exclude_unset=True), instance),
        instance=instance,
        network=request.network,  # type: ignore[attr-defined]
    )
    raise_for(form)
    contact = save_form(request.network, request.user, form)  # type: ignore[attr-defined]
    assert isinstance(contact, Contact)
    return present.contact(contact)


@router.delete("/networks/{network}/contacts/{id}", response=write_responses(None, 204))
@api_view(write=True)
def contact_delete(request: HttpRequest, network: str, id: Id) -> Status:
    delete_object(request.network, request.user, get_owned(request, Contact, id))  # type: ignore[attr-defined]
    return Status(204, None)
