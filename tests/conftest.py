"""Personas shared by the whole suite.

Network A ("Regio Deal Noord") and network B ("Zorgregio Zuid"):

- alice: coordinator of A
- dave: core team of A
- bob: participant of A
- olga: observer of A
- carol: coordinator of B, who must never see anything of A
"""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from django.contrib.auth import get_user_model
from django.core.cache import cache
from django.test import Client
from django.utils import translation

from warmnet.insights.service import forget_recent
from warmnet.network.models import Member, Network, Organisation, OrganisationKind, Role

PASSWORD = "correct horse battery staple"


@pytest.fixture(autouse=True)
def _fresh_analysis_cache() -> None:
    """No analysis computed in one test is served in another."""
    cache.clear()
    forget_recent()


@pytest.fixture(autouse=True)
def _default_language() -> Any:
    """Every test starts in the site's default language, as a new thread does: a request
    in English in one test (the locale middleware activates it for the thread) is not
    the language of the next."""
    translation.deactivate()
    yield
    translation.deactivate()


def _user(username: str) -> Any:
    return get_user_model().objects.create_user(username, f"{username}@example.org", PASSWORD)


@pytest.fixture
def network_a(db: Any) -> Network:
    return Network.objects.create(name="Regio Deal Noord", slug="regio-deal-noord")


@pytest.fixture
def network_b(db: Any) -> Network:
    return Network.objects.create(name="Zorgregio Zuid", slug="zorgregio-zuid")


@pytest.fixture
def org_a(network_a: Network) -> Organisation:
    return Organisation.objects.create(
        network=network_a, name="Gemeente Assen", kind=OrganisationKind.MUNICIPALITY
    )


@pytest.fixture
def org_a2(network_a: Network) -> Organisation:
    return Organisation.objects.create(
        network=network_a, name="Waterschap Hunze en Aa's", kind=OrganisationKind.WATER_BOARD
    )


@pytest.fixture
def org_b(network_b: Network) -> Organisation:
    return Organisation.objects.create(
        network=network_b, name="Gemeente Maastricht", kind=OrganisationKind.MUNICIPALITY
    )


def _member(network: Network, org: Organisation, name: str, role: int, user: Any) -> Member:
    return Member.objects.create(
        network=network,
        organisation=org,
        name=name,
        email=f"{name.split()[0].lower()}@example.org",
        role=role,
        joined_on=dt.date(2024, 1, 1),
        user=user,
    )


@pytest.fixture
def alice(network_a: Network, org_a: Organisation) -> Any:
    user = _user("alice")
    _member(network_a, org_a, "Alice de Vries", Role.COORDINATOR, user)
    return user


@pytest.fixture
def dave(network_a: Network, org_a2: Organisation) -> Any:
    user = _user("dave")
    _member(network_a, org_a2, "Dave Bakker", Role.CORE_TEAM, user)
    return user


@pytest.fixture
def bob(network_a: Network, org_a2: Organisation) -> Any:
    user = _user("bob")
    _member(network_a, org_a2, "Bob Jansen", Role.PARTICIPANT, user)
    return user


@pytest.fixture
def olga(network_a: Network, org_a: Organisation) -> Any:
    user = _user("olga")
    _member(network_a, org_a, "Olga Smit", Role.OBSERVER, user)
    return user


@pytest.fixture
def carol(network_b: Network, org_b: Organisation) -> Any:
    user = _user("carol")
    _member(network_b, org_b, "Carol Peters", Role.COORDINATOR, user)
    return user


def _client_for(user: Any) -> Client:
    client = Client()
    client.force_login(user)
    return client


@pytest.fixture
def alice_client(alice: Any) -> Client:
    return _client_for(alice)


@pytest.fixture
def dave_client(dave: Any) -> Client:
    return _client_for(dave)


@pytest.fixture
def bob_client(bob: Any) -> Client:
    return _client_for(bob)


@pytest.fixture
def olga_client(olga: Any) -> Client:
    return _client_for(olga)


@pytest.fixture
def carol_client(carol: Any) -> Client:
    return _client_for(carol)


@pytest.fixture
def mailbox(settings: Any) -> Any:
    """A real SMTP server in this process; Django's mail goes to it (tests/mailbox.py)."""
    from tests.mailbox import start_mailbox

    for box in start_mailbox():
        settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
        settings.EMAIL_HOST, settings.EMAIL_PORT = box.host, box.port
        settings.EMAIL_USE_TLS = settings.EMAIL_USE_SSL = False
        settings.EMAIL_HOST_USER = settings.EMAIL_HOST_PASSWORD = ""
        settings.EMAIL_TIMEOUT = 5
        yield box


@pytest.fixture
def run_tasks(db: Any) -> Any:
    """Run every ready task through the real database worker (django-tasks-db)."""
    from warmnet.background.worker import drain

    return drain
