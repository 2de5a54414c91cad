"""A large network's analysis is about 120 MB in the shared cache; one is made after
every write.  Once a newer one is pointed at for its day, the old one leaves Redis
within minutes instead of staying a day (which would fill Redis on a busy day).

Runs against ``WARMNET_TEST_REDIS_URL`` (Redis database 5 on this machine by default) and
is skipped, saying so, where no Redis answers there."""

from __future__ import annotations

import datetime as dt
import os
from typing import Any

import pytest
import time_machine
from django.core.cache import cache

from tests.drinks import record_drink
from warmnet.generate.synth import generate_network
from warmnet.generate.writer import write_network
from warmnet.insights import service
from warmnet.insights.refresh import refresh_network
from warmnet.network.models import Member

REDIS_URL = os.environ.get("WARMNET_TEST_REDIS_URL", "redis://127.0.0.1:6379/5")
NOW = dt.datetime(2026, 10, 31, 13, 2, tzinfo=dt.UTC)


def _redis() -> Any:
    import redis

    try:
        client = redis.Redis.from_url(REDIS_URL, socket_connect_timeout=1)
        client.ping()
    except Exception:
        pytest.skip(f"no Redis answers at {REDIS_URL} (WARMNET_TEST_REDIS_URL)")
    return client


def use_redis(settings: Any, prefix: str) -> Any:
    """Redis as the shared cache, emptied, as between app servers; its client."""
    client = _redis()
    settings.CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": REDIS_URL,
            "KEY_PREFIX": prefix,
        }
    }
    settings.WARMNET_REPLAY_SECONDS = 0
    cache.clear()
    service.forget_recent()
    return client


def test_a_superseded_analysis_leaves_the_shared_cache_soon(
    db: Any, settings: Any, django_capture_on_commit_callbacks: Any
) -> None:
    client = use_redis(settings, "superseded-test")
    generated = generate_network(
        seed=3, size="demo", scenario="together", start=dt.date(2024, 11, 1), years=2
    )
    with time_machine.travel(NOW, tick=False):
        network = write_network(generated, "superseded").network
        refresh_network(network)
        today = dt.date(2026, 10, 31)
        first = service._identity(network).key(today)
        people = list(Member.objects.filter(network=network, left_on__isnull=True)[:4])
        with django_capture_on_commit_callbacks(execute=True):  # the version moves
            record_drink(network, people, NOW - dt.timedelta(hours=2), "Borrel")
        refresh_network(network)
        second = service._identity(network).key(today)
    assert first != second

    def ttl(key: str) -> int:
        return int(client.ttl(cache.make_key(key)))

    assert 0 < ttl(first) <= service.SUPERSEDED_SECONDS, "the old analysis goes soon"
    assert ttl(second) > service.SUPERSEDED_SECONDS, "the one pointed at stays"
    pointer = cache.get(service._identity(network).pointer(today, ""))
    assert pointer["key"] == second
    cache.clear()
