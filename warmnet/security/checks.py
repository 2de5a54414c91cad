"""System checks for the security settings: a bad limit stops the start, with its name."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.core.checks import Error, Tags, register

LIMITS = (
    "WARMNET_UPLOAD_MAX_BYTES",
    "WARMNET_IMPORT_WEB_MAX_BYTES",
    "WARMNET_IMPORT_WEB_MAX_ROWS",
    "WARMNET_IMPORT_CLI_MAX_BYTES",
    "WARMNET_IMPORT_CLI_MAX_ROWS",
    "WARMNET_IMPORT_MAX_RATIO",
    "WARMNET_IMPORT_MAX_LINE",
    "WARMNET_IMPORT_MAX_CELLS",
    "WARMNET_UPLOAD_MAX_AGE_MINUTES",
    "AXES_FAILURE_LIMIT",
)


@register(Tags.security)
def limits_are_positive(app_configs: Any = None, **kwargs: Any) -> list[Error]:
    errors = []
    for name in LIMITS:
        value = getattr(settings, name, None)
        if not isinstance(value, int | float) or value <= 0:
            env = "WARMNET_LOGIN_FAILURE_LIMIT" if name == "AXES_FAILURE_LIMIT" else name
            errors.append(
                Error(f"{env} must be a positive number, not {value!r}.", id="warmnet.E001")
            )
    return errors
