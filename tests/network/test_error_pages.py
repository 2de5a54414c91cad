from __future__ import annotations

from typing import Any

from django.test import Client

from warmnet.network.models import Network


def test_a_page_for_other_roles_explains_itself_in_dutch(
    network_a: Network, bob: Any, bob_client: Client
) -> None:
    response = bob_client.get(f"/n/{network_a.slug}/map/")
    assert response.status_code == 403
    assert "Niet voor jouw rol" in response.content.decode()


def test_another_networks_page_says_not_found_without_saying_whose(
    network_a: Network, network_b: Network, carol: Any, carol_client: Client
) -> None:
    response = carol_client.get(f"/n/{network_a.slug}/members/")
    assert response.status_code == 404
    body = response.content.decode()
    assert "Niet gevonden" in body
    assert network_a.name not in body
