"""System checks of the production settings: a bad value stops start-up with its name."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.core.checks import Error, Warning, register


@register()
def serving_settings(app_configs: Any = None, **kwargs: Any) -> list[Error]:
    errors = []
    for name, variable, least in [
        ("WARMNET_WORKERS", "WEB_CONCURRENCY", 1),
        ("WARMNET_THREADS", "WARMNET_THREADS", 1),
        ("WARMNET_WORKER_MAX_AGE", "WARMNET_WORKER_MAX_AGE", 0),
    ]:
        value = getattr(settings, name)
        if value < least:
            errors.append(Error(f"{variable}={value} must be at least {least}", id="warmnet.E101"))
    return errors


@register(deploy=True)
def shared_cache(app_configs: Any = None, **kwargs: Any) -> list[Warning]:
    return shared_cache_warnings(
        settings.CACHES["default"]["BACKEND"], settings.DATABASES["default"]["ENGINE"]
    )


def shared_cache_warnings(cache_backend: str, database_engine: str) -> list[Warning]:
    """With PostgreSQL (several app servers and workers possible) the cache must be shared:
    else what a worker computes is seen by no app server."""
    if "postgresql" in database_engine and "locmem" in cache_backend.lower():
        return [
            Warning(
                "REDIS_URL is not set: each process keeps its own cache, so app servers "
                "do not see the analyses the worker computes (docs/deploy.md)",
                id="warmnet.W101",
            )
        ]
    return []
