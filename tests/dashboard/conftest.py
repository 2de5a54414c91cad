"""Generated scenario networks with alice as their coordinator (personas: tests/conftest.py)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

import pytest
from django.core.cache import cache
from django.utils import translation

from warmnet.generate.synth import generate_network
from warmnet.generate.writer import write_network
from warmnet.network.models import Member, Network, Organisation, Role

START = dt.date(2024, 11, 1)
SEED = 5
EXPECTED = {
    "content-first": "content_first",
    "kickoff-then-content": "kickoff_then_content",
    "together": "together",
}


@dataclass
class ScenarioNetwork:
    network: Network
    #: The last day of the generated history: the dashboard is looked at as of then.
    as_of: dt.date

    @property
    def url(self) -> str:
        return f"/n/{self.network.slug}/?as_of={self.as_of.isoformat()}"


def make_scenario_network(scenario: str, *members: tuple[Any, int]) -> ScenarioNetwork:
    g = generate_network(SEED, size="demo", scenario=scenario, start=START, years=2)
    network = write_network(g, f"s-{scenario}").network
    org = Organisation.objects.filter(network=network).order_by("pk").first()
    for user, role in members:
        Member.objects.create(
            network=network,
            organisation=org,
            name=user.get_username().title(),
            role=role,
            joined_on=START,
            user=user,
        )
    return ScenarioNetwork(network, g.end)


@pytest.fixture
def scenario_network(alice: Any) -> Callable[..., ScenarioNetwork]:
    """A generated network of the scenario, alice its coordinator (plus any others given)."""

    def make(scenario: str, *others: tuple[Any, int]) -> ScenarioNetwork:
        return make_scenario_network(scenario, (alice, Role.COORDINATOR), *others)

    return make


@pytest.fixture(autouse=True)
def english(settings: Any) -> Any:
    """Assert on the English msgids, whatever the catalogue says in Dutch."""
    settings.LANGUAGE_CODE = "en"
    with translation.override("en"):
        yield


@pytest.fixture(autouse=True)
def fresh_cache() -> Any:
    cache.clear()
    yield
    cache.clear()
