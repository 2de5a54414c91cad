"""Suggestions that close: "plan this" carries an opaque id; the planned activity is neutral
and the reasoning stays with those who run the network; a planned, dismissed or done
suggestion is not offered again; signals can be acknowledged."""

from __future__ import annotations

import html
import re
from typing import Any
from urllib.parse import parse_qs, urlsplit

import pytest
import time_machine
from django.test import Client
from django.utils import timezone

from tests.dashboard.conftest import ScenarioNetwork, make_scenario_network
from warmnet.activities.models import Activity, Attendance, AttendanceStatus
from warmnet.network.models import AuditEntry, Member, Network, Role
from warmnet.programme.models import SignalAcknowledgement, SuggestionRecord, SuggestionState


@pytest.fixture
def net(alice: Any, bob: Any) -> ScenarioNetwork:
    return make_scenario_network(
        "kickoff-then-content", (alice, Role.COORDINATOR), (bob, Role.PARTICIPANT)
    )


@pytest.fixture
def frozen(net: ScenarioNetwork) -> Any:
    """The clock at the end of the generated history, as the dashboard looks from."""
    moment = timezone.make_aware(timezone.datetime.combine(net.as_of, timezone.datetime.min.time()))
    with time_machine.travel(moment.replace(hour=9), tick=False):
        yield


def _plan_urls(client: Client, net: ScenarioNetwork) -> list[str]:
    page = html.unescape(client.get(net.url).content.decode())
    return re.findall(r'href="(/n/[^"]+/activities/plan/\?[^"]+)"', page)


def _post_data(form: Any) -> dict[str, Any]:
    data: dict[str, Any] = {}
    for name, field in form.fields.items():
        value = form[name].value()
        if value is None:
            continue
        if name in ("start", "end"):
            value = field.widget.format_value(value)
        data[name] = value
    return data


def _plan(client: Client, url: str, **changes: Any) -> tuple[Any, dict[str, Any]]:
    form = client.get(url).context["form"]
    data = _post_data(form) | changes
    query = {k: v[0] for k, v in parse_qs(urlsplit(url).query).items()}
    data |= query
    return client.post(url.split("?")[0], data), data


def test_plan_this_carries_an_opaque_id_and_nothing_personal(
    net: ScenarioNetwork, frozen: Any, alice_client: Client
) -> None:
    urls = _plan_urls(alice_client, net)
    assert urls
    names = list(Member.objects.filter(network=net.network).values_list("name", flat=True))
    for url in urls:
        query = parse_qs(urlsplit(url).query)
        assert set(query) <= {"suggestion", "as_of"}
        assert re.fullmatch(r"[0-9a-f]{24}", query["suggestion"][0])
        assert not any(name in html.unescape(url) for name in names)


def test_the_draft_is_neutral_and_the_reason_is_shown_only_to_the_planner(
    net: ScenarioNetwork, frozen: Any, alice_client: Client, bob_client: Client
) -> None:
    url = _plan_urls(alice_client, net)[0]
    page = alice_client.get(url)
    assert page.status_code == 200
    form = page.context["form"]
    reason = page.context["reason"]
    assert reason and reason in html.unescape(page.content.decode())
    assert not form["description"].value()
    names = list(Member.objects.filter(network=net.network).values_list("name", flat=True))
    assert not any(n in form["title"].value() for n in names)
    response, data = _plan(alice_client, url)
    assert response.status_code == 302
    activity = Activity.objects.get(
        network=net.network, title=data["title"], start__date=form["start"].value().date()
    )
    assert activity.description == ""
    record = SuggestionRecord.objects.get(activity=activity)
    assert record.state == SuggestionState.PLANNED
    assert sorted(record.invitee_ids) == sorted(data["invitees"])
    assert set(Attendance.objects.filter(activity=activity).values_list("status", flat=True)) == {
        AttendanceStatus.INVITED
    }
    assert {"create", "invite"} <= set(
        AuditEntry.objects.filter(network=net.network, object_id=activity.pk).values_list(
            "action", flat=True
        )
    )
    detail = f"/n/{net.network.slug}/activities/{activity.pk}/"
    assert reason in html.unescape(alice_client.get(detail).content.decode())
    assert reason not in html.unescape(bob_client.get(detail).content.decode())


def test_a_planned_suggestion_is_not_offered_again_and_is_listed_as_planned_then_done(
    net: ScenarioNetwork, frozen: Any, alice_client: Client, alice: Any
) -> None:
    before = _plan_urls(alice_client, net)
    response, _data = _plan(alice_client, before[0])
    assert response.status_code == 302
    after = _plan_urls(alice_client, net)
    assert before[0] not in after and len(after) == len(before) - 1
    assert alice_client.get(before[0]).status_code == 302  # planning it twice is not possible
    page = alice_client.get(net.url).content.decode()
    assert 'data-state="planned"' in page
    activity = SuggestionRecord.objects.get().activity
    assert activity is not None
    with time_machine.travel(activity.end + timezone.timedelta(days=1), tick=False):
        alice_client.force_login(alice)  # weeks later: a new session
        page = alice_client.get(net.url).content.decode()
        assert 'data-state="done"' in page
        assert before[0].split("?")[1].split("&")[0] not in page


def test_a_dismissed_suggestion_goes_and_can_be_offered_again(
    net: ScenarioNetwork, frozen: Any, alice_client: Client
) -> None:
    url = _plan_urls(alice_client, net)[0]
    ident = parse_qs(urlsplit(url).query)["suggestion"][0]
    slug = net.network.slug
    alice_client.post(
        f"/n/{slug}/programme/dismiss/",
        {"suggestion": ident, "reason": "not_a_fit", "as_of": net.as_of.isoformat()},
    )
    assert url not in _plan_urls(alice_client, net)
    record = SuggestionRecord.objects.get(state=SuggestionState.DISMISSED)
    assert record.dismiss_reason == "not_a_fit"
    alice_client.post(f"/n/{slug}/programme/suggestions/{record.pk}/reopen/")
    assert url in _plan_urls(alice_client, net)


def test_an_invitee_from_another_network_is_refused_and_nothing_is_saved(
    net: ScenarioNetwork, frozen: Any, alice_client: Client, carol: Any, network_b: Network
) -> None:
    url = _plan_urls(alice_client, net)[0]
    before = (
        Activity.objects.count(),
        Attendance.objects.count(),
        SuggestionRecord.objects.count(),
    )
    form = alice_client.get(url).context["form"]
    data = _post_data(form)
    data["invitees"] = [*data["invitees"], Member.objects.get(user=carol).pk]
    response, _ = _plan(alice_client, url, invitees=data["invitees"])
    assert response.status_code == 400
    assert "invitees" in response.context["form"].errors
    after = (Activity.objects.count(), Attendance.objects.count(), SuggestionRecord.objects.count())
    assert after == before


def test_an_unknown_suggestion_says_it_is_no_longer_offered(
    net: ScenarioNetwork, frozen: Any, alice_client: Client
) -> None:
    response = alice_client.get(
        f"/n/{net.network.slug}/activities/plan/?suggestion=deadbeef&kind=3&why=x"
    )
    assert response.status_code == 302 and response["Location"].endswith("#suggestions")


def test_an_acknowledged_signal_folds_away_until_its_evidence_changes(
    net: ScenarioNetwork, frozen: Any, alice_client: Client
) -> None:
    page = alice_client.get(net.url)
    fingerprints = re.findall(r'name="signal" value="([0-9a-f]{64})"', page.content.decode())
    assert fingerprints
    slug = net.network.slug
    alice_client.post(
        f"/n/{slug}/programme/signals/acknowledge/",
        {"signal": fingerprints[0], "as_of": net.as_of.isoformat()},
    )
    assert SignalAcknowledgement.objects.filter(network=net.network).count() == 1
    page = alice_client.get(net.url).content.decode()
    assert "1 acknowledged signal" in page
    assert fingerprints[0] not in re.findall(r'name="signal" value="([0-9a-f]{64})"', page)
    # different evidence: it is raised again
    SignalAcknowledgement.objects.update(fingerprint="0" * 64)
    page = alice_client.get(net.url).content.decode()
    assert fingerprints[0] in re.findall(r'name="signal" value="([0-9a-f]{64})"', page)
