"""Records of networks A and B for the dossier tests (personas: tests/conftest.py)."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from django.urls import reverse
from django.utils import translation

from warmnet.dossiers.models import Dossier, Point, PointStatus
from warmnet.network.models import Member, Network, Organisation, Role

SLUG = "regio-deal-noord"


def url(name: str, *args: Any) -> str:
    return reverse(f"dossiers:{name}", args=[SLUG, *args])


@pytest.fixture(autouse=True)
def english(settings: Any) -> Any:
    """Assert on the English msgids, whatever the catalogue says in Dutch."""
    settings.LANGUAGE_CODE = "en"
    with translation.override("en"):
        yield


@pytest.fixture
def dossier_a(network_a: Network) -> Dossier:
    return Dossier.objects.create(network=network_a, name="Water en bodem")


@pytest.fixture
def other_dossier_a(network_a: Network) -> Dossier:
    return Dossier.objects.create(network=network_a, name="Energie")


@pytest.fixture
def dossier_b(network_b: Network) -> Dossier:
    return Dossier.objects.create(network=network_b, name="Zorgbudget")


def _point(dossier: Dossier, title: str) -> Point:
    return Point.objects.create(
        network=dossier.network,
        dossier=dossier,
        title=title,
        status=PointStatus.OPEN,
        opened_on=dt.date(2025, 1, 6),
        status_since=dt.date(2025, 1, 6),
    )


@pytest.fixture
def point_a(dossier_a: Dossier) -> Point:
    return _point(dossier_a, "Peilbeheer")


@pytest.fixture
def point_other_dossier(other_dossier_a: Dossier) -> Point:
    return _point(other_dossier_a, "Zonneweides")


@pytest.fixture
def point_b(dossier_b: Dossier) -> Point:
    return _point(dossier_b, "Eigen bijdrage")


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
