"""System checks of the survey settings."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.core.checks import Error, register

__all__ = ["check_retention"]


@register()
def check_retention(app_configs: Any = None, **kwargs: Any) -> list[Error]:
    days = getattr(settings, "SURVEY_RETENTION_DAYS", 730)
    if not isinstance(days, int) or days < 1:
        return [
            Error(
                f"WARMNET_SURVEY_RETENTION_DAYS={days!r}: survey answers must be kept at "
                "least one day after their round closes.",
                id="warmnet.surveys.E001",
            )
        ]
    return []
