"""The rate limit is shared between server processes through Redis (``REDIS_URL``).

Another Python process counts requests of a token into the same Redis database; this
process then sees them.  Runs against ``WARMNET_TEST_REDIS_URL`` (Redis database 4 on
this machine by default) and is skipped, saying so, where no Redis answers there.
"""

from __future__ import annotations

import os
import subprocess
import sys
import textwrap
import time
from typing import Any

import pytest
from django.core.cache import caches

from tests.api.conftest import ApiClient, World, base, token
from warmnet.api.models import ApiToken

REDIS_URL = os.environ.get("WARMNET_TEST_REDIS_URL", "redis://127.0.0.1:6379/4")
REDIS_CACHE = {
    "default": {"BACKEND": "django.core.cache.backends.redis.RedisCache", "LOCATION": REDIS_URL}
}

OTHER_PROCESS = textwrap.dedent(
    """
    import sys
    import django
    from django.conf import settings
    settings.configure(
        CACHES={"default": {"BACKEND": "django.core.cache.backends.redis.RedisCache",
                            "LOCATION": sys.argv[1]}},
        WARMNET_API_RATE_PER_MINUTE=3,
        INSTALLED_APPS=["django.contrib.contenttypes", "django.contrib.auth",
                        "warmnet.network", "warmnet.api"],
        DATABASES={},
    )
    django.setup()
    from django.http import HttpRequest
    from warmnet.api.auth import RatePerToken
    from warmnet.api.models import ApiToken
    request = HttpRequest()
    request.auth = ApiToken(pk=int(sys.argv[2]))
    print([RatePerToken().allow_request(request) for _ in range(2)])
    """
)


def _redis_answers() -> bool:
    try:
        import redis

        return bool(redis.Redis.from_url(REDIS_URL, socket_connect_timeout=1).ping())
    except Exception:
        return False


def test_requests_counted_in_another_process_count_here(
    world: World, alice: Any, settings: Any
) -> None:
    if not _redis_answers():
        pytest.skip(f"no Redis at {REDIS_URL} (set WARMNET_TEST_REDIS_URL)")
    settings.CACHES = REDIS_CACHE
    settings.WARMNET_API_RATE_PER_MINUTE = 3
    caches["default"].clear()
    client = ApiClient(token(alice, world.network))
    pk = ApiToken.objects.get().pk
    if time.time() % 60 > 55:  # all of it within one clock minute (it takes 2 s)
        time.sleep(61 - time.time() % 60)
    other = subprocess.run(
        [sys.executable, "-c", OTHER_PROCESS, REDIS_URL, str(pk)],
        capture_output=True,
        text=True,
        check=True,
    )
    assert other.stdout.strip() == "[True, True]"
    assert client.get(base(world)).status_code == 200
    refused = client.get(base(world))
    assert refused.status_code == 429
    assert int(refused["Retry-After"]) <= 60
    caches["default"].clear()
