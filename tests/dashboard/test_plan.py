"""“Plan this”: a suggestion becomes a pre-filled activity; saving invites the people."""

from __future__ import annotations

import html
import re
from collections.abc import Callable
from typing import Any
from urllib.parse import parse_qs, urlsplit

import pytest
from django.test import Client

from tests.dashboard.conftest import ScenarioNetwork
from warmnet.activities.models import Activity, Attendance, AttendanceStatus
from warmnet.network.models import AuditEntry, Member, Network, Role


def _plan_url(client: Client, net: ScenarioNetwork) -> str:
    page = html.unescape(client.get(net.url).content.decode())
    found = re.search(r'href="(/n/[^"]+/activities/plan/\?[^"]+)"', page)
    assert found, "the dashboard offers a suggestion to plan"
    return found.group(1)


def _post_data(form: Any) -> dict[str, Any]:
    """What the browser would post for the pre-filled form."""
    data: dict[str, Any] = {}
    for name, field in form.fields.items():
        value = form[name].value()
        if value is None:
            continue
        if name in ("start", "end"):
            value = field.widget.format_value(value)
        data[name] = value
    return data


@pytest.fixture
def planned(
    scenario_network: Callable[..., ScenarioNetwork], alice_client: Client
) -> tuple[ScenarioNetwork, str]:
    net = scenario_network("kickoff-then-content")
    return net, _plan_url(alice_client, net)


def test_plan_this_opens_the_activity_form_pre_filled(
    planned: tuple[ScenarioNetwork, str], alice_client: Client
) -> None:
    net, url = planned
    query = {k: v[0] for k, v in parse_qs(urlsplit(url).query).items()}
    response = alice_client.get(url)
    assert response.status_code == 200
    form = response.context["form"]
    assert form["kind"].value() == int(query["kind"])
    assert form["title"].value() == query["title"]
    assert form["start"].value().date().isoformat() == query["date"]
    assert form["end"].value() > form["start"].value()
    invitees = [int(v) for v in query["invitees"].split(",")]
    assert sorted(form["invitees"].value()) == sorted(invitees)
    if "host" in query:
        assert form["host_organisation"].value() == int(query["host"])
    assert query["why"] in html.unescape(response.content.decode())
    assert not Activity.objects.filter(network=net.network, title=query["title"]).exists()


def test_saving_creates_the_activity_with_invitations_and_an_audit_trail(
    planned: tuple[ScenarioNetwork, str], alice_client: Client
) -> None:
    net, url = planned
    form = alice_client.get(url).context["form"]
    data = _post_data(form)
    data["title"] = "Samen aan tafel"
    response = alice_client.post(url.split("?")[0], data)
    assert response.status_code == 302
    activity = Activity.objects.get(network=net.network, title="Samen aan tafel")
    assert response["Location"] == f"/n/{net.network.slug}/activities/{activity.pk}/"
    rows = Attendance.objects.filter(activity=activity)
    assert sorted(rows.values_list("member_id", flat=True)) == sorted(data["invitees"])
    assert set(rows.values_list("status", flat=True)) == {AttendanceStatus.INVITED}
    actions = set(
        AuditEntry.objects.filter(network=net.network, object_id=activity.pk).values_list(
            "action", flat=True
        )
    )
    assert actions == {"create", "invite"}


def test_a_participant_gets_403_on_plan(
    scenario_network: Callable[..., ScenarioNetwork], bob: Any, bob_client: Client
) -> None:
    net = scenario_network("together", (bob, Role.PARTICIPANT))
    url = f"/n/{net.network.slug}/activities/plan/"
    before = Activity.objects.count()
    assert bob_client.get(url + "?kind=3&title=x").status_code == 403
    response = bob_client.post(url, {"title": "x", "kind": 3})
    assert response.status_code == 403
    assert Activity.objects.count() == before


def test_an_invitee_from_another_network_is_refused_and_nothing_is_saved(
    planned: tuple[ScenarioNetwork, str], alice_client: Client, carol: Any, network_b: Network
) -> None:
    _net, url = planned
    data = _post_data(alice_client.get(url).context["form"])
    data["invitees"] = [*data["invitees"], Member.objects.get(user=carol).pk]
    before = (Activity.objects.count(), Attendance.objects.count(), AuditEntry.objects.count())
    response = alice_client.post(url.split("?")[0], data)
    assert response.status_code == 400
    assert "invitees" in response.context["form"].errors
    after = (Activity.objects.count(), Attendance.objects.count(), AuditEntry.objects.count())
    assert after == before


def test_malformed_suggestion_values_are_left_out(network_a: Network, alice_client: Client) -> None:
    url = f"/n/{network_a.slug}/activities/plan/?kind=99&date=2026-02-30&invitees=a,,3&host=x"
    response = alice_client.get(url)
    assert response.status_code == 200
    form = response.context["form"]
    assert form["kind"].value() is None
    assert form["start"].value() is None
