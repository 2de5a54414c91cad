"""Finding 3: failed logins are throttled per account and per address, and logged
without the password; a coordinator can lift a block."""

from __future__ import annotations

import logging
from typing import Any

import pytest
from django.conf import settings
from django.test import Client

from tests.conftest import PASSWORD
from warmnet.network.models import Member, Network


def _try(client: Client, username: str, password: str) -> Any:
    return client.post("/login/", {"username": username, "password": password})


def test_an_account_is_blocked_after_the_limit_even_for_the_right_password(
    bob: Any, caplog: pytest.LogCaptureFixture
) -> None:
    client = Client()
    with caplog.at_level(logging.INFO):
        answers = [_try(client, "bob", f"wrong-{i}").status_code for i in range(12)]
    assert answers[: settings.AXES_FAILURE_LIMIT - 1] == [200] * (settings.AXES_FAILURE_LIMIT - 1)
    assert answers[-1] == 429
    locked = _try(client, "bob", PASSWORD)
    assert locked.status_code == 429
    assert "Te veel mislukte pogingen" in locked.content.decode()
    assert "_auth_user_id" not in client.session
    assert "wrong-3" not in caplog.text
    assert "login failure" in caplog.text.lower()


def test_another_address_is_blocked_for_that_account_too(bob: Any) -> None:
    for i in range(settings.AXES_FAILURE_LIMIT):
        _try(Client(REMOTE_ADDR="10.0.0.1"), "bob", f"wrong-{i}")
    assert _try(Client(REMOTE_ADDR="10.0.0.2"), "bob", PASSWORD).status_code == 429


def test_a_coordinator_lifts_the_block(
    network_a: Network, alice: Any, bob: Any, alice_client: Client
) -> None:
    for i in range(settings.AXES_FAILURE_LIMIT):
        _try(Client(), "bob", f"wrong-{i}")
    page = alice_client.get(f"/n/{network_a.slug}/security/")
    assert "Bob Jansen" in page.content.decode()
    member = Member.objects.get(user=bob)
    alice_client.post(f"/n/{network_a.slug}/security/unlock/{member.pk}/")
    assert _try(Client(), "bob", PASSWORD).status_code == 302
