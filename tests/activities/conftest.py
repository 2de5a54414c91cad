"""Records of networks A and B for the activities tests (personas: tests/conftest.py)."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from django.utils import timezone, translation

from warmnet.activities.models import Activity, ActivityKind
from warmnet.dossiers.models import Dossier
from warmnet.network.models import Member, Network, Organisation, Role


def at(year: int, month: int, day: int, hour: int = 10) -> dt.datetime:
    return timezone.make_aware(dt.datetime(year, month, day, hour))


@pytest.fixture
def dossier_a(network_a: Network) -> Dossier:
    return Dossier.objects.create(network=network_a, name="Water en bodem")


@pytest.fixture
def activity_a(network_a: Network, org_a: Organisation, dossier_a: Dossier) -> Activity:
    return Activity.objects.create(
        network=network_a,
        kind=ActivityKind.WORKING_SESSION,
        title="Werksessie peilbeheer",
        start=at(2025, 3, 4),
        duration_minutes=120,
        host_organisation=org_a,
        dossier=dossier_a,
    )


@pytest.fixture
def dinner_a(network_a: Network) -> Activity:
    return Activity.objects.create(
        network=network_a,
        kind=ActivityKind.DINNER,
        title="Diner bij de dijk",
        start=at(2025, 3, 6, 18),
        duration_minutes=150,
    )


@pytest.fixture
def activity_b(network_b: Network) -> Activity:
    return Activity.objects.create(
        network=network_b,
        kind=ActivityKind.NEGOTIATION,
        title="Onderhandeling zorgbudget",
        start=at(2025, 3, 5),
        duration_minutes=90,
    )


@pytest.fixture
def henk(network_a: Network, org_a: Organisation) -> Member:
    return Member.objects.create(
        network=network_a,
        organisation=org_a,
        name="Henk Mulder",
        email="henk@example.org",
        role=Role.PARTICIPANT,
        joined_on=dt.date(2024, 2, 1),
    )


@pytest.fixture
def member_b(network_b: Network, carol: Any) -> Member:
    return Member.objects.get(network=network_b, user=carol)


def member_of(user: Any) -> Member:
    return Member.objects.get(user=user)


@pytest.fixture(autouse=True)
def english(settings: Any) -> Any:
    """Assert on the English msgids, whatever the catalogue says in Dutch."""
    settings.LANGUAGE_CODE = "en"
    with translation.override("en"):
        yield
