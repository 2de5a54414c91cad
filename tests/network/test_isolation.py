"""Nothing of network A is reachable by anyone outside it, through any URL."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from django.apps import apps
from django.db import models
from django.test import Client
from django.utils import timezone

from tests.network.crawl import network_routes
from warmnet.activities.models import Activity, ActivityKind, Attendance, Contact
from warmnet.dossiers.models import (
    Dossier,
    HardMoment,
    Milestone,
    MilestoneKind,
    Point,
    PointStatusChange,
    Position,
)
from warmnet.network.models import Member, Network, NetworkOwned, Organisation, Role
from warmnet.programme.models import Series, SeriesItem
from warmnet.surveys.models import SurveyRound

STRING_PARAMS = {"format": "csv", "fmt": "csv", "token": "0" * 32}


def _network_models() -> list[type[models.Model]]:
    return [m for m in apps.get_models() if issubclass(m, NetworkOwned)]


@pytest.fixture
def populated_a(network_a: Network, org_a: Organisation, alice: Any) -> Network:
    """Network A with at least one row of every network-owned model."""
    member = Member.objects.get(user=alice)
    other = Member.objects.create(
        network=network_a,
        organisation=org_a,
        name="Henk Mulder",
        role=Role.PARTICIPANT,
        joined_on=dt.date(2024, 2, 1),
    )
    dossier = Dossier.objects.create(network=network_a, name="Water en bodem")
    activity = Activity.objects.create(
        network=network_a,
        kind=ActivityKind.WORK_VISIT,
        title="Werkbezoek gemaal",
        start=timezone.make_aware(dt.datetime(2024, 3, 1, 10)),
        duration_minutes=120,
        dossier=dossier,
        host_organisation=org_a,
    )
    Attendance.objects.create(network=network_a, activity=activity, member=member, status=3)
    Contact.objects.create(
        network=network_a, member_a=member, member_b=other, date=dt.date(2024, 3, 2)
    )
    point = Point.objects.create(
        network=network_a,
        dossier=dossier,
        title="Peilbeheer",
        opened_on=dt.date(2024, 1, 5),
        status_since=dt.date(2024, 1, 5),
    )
    Position.objects.create(
        network=network_a, point=point, member=member, stance=1, date=dt.date(2024, 1, 6)
    )
    PointStatusChange.objects.create(
        network=network_a, point=point, status=3, date=dt.date(2024, 2, 1)
    )
    Milestone.objects.create(
        network=network_a,
        dossier=dossier,
        kind=MilestoneKind.COVENANT,
        title="Convenant",
        date=dt.date(2024, 6, 1),
    )
    moment = HardMoment.objects.create(network=network_a, title="Ruzie", date=dt.date(2024, 7, 1))
    moment.parties.add(org_a)
    SurveyRound.objects.create(
        network=network_a,
        title="Peiling",
        opens_on=dt.date(2024, 3, 1),
        closes_on=dt.date(2024, 3, 15),
    )
    series = Series.objects.create(
        network=network_a,
        title="Informele ontmoeting",
        kind=ActivityKind.INFORMAL_MEETING,
        every_weeks=6,
        first_start=timezone.make_aware(dt.datetime(2024, 3, 8, 16)),
        duration_minutes=120,
    )
    SeriesItem.objects.create(series=series, activity=activity, number=0)
    for model in _network_models():
        assert model.objects.filter(network=network_a).exists(), f"no {model.__name__} in A"
    return network_a


def _snapshot() -> dict[str, list[Any]]:
    return {
        m.__name__: sorted(m.objects.values_list("pk", flat=True)) for m in _network_models()
    } | {"Network": sorted(Network.objects.values_list("pk", "name", "slug"))}


def _candidate_values(network: Network, exclude: set[int]) -> list[int]:
    pks: set[int] = set()
    for model in _network_models():
        pks.update(model.objects.filter(network=network).values_list("pk", flat=True))
    return sorted(pks - exclude)


def _urls_for(route: Any, slug: str, pks: list[int]) -> list[str]:
    int_params = [name for conv, name in route.params if name != "network" and conv == "int"]
    values: dict[str, Any] = {"network": slug}
    for _conv, name in route.params:
        if name != "network" and name not in int_params:
            values[name] = STRING_PARAMS.get(name, "x")
    if not int_params:
        return [route.url(**values)]
    return [route.url(**values, **dict.fromkeys(int_params, pk)) for pk in pks]


def test_there_are_routes_to_crawl() -> None:
    names = {r.name for r in network_routes()}
    assert "network:member_edit" in names
    assert len(names) >= 10


def test_every_network_route_goes_through_the_scoping_helper() -> None:
    unscoped = [
        r.pattern for r in network_routes() if not getattr(r.callback, "warmnet_scoped", False)
    ]
    assert unscoped == []


def test_coordinator_of_b_gets_404_for_everything_of_a(
    populated_a: Network, network_b: Network, carol_client: Client
) -> None:
    b_pks: set[int] = set()
    for model in _network_models():
        b_pks.update(model.objects.filter(network=network_b).values_list("pk", flat=True))
    a_pks = _candidate_values(populated_a, exclude=b_pks)
    before = _snapshot()
    checked = 0
    for route in network_routes():
        # A's own slug: carol is no member of A, so every method gets 404.
        for url in _urls_for(route, populated_a.slug, a_pks[:1] or [1]):
            for method in ("get", "post"):
                response = getattr(carol_client, method)(url)
                assert response.status_code == 404, (
                    f"{method.upper()} {url} -> {response.status_code}"
                )
                checked += 1
        # B's slug with A's ids: rows outside B.  A view that does not take the
        # method at all answers 405 before looking anything up, which says nothing
        # about A; anything else must be 404.
        if not any(conv == "int" for conv, name in route.params if name != "network"):
            continue
        for url in _urls_for(route, network_b.slug, a_pks):
            for method in ("get", "post"):
                response = getattr(carol_client, method)(url)
                assert response.status_code in (404, 405), f"{method.upper()} {url}"
                checked += 1
    assert checked > 50
    assert _snapshot() == before


def test_anonymous_visitors_are_sent_to_log_in(populated_a: Network, client: Client) -> None:
    for route in network_routes():
        for url in _urls_for(route, populated_a.slug, [1]):
            response = client.get(url)
            assert response.status_code == 302, url
            assert response["Location"].startswith("/login/"), url


@pytest.mark.parametrize("persona", ["bob", "olga"])
def test_participants_and_observers_cannot_write(
    populated_a: Network, persona: str, request: pytest.FixtureRequest
) -> None:
    client = request.getfixturevalue(f"{persona}_client")
    pks = _candidate_values(populated_a, exclude=set())
    before = _snapshot()
    writes = 0
    for route in network_routes():
        # A personal route changes the member's own things only (their answer, their
        # calendar link, their mail language): it may accept the post; the snapshot
        # below shows nobody else's records changed.
        # A search that is posted (so names stay out of addresses) reads, never writes.
        allowed: tuple[int, ...] = (403, 404, 405)
        if route.callback.warmnet_personal:
            allowed = (302, 400, 403, 404, 405)
        elif route.callback.warmnet_search:
            allowed = (200, 403, 404, 405)
        for url in _urls_for(route, populated_a.slug, pks):
            response = client.post(url, {"name": "Overgenomen", "title": "x", "status": "3"})
            assert response.status_code in allowed, f"POST {url} -> {response.status_code}"
            if getattr(route.callback, "warmnet_write", False):
                assert client.get(url).status_code in (403, 404), f"GET {url}"
                writes += 1
    assert writes > 5
    assert _snapshot() == before


def test_coordinator_sees_every_read_page_of_a(populated_a: Network, alice_client: Client) -> None:
    pks = _candidate_values(populated_a, exclude=set())
    for route in network_routes():
        if any(conv == "int" for conv, name in route.params if name != "network"):
            continue  # pages of one object are covered by their own tests
        if "delete" in route.name or "cell" in route.name:
            continue
        for url in _urls_for(route, populated_a.slug, pks):
            response = alice_client.get(url)
            # 405: an endpoint that only takes POST
            assert response.status_code in (200, 302, 405), f"GET {url} -> {response.status_code}"
