"""An empty network is made by one command; a network is deleted only on a coordinator's word."""

from __future__ import annotations

import datetime as dt
from io import StringIO
from typing import Any

import pytest
from django.core.management import CommandError, call_command
from django.test import Client

from warmnet.activities.models import Activity, ActivityKind, Attendance, AttendanceStatus
from warmnet.network.models import AuditEntry, Member, Network, Organisation


def _run(*args: str) -> str:
    out = StringIO()
    call_command("network", *args, stdout=out)
    return out.getvalue()


def test_network_create_makes_an_empty_network(db: Any) -> None:
    text = _run("--language", "en", "create", "nieuw-netwerk", "--name", "Nieuw Netwerk")
    assert "nieuw-netwerk" in text
    network = Network.objects.get(slug="nieuw-netwerk")
    assert network.name == "Nieuw Netwerk"
    assert not Member.objects.filter(network=network).exists()
    with pytest.raises(CommandError, match="already exists"):
        _run("--language", "en", "create", "nieuw-netwerk", "--name", "Again")
    with pytest.raises(CommandError):
        _run("--language", "en", "create", "geen spaties", "--name", "Bad")


def _fill(network: Network, org: Organisation) -> None:
    member = Member.objects.get(network=network, organisation=org)
    activity = Activity.objects.create(
        network=network,
        title="Borrel",
        start=dt.datetime(2026, 1, 5, 16, tzinfo=dt.UTC),
        kind=ActivityKind.INFORMAL_MEETING,
        duration_minutes=90,
    )
    Attendance.objects.create(
        network=network, activity=activity, member=member, status=AttendanceStatus.ATTENDED
    )


def test_a_coordinator_deletes_the_network_with_everything_in_it(
    network_a: Network, org_a: Organisation, alice: Any, bob: Any, network_b: Network, carol: Any
) -> None:
    _fill(network_a, org_a)
    text = _run(
        "--language", "en", "delete", network_a.slug, "--coordinator", "alice",
        "--confirm", network_a.slug,
    )  # fmt: skip
    assert "2 members, 2 organisations" in text
    assert not Network.objects.filter(slug="regio-deal-noord").exists()
    assert not Member.objects.filter(network_id=network_a.pk).exists()
    assert not Activity.objects.filter(network_id=network_a.pk).exists()
    assert Member.objects.filter(network=network_b).count() == 1  # the other network stays
    entry = AuditEntry.objects.get(object_type="network", action="delete")
    assert entry.user == alice and "regio-deal-noord" in entry.summary


def test_only_a_coordinator_who_types_the_short_name_may_delete(
    network_a: Network, alice: Any, bob: Any, carol: Any
) -> None:
    with pytest.raises(CommandError, match="Only a coordinator"):
        _run("--language", "en", "delete", network_a.slug, "--coordinator", "bob",
             "--confirm", network_a.slug)  # fmt: skip
    with pytest.raises(CommandError, match="Only a coordinator"):
        _run("--language", "en", "delete", network_a.slug, "--coordinator", "carol",
             "--confirm", network_a.slug)  # fmt: skip
    with pytest.raises(CommandError, match="short name"):
        _run("--language", "en", "delete", network_a.slug, "--coordinator", "alice",
             "--confirm", "zorgregio-zuid")  # fmt: skip
    assert Network.objects.filter(pk=network_a.pk).exists()


def test_the_admin_lets_only_a_coordinator_delete_a_network(
    network_a: Network, org_a: Organisation, alice: Any, carol: Any
) -> None:
    for user in (alice, carol):
        user.is_staff = user.is_superuser = True
        user.save()
    url = f"/admin/network/network/{network_a.pk}/delete/"
    carol_client = Client()
    carol_client.force_login(carol)
    assert carol_client.post(url, {"post": "yes"}).status_code == 403
    assert Network.objects.filter(pk=network_a.pk).exists()
    alice_client = Client()
    alice_client.force_login(alice)
    page = alice_client.get(url)
    assert page.status_code == 200 and b"Regio Deal Noord" in page.content
    assert alice_client.post(url, {"post": "yes"}).status_code == 302
    assert not Network.objects.filter(pk=network_a.pk).exists()
