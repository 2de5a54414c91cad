"""``warmnet check --deploy`` warns when app servers on PostgreSQL would not share a cache."""

from __future__ import annotations

from warmnet.ops.checks import shared_cache_warnings

LOCMEM = "django.core.cache.backends.locmem.LocMemCache"
REDIS = "django.core.cache.backends.redis.RedisCache"
POSTGRES = "django.db.backends.postgresql"
SQLITE = "django.db.backends.sqlite3"


def test_postgresql_without_redis_is_warned_about() -> None:
    (warning,) = shared_cache_warnings(LOCMEM, POSTGRES)
    assert warning.id == "warmnet.W101" and "REDIS_URL" in warning.msg


def test_redis_or_one_machine_is_fine() -> None:
    assert shared_cache_warnings(REDIS, POSTGRES) == []
    assert shared_cache_warnings(LOCMEM, SQLITE) == []
