"""Tokens: who they let in, in which language they answer, how often."""

from __future__ import annotations

import datetime as dt
from typing import Any

import time_machine
from django.core.cache import cache
from django.test import override_settings

from tests.api.conftest import ApiClient, World, base, token
from warmnet.api.models import ApiToken
from warmnet.network.models import Member, Network, Organisation


def test_a_token_answers_with_its_users_role(
    world: World, alice_api: ApiClient, bob_api: ApiClient
) -> None:
    assert alice_api.get(base(world)).json()["role"] == "coordinator"
    assert alice_api.get(base(world)).json()["can_write"] is True
    assert bob_api.get(base(world)).json() | {"description": ""} == {
        "slug": world.network.slug,
        "name": world.network.name,
        "description": "",
        "role": "participant",
        "can_write": False,
    }


def test_a_role_changed_after_the_token_was_made_counts(world: World, alice_api: ApiClient) -> None:
    Member.objects.filter(pk=world.alice.pk).update(role=2)
    assert alice_api.get(base(world)).json()["role"] == "participant"
    assert alice_api.get(f"{base(world)}/contacts").status_code == 403


def test_someone_who_left_the_network_gets_404(world: World, alice_api: ApiClient) -> None:
    Member.objects.filter(pk=world.alice.pk).update(left_on=dt.date(2024, 12, 31))
    assert alice_api.get(base(world)).status_code == 404
    assert alice_api.get("/api/v1/networks").json() == []


def test_a_disabled_account_gets_401(world: World, alice: Any, alice_api: ApiClient) -> None:
    alice.is_active = False
    alice.save()
    response = alice_api.get(base(world))
    assert response.status_code == 401
    assert "uitgeschakeld" in response.json()["detail"]


def test_it_answers_in_the_language_asked_for(world: World, alice: Any) -> None:
    secret = token(alice, world.network)
    dutch = ApiClient(secret).get(f"{base(world)}/members/999999")
    english = ApiClient(secret, HTTP_ACCEPT_LANGUAGE="en").get(f"{base(world)}/members/999999")
    assert dutch.json() == {"detail": "Niet gevonden."}
    assert english.json() == {"detail": "Not found."}
    missing = ApiClient(None, HTTP_ACCEPT_LANGUAGE="en").get(base(world)).json()["detail"]
    assert "Authorization: Bearer" in missing


def test_last_use_is_noted_at_most_once_a_minute(world: World, alice_api: ApiClient) -> None:
    start = dt.datetime(2025, 3, 1, 9, 0, tzinfo=dt.UTC)
    with time_machine.travel(start, tick=False):
        # the fixture's token was made today; make it valid then
        ApiToken.objects.update(
            created_at=start - dt.timedelta(days=1), expires_at=start + dt.timedelta(days=9)
        )
        alice_api.get(base(world))
        assert ApiToken.objects.get().last_used_at == start
    with time_machine.travel(start + dt.timedelta(seconds=30), tick=False):
        alice_api.get(base(world))
        assert ApiToken.objects.get().last_used_at == start
    with time_machine.travel(start + dt.timedelta(seconds=61), tick=False):
        alice_api.get(base(world))
        assert ApiToken.objects.get().last_used_at == start + dt.timedelta(seconds=61)


@override_settings(WARMNET_API_RATE_PER_MINUTE=3)
def test_each_token_has_its_own_rate_limit(world: World, alice: Any, dave: Any) -> None:
    cache.clear()
    alice_api = ApiClient(token(alice, world.network))
    dave_api = ApiClient(token(dave, world.network))
    with time_machine.travel(dt.datetime(2025, 3, 1, 9, 0, 10, tzinfo=dt.UTC), tick=False):
        ApiToken.objects.update(
            created_at=dt.datetime(2025, 1, 1, tzinfo=dt.UTC),
            expires_at=dt.datetime(2025, 6, 1, tzinfo=dt.UTC),
        )
        answers = [alice_api.get(base(world)) for _ in range(4)]
        assert [r.status_code for r in answers] == [200, 200, 200, 429]
        assert [r["RateLimit-Remaining"] for r in answers[:3]] == ["2", "1", "0"]
        assert answers[3]["Retry-After"] == "50"
        assert "3" in answers[3].json()["detail"]
        assert dave_api.get(base(world)).status_code == 200
    with time_machine.travel(dt.datetime(2025, 3, 1, 9, 1, 0, tzinfo=dt.UTC), tick=False):
        assert alice_api.get(base(world)).status_code == 200


def test_a_token_for_one_of_your_networks_does_not_open_the_other(
    world: World, alice: Any, network_b: Network, org_b: Organisation
) -> None:
    Member.objects.create(
        network=network_b,
        organisation=org_b,
        name="Alice de Vries",
        role=0,
        joined_on=dt.date(2024, 1, 1),
        user=alice,
    )
    client = ApiClient(token(alice, network_b, write=True))
    assert client.get(f"/api/v1/networks/{network_b.slug}").status_code == 200
    assert client.get(base(world)).status_code == 404
    assert client.get(f"{base(world)}/members/{world.henk.pk}").status_code == 404
    assert [n["slug"] for n in client.get("/api/v1/networks").json()] == [network_b.slug]
