"""Finding 8: nothing personal in addresses or logs; 403 and 404 are one line."""

from __future__ import annotations

import logging
from typing import Any

import pytest
from django.test import Client

from warmnet.network.models import Network
from warmnet.security.logs import RedactingFormatter


def test_member_search_is_posted_and_a_query_in_the_address_is_ignored(
    network_a: Network, alice: Any, bob: Any, alice_client: Client
) -> None:
    page = alice_client.get(f"/n/{network_a.slug}/members/").content.decode()
    assert 'method="post" class="filter" role="search"' in page
    found = alice_client.post(f"/n/{network_a.slug}/members/", {"q": "Bob"}).content.decode()
    assert "Bob Jansen" in found and "Alice de Vries" not in found.split("member-rows")[1]
    ignored = alice_client.get(f"/n/{network_a.slug}/members/?q=Bob").content.decode()
    assert "Alice de Vries" in ignored


def test_a_403_and_a_404_are_logged_as_one_line_without_the_query(
    network_a: Network, bob: Any, bob_client: Client, caplog: pytest.LogCaptureFixture
) -> None:
    handler = logging.getLogger().handlers[0]
    with caplog.at_level(logging.WARNING, logger="django.request"):
        bob_client.get(f"/n/{network_a.slug}/map/?q=Jan+Jansen")
        bob_client.get("/n/no-such-network/?q=Jan+Jansen")
    lines = [handler.format(r) for r in caplog.records]
    assert lines == [f"403 /n/{network_a.slug}/map/", "404 /n/no-such-network/"]


def test_database_error_details_never_reach_the_log() -> None:
    record = logging.LogRecord(
        "django.request",
        logging.ERROR,
        __file__,
        1,
        'duplicate key value violates unique constraint "x"\n'
        "DETAIL:  Key (name)=(Jan Jansen) already exists.",
        None,
        None,
    )
    text = RedactingFormatter().format(record)
    assert "Jan Jansen" not in text
    assert "duplicate key" in text
