from __future__ import annotations

from typing import Any

from django.test import Client

from warmnet.network.models import Network


def test_pages_are_dutch_even_when_the_browser_asks_for_english(
    network_a: Network, alice: Any, alice_client: Client
) -> None:
    response = alice_client.get(f"/n/{network_a.slug}/members/", HTTP_ACCEPT_LANGUAGE="en-US,en")
    assert response["Content-Language"] == "nl"
    assert '<html lang="nl">' in response.content.decode()


def test_the_switcher_turns_the_interface_english_and_back(
    network_a: Network, alice: Any, alice_client: Client
) -> None:
    page = f"/n/{network_a.slug}/members/"
    response = alice_client.post("/i18n/setlang/", {"language": "en", "next": page})
    assert response.status_code == 302
    english = alice_client.get(page)
    assert english["Content-Language"] == "en"
    assert "Members" in english.content.decode()
    alice_client.post("/i18n/setlang/", {"language": "nl", "next": page})
    assert alice_client.get(page)["Content-Language"] == "nl"


def test_an_unknown_language_cookie_falls_back_to_dutch(
    network_a: Network, alice: Any, alice_client: Client
) -> None:
    alice_client.cookies["django_language"] = "fr"
    assert alice_client.get(f"/n/{network_a.slug}/")["Content-Language"] == "nl"
