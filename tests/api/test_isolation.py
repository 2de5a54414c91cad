"""Tokens see exactly what their holders may see, through every API operation.

A token of network B gets 404 for everything of A; a read token cannot write; an
expired or revoked token gets 401; participants and observers are kept from what
the pages keep them from.  Each test walks every operation, so a new one is
covered the day it is added.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
import time_machine
from django.apps import apps
from django.db import models

from tests.api.conftest import ApiClient, World, path_ids, token
from tests.api.walk import Operation, operations
from warmnet.api.models import ApiToken
from warmnet.network.models import AuditEntry, Network, NetworkOwned

#: A valid body for every operation that takes one: a refusal must come from the
#: token's scope, not from the body.
BODIES: dict[tuple[str, str], Any] = {
    ("POST", "/networks/{network}/activities"): {
        "title": "Nieuw",
        "kind": "dinner",
        "start": "2024-05-01T18:00:00+02:00",
        "duration_minutes": 90,
    },
    ("PATCH", "/networks/{network}/activities/{id}"): {"title": "Anders"},
    ("PUT", "/networks/{network}/activities/{id}/attendance/{member_id}"): {"status": "accepted"},
    ("POST", "/networks/{network}/attendance"): "bulk",
    ("POST", "/networks/{network}/contacts"): "contact",
    ("PATCH", "/networks/{network}/contacts/{id}"): {"note": "Anders"},
}


def _body(op: Operation, world: World) -> Any:
    body = BODIES.get((op.method, op.path))
    if body == "bulk":
        return {
            "items": [
                {"activity_id": world.activity.pk, "member_id": world.henk.pk, "status": "invited"}
            ]
        }
    if body == "contact":
        return {"member_a_id": world.alice.pk, "member_b_id": world.henk.pk, "date": "2024-04-01"}
    return body


def _snapshot() -> dict[str, Any]:
    owned = [m for m in apps.get_models() if issubclass(m, NetworkOwned)]
    rows: dict[str, Any] = {m.__name__: sorted(m.objects.values_list(*_fields(m))) for m in owned}
    rows["Network"] = sorted(Network.objects.values_list("pk", "name", "slug"))
    rows["AuditEntry"] = AuditEntry.objects.count()
    return rows


def _fields(model: type[models.Model]) -> list[str]:
    return [f.attname for f in model._meta.concrete_fields]


def _call(client: ApiClient, op: Operation, slug: str, world: World) -> Any:
    url = op.url(network=slug, **path_ids(op.path, world))
    if op.method == "GET":
        return client.get(url)
    return client.send(op.method, url, _body(op, world))


def test_there_are_operations_to_walk() -> None:
    ops = operations()
    assert len(ops) >= 30
    assert {op.method for op in ops} == {"GET", "POST", "PATCH", "PUT", "DELETE"}


def test_every_operation_goes_through_the_scoping_helper() -> None:
    unscoped = [
        f"{op.method} {op.path}"
        for op in operations()
        if not getattr(op.view, "warmnet_api_scoped", False)
    ]
    assert unscoped == []
    # Only the list of the token's own networks has no {network} in its path.
    assert [op.path for op in operations() if "network" not in op.params] == ["/networks"]


def test_every_write_takes_a_body_we_know_or_none() -> None:
    for op in operations():
        if op.method in ("POST", "PUT", "PATCH"):
            assert (op.method, op.path) in BODIES, f"add a valid body for {op.method} {op.path}"


def test_a_token_of_b_gets_404_for_everything_of_a(
    world: World, carol_api: ApiClient, network_b: Network
) -> None:
    before = _snapshot()
    checked = 0
    for op in operations():
        if "network" not in op.params:
            continue
        # A's slug: the token is B's.
        response = _call(carol_api, op, world.network.slug, world)
        assert response.status_code == 404, f"{op.method} {op.path}: {response.status_code}"
        assert response.json() == {"detail": "Niet gevonden."}
        checked += 1
        # B's slug with A's ids: rows outside B.
        if op.params != ["network"]:
            response = _call(carol_api, op, network_b.slug, world)
            assert response.status_code == 404, f"{op.method} {op.path} with A's ids"
            checked += 1
    assert checked > 40
    assert _snapshot() == before


def test_the_list_of_networks_shows_only_the_tokens_own(world: World, carol_api: ApiClient) -> None:
    response = carol_api.get("/api/v1/networks")
    assert [n["slug"] for n in response.json()] == ["zorgregio-zuid"]


@pytest.mark.parametrize("persona", ["alice", "bob"])
def test_a_read_token_cannot_write(
    world: World, persona: str, request: pytest.FixtureRequest
) -> None:
    user = request.getfixturevalue(persona)
    client = ApiClient(token(user, world.network, write=False))
    before = _snapshot()
    writes = 0
    for op in operations():
        if not op.is_write:
            continue
        response = _call(client, op, world.network.slug, world)
        assert response.status_code == 403, f"{op.method} {op.path}: {response.status_code}"
        assert "read" in response.json()["detail"] or "lezen" in response.json()["detail"]
        writes += 1
    assert writes >= 9
    assert _snapshot() == before


@pytest.mark.parametrize("persona", ["bob", "olga"])
def test_a_read_write_token_of_someone_who_may_not_change_records_cannot_write(
    world: World, persona: str, request: pytest.FixtureRequest
) -> None:
    """The form does not offer it, but roles change after a token is made."""
    user = request.getfixturevalue(persona)
    client = ApiClient(token(user, world.network, write=True))
    before = _snapshot()
    for op in operations():
        if op.is_write:
            response = _call(client, op, world.network.slug, world)
            assert response.status_code == 403, f"{op.method} {op.path}"
    assert _snapshot() == before


def _every_operation_answers(client: ApiClient, world: World, status: int) -> None:
    for op in operations():
        response = _call(client, op, world.network.slug, world)
        assert response.status_code == status, f"{op.method} {op.path}: {response.status_code}"
        assert response["WWW-Authenticate"].startswith("Bearer")


def test_an_expired_token_gets_401_everywhere(world: World, alice: Any) -> None:
    client = ApiClient(token(alice, world.network, write=True, days=7))
    before = _snapshot()
    with time_machine.travel(dt.datetime.now(dt.UTC) + dt.timedelta(days=8)):
        _every_operation_answers(client, world, 401)
        assert "verlopen" in client.get("/api/v1/networks").json()["detail"]
    assert _snapshot() == before


def test_a_revoked_token_gets_401_everywhere(world: World, alice: Any) -> None:
    client = ApiClient(token(alice, world.network, write=True))
    ApiToken.objects.update(revoked_at=dt.datetime.now(dt.UTC))
    before = _snapshot()
    _every_operation_answers(client, world, 401)
    assert "ingetrokken" in client.get("/api/v1/networks").json()["detail"]
    assert _snapshot() == before


def test_no_token_or_a_wrong_one_gets_401_everywhere(world: World) -> None:
    _every_operation_answers(ApiClient(None), world, 401)
    _every_operation_answers(ApiClient("wn_" + "x" * 43), world, 401)
    _every_operation_answers(ApiClient("not-a-token"), world, 401)


@pytest.mark.parametrize("persona", ["bob", "olga"])
def test_participants_and_observers_do_not_get_contacts(
    world: World, persona: str, request: pytest.FixtureRequest
) -> None:
    client: ApiClient = request.getfixturevalue(f"{persona}_api")
    refused = 0
    for op in operations():
        if op.method == "GET" and "contacts" in op.path:
            assert _call(client, op, world.network.slug, world).status_code == 403
            refused += 1
    assert refused == 2


HIDDEN_NOTE = "Henk stemt tegen, tegen de lijn van zijn gemeente in"
HIDDEN_DESCRIPTION = "Een concept van Vitens lekt uit naar de pers"


def _every_read(client: ApiClient, world: World) -> str:
    """Every GET operation's answer, on A's rows, as one text."""
    answers = []
    for op in operations():
        if op.method == "GET":
            answers.append(_call(client, op, world.network.slug, world).content.decode())
    return "\n".join(answers)


@pytest.mark.parametrize("persona", ["bob", "olga", "alice", "dave"])
def test_no_read_gives_participants_and_observers_a_persons_position_or_a_description(
    world: World, persona: str, request: pytest.FixtureRequest
) -> None:
    """Walked over every read, so a new one that shows them is caught the day it is added."""
    world.member_position.note = HIDDEN_NOTE
    world.member_position.save()
    world.moment.description = HIDDEN_DESCRIPTION
    world.moment.save()
    everything = _every_read(request.getfixturevalue(f"{persona}_api"), world)
    runs = persona in ("alice", "dave")
    assert (HIDDEN_NOTE in everything) is runs
    assert (HIDDEN_DESCRIPTION in everything) is runs
