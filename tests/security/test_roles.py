"""Finding 2: only coordinators change roles and end memberships; one coordinator stays."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from django.test import Client

from warmnet.network.models import Member, Network, Role
from warmnet.transfer.readers import Limits
from warmnet.transfer.service import import_files


def _form(member: Member, **changes: Any) -> dict[str, Any]:
    data = {
        "name": member.name,
        "email": member.email,
        "organisation": member.organisation_id,
        "role": member.role,
        "joined_on": member.joined_on.isoformat(),
        "left_on": "",
    }
    return data | changes


def test_core_team_cannot_make_themselves_coordinator(
    network_a: Network, alice: Any, dave: Any, dave_client: Client
) -> None:
    me = Member.objects.get(user=dave)
    url = f"/n/{network_a.slug}/members/{me.pk}/edit/"
    dave_client.post(url, _form(me, role=Role.COORDINATOR))
    me.refresh_from_db()
    assert me.role == Role.CORE_TEAM


def test_core_team_cannot_end_a_coordinators_membership_or_delete_them(
    network_a: Network, alice: Any, dave: Any, dave_client: Client
) -> None:
    boss = Member.objects.get(user=alice)
    dave_client.post(
        f"/n/{network_a.slug}/members/{boss.pk}/edit/",
        _form(boss, role=Role.PARTICIPANT, left_on="2024-06-01"),
    )
    boss.refresh_from_db()
    assert (boss.role, boss.left_on) == (Role.COORDINATOR, None)
    response = dave_client.post(f"/n/{network_a.slug}/members/{boss.pk}/delete/")
    assert response.status_code == 403
    assert Member.objects.filter(pk=boss.pk).exists()


def test_the_last_coordinator_cannot_be_demoted(
    network_a: Network, alice: Any, alice_client: Client
) -> None:
    me = Member.objects.get(user=alice)
    response = alice_client.post(
        f"/n/{network_a.slug}/members/{me.pk}/edit/", _form(me, role=Role.PARTICIPANT)
    )
    assert response.status_code == 400
    assert "laatste coördinator" in response.content.decode()
    me.refresh_from_db()
    assert me.role == Role.COORDINATOR


def test_a_coordinator_can_hand_over_once_there_is_another(
    network_a: Network, alice: Any, dave: Any, alice_client: Client
) -> None:
    other = Member.objects.get(user=dave)
    alice_client.post(
        f"/n/{network_a.slug}/members/{other.pk}/edit/", _form(other, role=Role.COORDINATOR)
    )
    me = Member.objects.get(user=alice)
    response = alice_client.post(
        f"/n/{network_a.slug}/members/{me.pk}/edit/", _form(me, role=Role.CORE_TEAM)
    )
    assert response.status_code == 302
    assert Member.objects.get(pk=other.pk).role == Role.COORDINATOR


def _sheet(tmp_path: Path, rows: list[str]) -> list[tuple[Path, str]]:
    path = tmp_path / "leden.csv"
    path.write_text("naam;organisatie;e-mail;rol;lid tot\n" + "\n".join(rows) + "\n")
    return [(path, path.name)]


def test_a_core_team_import_cannot_change_roles_or_end_memberships(
    network_a: Network, alice: Any, dave: Any, tmp_path: Path
) -> None:
    files = _sheet(
        tmp_path,
        [
            "Dave Bakker;Waterschap Hunze en Aa's;dave@example.org;coordinator;",
            "Alice de Vries;Gemeente Assen;alice@example.org;coordinator;2024-05-01",
        ],
    )
    report = import_files(network_a, files, user=dave, limits=Limits.web(), manages_roles=False)
    assert not report.ok
    text = report.as_text()
    assert text.count("Alleen een coördinator") == 2 or text.count("Only a coordinator") == 2
    assert Member.objects.get(user=dave).role == Role.CORE_TEAM


def test_no_import_leaves_the_network_without_a_coordinator(
    network_a: Network, alice: Any, tmp_path: Path
) -> None:
    files = _sheet(tmp_path, ["Alice de Vries;Gemeente Assen;alice@example.org;participant;"])
    report = import_files(network_a, files)
    assert not report.ok
    assert Member.objects.get(user=alice).role == Role.COORDINATOR
