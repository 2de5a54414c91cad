"""System checks of the production settings: a bad value stops start-up with its name."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.core.checks import Error, register


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
