"""Finding 11: two-step login with an authenticator app (TOTP), and networks that
require it of those who run them."""

from __future__ import annotations

from typing import Any

from django.test import Client
from django_otp.oath import totp
from django_otp.plugins.otp_totp.models import TOTPDevice

from tests.conftest import PASSWORD
from warmnet.network.models import Network


def _code(device: TOTPDevice, offset: int = 0) -> str:
    return f"{totp(device.bin_key, step=device.step, t0=device.t0 - offset, digits=6):06d}"


def _set_up(client: Client, user: Any) -> TOTPDevice:
    assert client.get("/account/two-factor/").status_code == 200
    device = TOTPDevice.objects.get(user=user, confirmed=False)
    response = client.post("/account/two-factor/", {"token": _code(device)})
    assert response.status_code == 302
    device.refresh_from_db()
    assert device.confirmed
    return device


def test_a_coordinator_turns_it_on_and_then_needs_the_code_to_log_in(alice: Any) -> None:
    client = Client()
    client.force_login(alice)
    device = _set_up(client, alice)
    fresh = Client()
    response = fresh.post("/login/", {"username": "alice", "password": PASSWORD})
    assert response["Location"] == "/account/verify/"
    assert "_auth_user_id" not in fresh.session
    assert fresh.post("/account/verify/", {"token": "000000"}).status_code == 400
    device.refresh_from_db()
    device.throttling_failure_count = 0  # the wrong code above slowed further tries down
    device.throttling_failure_timestamp = None
    device.save()
    # the setup used this time step's code, which is never taken twice: the next one
    response = fresh.post("/account/verify/", {"token": _code(device, offset=device.step)})
    assert response.status_code == 302
    assert fresh.session["_auth_user_id"] == str(alice.pk)


def test_a_network_that_requires_it_sends_runners_to_set_it_up(
    network_a: Network, alice: Any, bob: Any, alice_client: Client, bob_client: Client
) -> None:
    alice_client.post(f"/n/{network_a.slug}/security/", {"require_two_factor": "on"})
    network_a.refresh_from_db()
    assert network_a.require_two_factor
    response = alice_client.get(f"/n/{network_a.slug}/members/")
    assert response.status_code == 302
    assert response["Location"].startswith("/account/two-factor/")
    # participants are not asked
    assert bob_client.get(f"/n/{network_a.slug}/members/").status_code == 200
    _set_up(alice_client, alice)
    assert alice_client.get(f"/n/{network_a.slug}/members/").status_code == 200
