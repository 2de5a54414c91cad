"""Finding 7: a person's data out (access) and away (erasure), history still countable."""

from __future__ import annotations

import datetime as dt
import json
from typing import Any

from django.contrib.auth import get_user_model
from django.test import Client
from django.utils import timezone

from warmnet.activities.models import Activity, Attendance, Contact
from warmnet.api.models import ApiToken
from warmnet.api.tokens import create_token
from warmnet.network.models import AuditEntry, Member, Network
from warmnet.privacy.actions import erase_person, export_person
from warmnet.privacy.registry import Section, register, sections
from warmnet.surveys.models import Invitation, SurveyRound


def _setup(network: Network, alice: Any, bob: Any, alice_client: Client) -> Member:
    me, him = Member.objects.get(user=alice), Member.objects.get(user=bob)
    activity = Activity.objects.create(
        network=network,
        kind=3,
        title="Koffie met Bob Jansen",
        start=timezone.make_aware(dt.datetime(2025, 2, 1, 10)),
        duration_minutes=60,
    )
    Attendance.objects.create(network=network, activity=activity, member=him, status=3)
    Contact.objects.create(
        network=network, member_a=me, member_b=him, date=dt.date(2025, 2, 2), note="Bob belt"
    )
    # an audit entry that names him, through the form
    alice_client.post(
        f"/n/{network.slug}/members/{him.pk}/edit/",
        {
            "name": "Bob Jansen",
            "email": "bob.jansen@example.org",
            "organisation": him.organisation_id,
            "role": him.role,
            "joined_on": "2024-01-01",
        },
    )
    return Member.objects.get(pk=him.pk)


def test_a_coordinator_and_the_person_download_everything_about_them(
    network_a: Network, alice: Any, bob: Any, alice_client: Client, bob_client: Client
) -> None:
    him = _setup(network_a, alice, bob, alice_client)
    url = f"/n/{network_a.slug}/members/{him.pk}/personal-data/"
    for client in (alice_client, bob_client):
        response = client.get(url)
        assert response.status_code == 200
        assert "attachment" in response["Content-Disposition"]
        data = json.loads(response.content)["sections"]
        assert data["membership"]["data"]["email"] == "bob.jansen@example.org"
        assert data["attendance"]["data"][0]["activity"] == "Koffie met Bob Jansen"
        assert data["contacts"]["data"][0]["note"] == "Bob belt"
        assert data["audit"]["data"]
        assert data["account"]["data"]["username"] == "bob"
    own = bob_client.get("/account/personal-data/")
    assert json.loads(own.content)["sections"]["membership"]["data"]["name"] == "Bob Jansen"


def test_others_cannot_download_someone_elses_data(
    network_a: Network, alice: Any, bob: Any, olga: Any, olga_client: Client
) -> None:
    him = Member.objects.get(user=bob)
    assert (
        olga_client.get(f"/n/{network_a.slug}/members/{him.pk}/personal-data/").status_code == 403
    )


def test_erasure_removes_the_person_everywhere_and_keeps_the_history_countable(
    network_a: Network, alice: Any, bob: Any, alice_client: Client
) -> None:
    him = _setup(network_a, alice, bob, alice_client)
    url = f"/n/{network_a.slug}/members/{him.pk}/erase/"
    assert alice_client.post(url, {"confirm": "erase"}).status_code == 302
    him.refresh_from_db()
    assert "Bob" not in him.name and him.email == "" and him.user is None
    assert Attendance.objects.filter(member=him).count() == 1
    assert Contact.objects.get(member_b=him).note == ""
    assert "Bob" not in Activity.objects.get().title
    for entry in AuditEntry.objects.filter(network=network_a):
        text = entry.summary + json.dumps(entry.changes)
        assert "Bob" not in text and "bob.jansen" not in text, text
    erased = AuditEntry.objects.filter(action="erase").get()
    assert erased.object_id == him.pk
    account = get_user_model().objects.get(pk=bob.pk)
    assert not account.is_active and account.email == "" and account.username != "bob"
    assert not account.has_usable_password()


def test_the_last_coordinator_is_not_erased(
    network_a: Network, alice: Any, alice_client: Client
) -> None:
    me = Member.objects.get(user=alice)
    alice_client.post(f"/n/{network_a.slug}/members/{me.pk}/erase/", {"confirm": "erase"})
    me.refresh_from_db()
    assert me.name == "Alice de Vries"


def test_a_later_app_joins_export_and_erasure_by_registering_a_section(
    network_a: Network, alice: Any, bob: Any
) -> None:
    seen: list[str] = []
    register(
        Section("pulse", "Pulse surveys", lambda m: {"answers": 3}, lambda m, p: seen.append(p))
    )
    try:
        him = Member.objects.get(user=bob)
        assert export_person(him)["sections"]["pulse"]["data"] == {"answers": 3}
        erase_person(him, alice)
        assert (seen and seen[0].startswith("Gewist lid")) or seen[0].startswith("Erased")
    finally:
        from warmnet.privacy import registry

        registry._SECTIONS.pop("pulse")
    assert "pulse" not in [s.key for s in sections()]


def test_survey_participation_and_api_tokens_are_in_the_export_and_go_with_erasure(
    network_a: Network, alice: Any, bob: Any, alice_client: Client
) -> None:
    him = _setup(network_a, alice, bob, alice_client)
    survey = SurveyRound.objects.create(
        network=network_a,
        title="Voorjaar 2025",
        opens_on=dt.date(2025, 3, 1),
        closes_on=dt.date(2025, 3, 15),
        min_group=5,
    )
    Invitation.objects.create(round=survey, member=him, invited_on=dt.date(2025, 3, 1))
    create_token(bob, network_a, name="Intranet", can_write=False, days=30)
    keys = [s.key for s in sections()]
    # the tokens go before the membership unlinks the login they belong to
    assert keys.index("api_tokens") < keys.index("membership") < keys.index("surveys")
    data = export_person(him)["sections"]
    assert data["surveys"]["data"][0]["survey_round"] == "Voorjaar 2025"
    assert data["api_tokens"]["data"][0]["name"] == "Intranet"
    erase_person(him, alice)
    assert not Invitation.objects.filter(member=him).exists()
    assert not ApiToken.objects.filter(user=bob).exists()
