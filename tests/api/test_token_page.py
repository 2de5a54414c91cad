"""The profile page where people make, see and revoke their API tokens."""

from __future__ import annotations

import re
from typing import Any

from django.test import Client

from tests.api.conftest import World
from warmnet.api.models import ApiToken
from warmnet.api.tokens import create_token, delete_tokens, digest, tokens_for_export
from warmnet.network.models import AuditEntry

URL = "/account/api-tokens/"


def _make(client: Client, world: World, **fields: Any) -> Any:
    data = {"name": "Power BI", "network": world.network.pk, "scope": "read", "days": 90}
    return client.post(URL, data | fields)


def test_the_account_page_links_to_the_token_page(world: World, alice_client: Client) -> None:
    page = alice_client.get("/account/").content.decode()
    assert 'href="/account/api-tokens/"' in page


def test_a_new_token_is_shown_once_and_kept_only_as_a_digest(
    world: World, alice_client: Client
) -> None:
    response = _make(alice_client, world)
    assert response.status_code == 200
    assert response["Cache-Control"] == "no-store"
    html = response.content.decode()
    secret = re.search(r'value="(wn_[A-Za-z0-9_-]{43})"', html)
    assert secret is not None
    token = ApiToken.objects.get()
    assert token.digest == digest(secret[1])
    assert secret[1] not in str(list(ApiToken.objects.values_list()))
    assert f"/api/v1/networks/{world.network.slug}/analysis" in html
    # Shown once: the list afterwards has its prefix, not the token.
    again = alice_client.get(URL).content.decode()
    assert secret[1] not in again
    assert token.prefix in again
    assert secret[1].startswith(token.prefix)


def test_the_token_works_until_it_is_revoked(world: World, alice_client: Client) -> None:
    html = _make(alice_client, world).content.decode()
    secret = re.search(r'value="(wn_[^"]+)"', html)[1]  # type: ignore[index]
    api = Client(HTTP_AUTHORIZATION=f"Bearer {secret}")
    assert api.get(f"/api/v1/networks/{world.network.slug}").status_code == 200
    token = ApiToken.objects.get()
    assert token.last_used_at is not None or ApiToken.objects.get().last_used_at is not None
    response = alice_client.post(f"{URL}{token.pk}/revoke/")
    assert response.status_code == 302
    assert api.get(f"/api/v1/networks/{world.network.slug}").status_code == 401
    actions = list(
        AuditEntry.objects.filter(object_type="apitoken").values_list("action", "user__username")
    )
    assert sorted(actions) == [("create", "alice"), ("revoke", "alice")]


def test_nobody_revokes_someone_elses_token(
    world: World, alice_client: Client, bob_client: Client
) -> None:
    _make(alice_client, world, name="Koppeling van Alice")
    token = ApiToken.objects.get()
    assert bob_client.post(f"{URL}{token.pk}/revoke/").status_code == 404
    assert ApiToken.objects.get().revoked_at is None
    assert token.name not in bob_client.get(URL).content.decode()


def test_a_participant_cannot_make_a_token_that_writes(world: World, bob_client: Client) -> None:
    response = _make(bob_client, world, scope="read-write")
    assert response.status_code == 400
    assert "alleen lezen" in response.content.decode()
    assert not ApiToken.objects.exists()
    assert _make(bob_client, world).status_code == 200
    assert ApiToken.objects.get().can_write is False


def test_only_networks_one_belongs_to_can_be_chosen(
    world: World, carol_client: Client, network_b: Any
) -> None:
    response = _make(carol_client, world)
    assert response.status_code == 400
    assert not ApiToken.objects.exists()
    assert _make(carol_client, world, network=network_b.pk).status_code == 200


def test_the_lifetime_is_one_of_the_offered(world: World, alice_client: Client) -> None:
    assert _make(alice_client, world, days=10_000).status_code == 400
    assert _make(alice_client, world, days=7).status_code == 200
    token = ApiToken.objects.get()
    assert (token.expires_at - token.created_at).days == 7


def test_the_page_is_for_people_who_are_logged_in(client: Client) -> None:
    response = client.get(URL)
    assert response.status_code == 302
    assert response["Location"].startswith("/login/")


def test_a_persons_export_lists_their_tokens_without_secrets(
    world: World, alice: Any, bob: Any
) -> None:
    _token, secret = create_token(alice, world.network, name="CRM", can_write=True, days=30)
    create_token(bob, world.network, name="Van Bob", can_write=False, days=30)
    exported = tokens_for_export(alice)
    assert [(t["name"], t["network"], t["can_write"]) for t in exported] == [
        ("CRM", world.network.slug, True)
    ]
    text = str(exported)
    assert secret not in text and digest(secret) not in text
    assert tokens_for_export(alice, world.network) == exported
    assert delete_tokens(alice, world.network) == 1
    assert tokens_for_export(alice) == []
    assert [t["name"] for t in tokens_for_export(bob)] == ["Van Bob"]
