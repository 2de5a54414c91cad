"""The audit log reads as sentences of the user's language: action words, field labels and
people's names, never the stored codes, field names or logins."""

from __future__ import annotations

import datetime as dt
import re
from typing import Any

import pytest
from django.contrib.auth import get_user_model
from django.test import Client

from warmnet.network.actions import log_action
from warmnet.network.models import AuditEntry, Network, Organisation


def _table(html: str) -> str:
    body = html.split("<tbody>", 1)[1].split("</tbody>", 1)[0]
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", body))


def _add_member(client: Client, network: Network, org: Organisation) -> None:
    response = client.post(
        f"/n/{network.slug}/members/new/",
        {
            "name": "Fatima el Amrani",
            "email": "fatima@example.org",
            "organisation": org.pk,
            "role": 2,
            "joined_on": "2024-05-01",
            "left_on": "",
        },
    )
    assert response.status_code == 302


@pytest.mark.parametrize(
    ("language", "words", "fields", "month"),
    [
        ("nl", "Toegevoegd", ["naam", "e-mailadres", "toegetreden op"], "januari"),
        ("en", "Added", ["name", "e-mail", "joined on"], "January"),
    ],
)
def test_the_audit_log_speaks_the_users_language(
    network_a: Network,
    org_a: Organisation,
    alice: Any,
    alice_client: Client,
    language: str,
    words: str,
    fields: list[str],
    month: str,
) -> None:
    _add_member(alice_client, network_a, org_a)
    AuditEntry.objects.filter(network=network_a).update(
        at=dt.datetime(2026, 1, 14, 10, 0, tzinfo=dt.UTC)
    )
    alice_client.cookies["django_language"] = language
    response = alice_client.get(f"/n/{network_a.slug}/audit/")
    assert response.status_code == 200
    table = _table(response.content.decode())
    assert "Alice de Vries" in table  # her name in the network, not her login
    assert " alice " not in table
    assert words in table
    for code in ("create", "joined_on", "member:"):
        assert code not in table, code
    for label in fields:
        assert label in table, label
    assert f"14 {month} 2026" in table


def test_other_actions_and_people_without_a_membership_read_as_words(
    network_a: Network, alice: Any, alice_client: Client
) -> None:
    outsider = get_user_model().objects.create_user(
        "hbeheer", "h@example.org", "x", first_name="Henk", last_name="Beheer"
    )
    log_action(network_a, outsider, "unlock login", None, object_type="member", summary="#3")
    log_action(network_a, alice, "import", None, object_type="import", changes={"files": ["a.csv"]})
    alice_client.cookies["django_language"] = "nl"
    table = _table(alice_client.get(f"/n/{network_a.slug}/audit/").content.decode())
    assert "Henk Beheer" in table and "hbeheer" not in table
    assert "Inlog ontgrendeld" in table and "unlock login" not in table
    assert "Geïmporteerd" in table and "Import uit bestanden" in table and "bestanden" in table
