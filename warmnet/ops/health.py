"""Is this app server fit to take requests?  What a load balancer asks ``/healthz``.

Each check answers quickly and says nothing but whether a part is reachable:
the database, the cache and, once background workers exist, how long ago a
worker last reported (the worker calls :func:`record_worker_heartbeat`; the
check turns red when ``WARMNET_WORKER_MAX_AGE`` seconds pass without one).
"""

from __future__ import annotations

import logging
import time
import uuid
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from django.conf import settings
from django.core.cache import cache
from django.db import connection
from django.utils import timezone

__all__ = [
    "CHECKS",
    "HEARTBEAT_KEY",
    "Check",
    "Health",
    "check_health",
    "record_worker_heartbeat",
    "worker_heartbeat_age",
]

log = logging.getLogger(__name__)

HEARTBEAT_KEY = "warmnet:worker:heartbeat"


@dataclass
class Check:
    ok: bool
    detail: dict[str, Any] = field(default_factory=dict)


def _database() -> Check:
    with connection.cursor() as cursor:
        cursor.execute("SELECT 1")
        cursor.fetchone()
    return Check(True)


def _cache() -> Check:
    key = f"warmnet:health:{uuid.uuid4().hex}"
    cache.set(key, 1, 10)
    found = cache.get(key)
    cache.delete(key)
    return Check(found == 1)


def record_worker_heartbeat() -> None:
    """Called by a background worker every few seconds: "I am alive"."""
    cache.set(HEARTBEAT_KEY, time.time(), None)


def worker_heartbeat_age() -> float | None:
    """Seconds since a worker last reported, or ``None`` when none ever did."""
    beat = cache.get(HEARTBEAT_KEY)
    return None if beat is None else max(0.0, time.time() - float(beat))


def _worker() -> Check:
    age = worker_heartbeat_age()
    limit = settings.WARMNET_WORKER_MAX_AGE
    detail: dict[str, Any] = {"age_seconds": None if age is None else round(age, 1)}
    if not limit:  # no worker required (yet)
        return Check(True, detail)
    return Check(age is not None and age <= limit, detail)


#: name -> check; each raises or returns a :class:`Check`.
CHECKS: dict[str, Callable[[], Check]] = {
    "database": _database,
    "cache": _cache,
    "worker": _worker,
}


@dataclass
class Health:
    ok: bool
    checks: dict[str, dict[str, Any]]

    def as_json(self) -> dict[str, Any]:
        return {
            "status": "ok" if self.ok else "error",
            "time": timezone.now().isoformat(timespec="seconds"),
            "checks": self.checks,
        }


def check_health() -> Health:
    results: dict[str, dict[str, Any]] = {}
    for name, check in CHECKS.items():
        started = time.perf_counter()
        try:
            outcome = check()
        except Exception:
            # the reason goes to the log only: the answer is public
            log.exception("health check %s failed", name)
            outcome = Check(False)
        results[name] = {
            "ok": outcome.ok,
            "ms": round((time.perf_counter() - started) * 1000, 1),
            **outcome.detail,
        }
    return Health(all(r["ok"] for r in results.values()), results)
