from __future__ import annotations

from typing import Any

from django.conf import settings
from django.core.checks import Error, register


@register()
def check_api_rate(**kwargs: Any) -> list[Error]:
    rate = settings.WARMNET_API_RATE_PER_MINUTE
    if isinstance(rate, bool) or not isinstance(rate, int) or rate < 1:
        return [
            Error(
                f"WARMNET_API_RATE_PER_MINUTE={rate!r} must be a whole number of at least 1.",
                id="warmnet.api.E001",
            )
        ]
    return []
