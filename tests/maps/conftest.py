"""A generated network with a history, fault lines and suggestions, coordinated by alice.

Time is frozen at ``TODAY`` (the end of the generated history) so that pages which
analyse "as of today" show the same thing on every run.
"""

from __future__ import annotations

import datetime as dt
import functools
from collections.abc import Iterator
from typing import Any

import pytest
import time_machine
from django.core.cache import cache

from warmnet.generate.result import GeneratedNetwork
from warmnet.generate.synth import generate_network
from warmnet.generate.writer import write_network
from warmnet.network.models import Member, Network, Organisation, Role

TODAY = dt.date(2026, 10, 31)
START = dt.date(2024, 11, 1)


@pytest.fixture
def frozen() -> Iterator[None]:
    with time_machine.travel(dt.datetime(2026, 10, 31, 12, 0, tzinfo=dt.UTC), tick=True):
        yield


@functools.cache
def _generated() -> GeneratedNetwork:
    return generate_network(seed=3, size="demo", scenario="content-first", start=START, years=2)


@pytest.fixture
def story(db: Any, alice: Any, frozen: None) -> Network:
    """Content first, seed 3: 41 members, one dispute with no warm tie across it."""
    cache.clear()
    network = write_network(_generated(), "kaart").network
    Member.objects.create(
        network=network,
        organisation=Organisation.objects.filter(network=network).order_by("pk").first(),
        name="Alice de Vries",
        role=Role.COORDINATOR,
        joined_on=START,
        user=alice,
    )
    return network
