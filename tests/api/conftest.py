"""Network A with a row of every kind, tokens for the personas, and a JSON client.

The personas are the suite's (tests/conftest.py): alice coordinates A, dave is in
A's core team, bob takes part in A, olga observes A, carol coordinates B.
"""

from __future__ import annotations

import datetime as dt
import json
from dataclasses import dataclass
from typing import Any

import pytest
from django.test import Client
from django.utils import timezone

from warmnet.activities.models import Activity, ActivityKind, Attendance, Contact
from warmnet.api.tokens import create_token
from warmnet.dossiers.models import (
    Dossier,
    HardMoment,
    Milestone,
    MilestoneKind,
    Point,
    Position,
)
from warmnet.network.models import Member, Network, Organisation, Role


@dataclass
class World:
    """Network A's rows by name."""

    network: Network
    alice: Member
    bob: Member
    henk: Member
    org: Organisation
    org2: Organisation
    dossier: Dossier
    activity: Activity
    attendance: Attendance
    contact: Contact
    point: Point
    member_position: Position
    org_position: Position
    milestone: Milestone
    moment: HardMoment


@pytest.fixture
def world(
    network_a: Network,
    org_a: Organisation,
    org_a2: Organisation,
    alice: Any,
    dave: Any,
    bob: Any,
    olga: Any,
) -> World:
    me = Member.objects.get(user=alice)
    henk = Member.objects.create(
        network=network_a,
        organisation=org_a,
        name="Henk Mulder",
        email="henk@example.org",
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
    attendance = Attendance.objects.create(
        network=network_a, activity=activity, member=me, status=3
    )
    contact = Contact.objects.create(
        network=network_a, member_a=me, member_b=henk, date=dt.date(2024, 3, 2)
    )
    point = Point.objects.create(
        network=network_a,
        dossier=dossier,
        title="Peilbeheer",
        opened_on=dt.date(2024, 1, 5),
        status_since=dt.date(2024, 1, 5),
    )
    member_position = Position.objects.create(
        network=network_a, point=point, member=henk, stance=-1, date=dt.date(2024, 1, 6)
    )
    org_position = Position.objects.create(
        network=network_a, point=point, organisation=org_a2, stance=1, date=dt.date(2024, 1, 7)
    )
    milestone = Milestone.objects.create(
        network=network_a,
        dossier=dossier,
        kind=MilestoneKind.COVENANT,
        title="Convenant",
        date=dt.date(2024, 6, 1),
    )
    moment = HardMoment.objects.create(network=network_a, title="Ruzie", date=dt.date(2024, 7, 1))
    moment.parties.add(org_a)
    return World(
        network=network_a,
        alice=me,
        bob=Member.objects.get(user=bob),
        henk=henk,
        org=org_a,
        org2=org_a2,
        dossier=dossier,
        activity=activity,
        attendance=attendance,
        contact=contact,
        point=point,
        member_position=member_position,
        org_position=org_position,
        milestone=milestone,
        moment=moment,
    )


class ApiClient:
    """Django's test client with a bearer token and JSON bodies."""

    def __init__(self, secret: str | None, **headers: str) -> None:
        extra = {"HTTP_AUTHORIZATION": f"Bearer {secret}"} if secret else {}
        self.client = Client(**extra, **headers)

    def get(self, path: str, **params: Any) -> Any:
        return self.client.get(path, params)

    def send(self, method: str, path: str, body: Any = None, *, raw: str | None = None) -> Any:
        data = raw if raw is not None else (json.dumps(body) if body is not None else "")
        return getattr(self.client, method.lower())(
            path, data=data, content_type="application/json"
        )


def token(user: Any, network: Network, *, write: bool = False, days: int = 30) -> str:
    return create_token(user, network, name="test", can_write=write, days=days)[1]


@pytest.fixture
def alice_api(world: World, alice: Any) -> ApiClient:
    return ApiClient(token(alice, world.network, write=True))


@pytest.fixture
def dave_api(world: World, dave: Any) -> ApiClient:
    return ApiClient(token(dave, world.network, write=True))


@pytest.fixture
def bob_api(world: World, bob: Any) -> ApiClient:
    return ApiClient(token(bob, world.network))


@pytest.fixture
def olga_api(world: World, olga: Any) -> ApiClient:
    return ApiClient(token(olga, world.network))


@pytest.fixture
def carol_api(network_b: Network, carol: Any) -> ApiClient:
    return ApiClient(token(carol, network_b, write=True))


def path_ids(path: str, world: World) -> dict[str, int]:
    """Ids of A's rows for the parameters of an operation's path: ``{id}`` is a row of
    the kind named before it (``/activities/{id}``), ``{member_id}`` a member."""
    kinds = {
        "organisations": world.org.pk,
        "members": world.henk.pk,
        "activities": world.activity.pk,
        "attendance": world.attendance.pk,
        "contacts": world.contact.pk,
        "dossiers": world.dossier.pk,
        "points": world.point.pk,
        "positions": world.member_position.pk,
        "milestones": world.milestone.pk,
        "hard-moments": world.moment.pk,
    }
    parts = path.split("/")
    ids = {}
    if "{id}" in parts:
        ids["id"] = kinds[parts[parts.index("{id}") - 1]]
    if "{member_id}" in parts:
        ids["member_id"] = world.henk.pk
    return ids


def base(world: World) -> str:
    return f"/api/v1/networks/{world.network.slug}"


@pytest.fixture(autouse=True)
def _quick_passwords(settings: Any) -> None:
    """The personas' passwords hashed cheaply: these tests never log in with one."""
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
