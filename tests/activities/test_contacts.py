from __future__ import annotations

from typing import Any

import pytest
from django.test import Client
from django.urls import reverse

from tests.activities.conftest import member_of
from warmnet.activities.models import Contact, ContactChannel
from warmnet.network.models import AuditEntry, Member, Network

SLUG = "regio-deal-noord"


def url(name: str, *args: Any) -> str:
    return reverse(f"activities:{name}", args=[SLUG, *args])


@pytest.fixture
def contact(network_a: Network, alice: Any, henk: Member) -> Contact:
    return Contact.objects.create(
        network=network_a, member_a=member_of(alice), member_b=henk, date="2025-02-03"
    )


def contact_post(a: Member, b: Member, **overrides: Any) -> dict[str, Any]:
    data = {
        "member_a": a.pk,
        "member_b": b.pk,
        "date": "2025-02-10",
        "channel": ContactChannel.CALL,
        "note": "",
    }
    return data | overrides


def test_every_contact_page_renders_for_the_coordinator(
    alice_client: Client, contact: Contact
) -> None:
    for page in (
        url("contact_list"),
        url("contact_new"),
        url("contact_edit", contact.pk),
        url("contact_delete", contact.pk),
    ):
        assert alice_client.get(page).status_code == 200, page
    assert "Henk Mulder" in alice_client.get(url("contact_list")).content.decode()


def test_creating_a_contact_is_audited(
    alice_client: Client,
    alice: Any,
    henk: Member,
    network_a: Network,
    django_capture_on_commit_callbacks: Any,
) -> None:
    with django_capture_on_commit_callbacks(execute=True):
        response = alice_client.post(url("contact_new"), contact_post(member_of(alice), henk))
    assert response.status_code == 302
    contact = Contact.objects.get()
    assert AuditEntry.objects.filter(action="create", object_id=contact.pk).exists()
    assert Network.objects.get(pk=network_a.pk).data_version > network_a.data_version


def test_a_contact_with_oneself_is_rejected_on_the_second_member(
    alice_client: Client, henk: Member
) -> None:
    response = alice_client.post(url("contact_new"), contact_post(henk, henk))
    assert response.status_code == 400
    assert response.context["form"].errors["member_b"] == [
        "A contact is between two different members."
    ]
    assert not Contact.objects.exists()


def test_a_contact_with_a_member_of_another_network_is_rejected(
    alice_client: Client, henk: Member, member_b: Member
) -> None:
    response = alice_client.post(url("contact_new"), contact_post(henk, member_b))
    assert "member_b" in response.context["form"].errors
    assert not Contact.objects.exists()


def test_editing_and_deleting_a_contact_is_audited(
    alice_client: Client, contact: Contact, alice: Any, henk: Member
) -> None:
    alice_client.post(
        url("contact_edit", contact.pk), contact_post(member_of(alice), henk, note="Koffie")
    )
    contact.refresh_from_db()
    assert contact.note == "Koffie"
    alice_client.post(url("contact_delete", contact.pk))
    assert not Contact.objects.exists()
    assert list(
        AuditEntry.objects.filter(object_type="contact").values_list("action", flat=True)
    ) == ["delete", "update"]


@pytest.mark.parametrize("persona", ["bob", "olga"])
def test_participants_and_observers_cannot_see_or_write_contacts(
    persona: str, request: pytest.FixtureRequest, contact: Contact, henk: Member, alice: Any
) -> None:
    client = request.getfixturevalue(f"{persona}_client")
    for page in (
        url("contact_new"),
        url("contact_edit", contact.pk),
        url("contact_delete", contact.pk),
    ):
        assert client.get(page).status_code == 403, page
        assert client.post(page, contact_post(henk, member_of(alice))).status_code == 403, page
    assert client.get(url("contact_list")).status_code == 403
    assert Contact.objects.count() == 1
