"""Member accounts: a coordinator invites a member (from the member page or many at once);
the member sets a password with a one-time link; change and reset work by e-mail."""

from __future__ import annotations

import datetime as dt
import re
from typing import Any

import pytest
from django.contrib.auth import get_user_model
from django.test import Client
from django.utils import translation

from tests.conftest import PASSWORD
from tests.mailbox import Mailbox
from warmnet.mail.models import OutgoingMail
from warmnet.network.models import Member, Network, Organisation, Role


@pytest.fixture
def henk(network_a: Network, org_a: Organisation) -> Member:
    return Member.objects.create(
        network=network_a,
        organisation=org_a,
        name="Henk Mulder",
        email="Henk@Example.org",
        role=Role.PARTICIPANT,
        joined_on=dt.date(2024, 1, 1),
    )


def _link(mailbox: Mailbox, address: str, kind: str) -> str:
    (mail,) = [r for r in mailbox.to(address)]
    found = re.search(rf"https?://[^/\s]+(/account/{kind}/[^\s]+/)", mail.text())
    assert found, mail.text()
    return found.group(1)


def test_a_coordinator_invites_a_member_who_sets_a_password_once(
    mailbox: Mailbox, henk: Member, alice_client: Client, client: Client, run_tasks: Any
) -> None:
    slug = henk.network.slug
    response = alice_client.post(f"/n/{slug}/members/{henk.pk}/account/")
    assert response.status_code == 302
    henk.refresh_from_db()
    assert henk.user is not None and not henk.user.has_usable_password()
    run_tasks()
    (mail,) = mailbox.to("Henk@Example.org")
    assert mail.message["Subject"] == "Je inlog voor Warmnet voor Regio Deal Noord"
    link = _link(mailbox, "Henk@Example.org", "set-password")
    page = client.get(link, follow=True)
    assert "Kies je wachtwoord" in page.content.decode()
    form_url = page.redirect_chain[-1][0]
    done = client.post(
        form_url, {"new_password1": "Zonnebloem-2026!", "new_password2": "Zonnebloem-2026!"}
    )
    assert done.status_code == 302
    signed_in = client.post(
        "/login/", {"username": "henk@example.org", "password": "Zonnebloem-2026!"}
    )
    assert signed_in.status_code == 302 and "/login/" not in signed_in["Location"]
    # the link works once
    again = Client().get(link, follow=True)
    assert "Deze link werkt niet meer" in again.content.decode()
    # the mail with the link is not kept readable once sent
    stored = OutgoingMail.objects.get(kind="account_invite")
    assert stored.body_text == "" and stored.body_html == ""
    # the member's role decides what they see: a participant gets no dashboard
    home = client.get(f"/n/{slug}/")
    assert home.status_code == 200 and "suggestion-cards" not in home.content.decode()


def test_participants_cannot_invite_and_a_member_without_address_is_told(
    network_a: Network, org_a: Organisation, alice_client: Client, bob_client: Client, henk: Member
) -> None:
    slug = network_a.slug
    assert bob_client.post(f"/n/{slug}/members/{henk.pk}/account/").status_code == 403
    nobody = Member.objects.create(
        network=network_a,
        organisation=org_a,
        name="Piet Zonder",
        role=Role.PARTICIPANT,
        joined_on=dt.date(2024, 1, 1),
    )
    response = alice_client.post(f"/n/{slug}/members/{nobody.pk}/account/", follow=True)
    assert "Niet uitgenodigd: Piet Zonder heeft geen e-mailadres." in response.content.decode()
    nobody.refresh_from_db()
    assert nobody.user is None


def test_many_members_are_invited_at_once(
    mailbox: Mailbox,
    network_a: Network,
    org_a: Organisation,
    henk: Member,
    alice_client: Client,
    run_tasks: Any,
) -> None:
    other = Member.objects.create(
        network=network_a,
        organisation=org_a,
        name="Ria Smit",
        email="ria@example.org",
        role=Role.OBSERVER,
        joined_on=dt.date(2024, 1, 1),
    )
    nobody = Member.objects.create(
        network=network_a,
        organisation=org_a,
        name="Piet Zonder",
        role=Role.PARTICIPANT,
        joined_on=dt.date(2024, 1, 1),
    )
    url = f"/n/{network_a.slug}/members/accounts/"
    page = alice_client.get(url).content.decode()
    assert "Ria Smit" in page and "Henk Mulder" in page
    assert "Niet uitgenodigd: geen e-mailadres" in page and "Piet Zonder" in page
    response = alice_client.post(url, {"members": [henk.pk, other.pk, nobody.pk]}, follow=True)
    assert "2 leden uitgenodigd voor Warmnet." in response.content.decode()
    run_tasks()
    assert sorted(r.envelope_to[0] for r in mailbox.received) == [
        "Henk@Example.org",
        "ria@example.org",
    ]


def test_someone_with_an_account_is_linked_without_a_password_link(
    mailbox: Mailbox,
    network_a: Network,
    org_a: Organisation,
    alice_client: Client,
    carol: Any,
    run_tasks: Any,
) -> None:
    member = Member.objects.create(
        network=network_a,
        organisation=org_a,
        name="Carol Peters",
        email="carol@example.org",
        role=Role.PARTICIPANT,
        joined_on=dt.date(2024, 1, 1),
    )
    alice_client.post(f"/n/{network_a.slug}/members/{member.pk}/account/")
    member.refresh_from_db()
    assert member.user == carol
    run_tasks()
    (mail,) = mailbox.received
    assert "/account/set-password/" not in mail.text()


def test_a_forgotten_password_is_reset_by_email_in_dutch(
    mailbox: Mailbox, bob: Any, client: Client, run_tasks: Any
) -> None:
    page = client.get("/account/reset/")
    assert "Wachtwoord vergeten?" in page.content.decode()
    response = client.post("/account/reset/", {"email": "bob@example.org"})
    assert response.status_code == 302
    run_tasks()
    (mail,) = mailbox.to("bob@example.org")
    assert mail.message["Subject"] == "Kies een nieuw wachtwoord voor Warmnet"
    link = _link(mailbox, "bob@example.org", "reset")
    page = client.get(link, follow=True)
    form_url = page.redirect_chain[-1][0]
    client.post(
        form_url, {"new_password1": "Zonnebloem-2027!", "new_password2": "Zonnebloem-2027!"}
    )
    signed_in = client.post("/login/", {"username": "bob", "password": "Zonnebloem-2027!"})
    assert signed_in.status_code == 302 and "/login/" not in signed_in["Location"]
    # an unknown address: the same answer, and no mail
    client.post("/account/reset/", {"email": "nobody@example.org"})
    run_tasks()
    assert len(mailbox.received) == 1


def test_a_member_changes_their_password(bob: Any, bob_client: Client) -> None:
    page = bob_client.get("/account/password/")
    assert "Wijzig je wachtwoord" in page.content.decode()
    response = bob_client.post(
        "/account/password/",
        {
            "old_password": PASSWORD,
            "new_password1": "Tulpenveld-88!",
            "new_password2": "Tulpenveld-88!",
        },
    )
    assert response.status_code == 302
    user = get_user_model().objects.get(username="bob")
    assert user.check_password("Tulpenveld-88!")
    with translation.override("nl"):
        assert "Wachtwoord gewijzigd" in bob_client.get("/account/password/done/").content.decode()
