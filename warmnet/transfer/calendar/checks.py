"""System checks for the calendar import's settings."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.core.checks import Error, register

__all__ = ["check_calendar_settings"]


@register()
def check_calendar_settings(app_configs: Any = None, **kwargs: Any) -> list[Error]:
    problems = []
    for name in ("WARMNET_CALENDAR_MAX_EVENTS", "WARMNET_CALENDAR_HORIZON_DAYS"):
        value = getattr(settings, name)
        if not isinstance(value, int) or value < 1:
            problems.append(
                Error(f"{name}={value!r} must be a whole number of at least 1.", id="warmnet.E101")
            )
    return problems
