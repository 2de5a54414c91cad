from __future__ import annotations

import json
from typing import Any

import pytest
from django.core.cache import cache
from django.db import connection
from django.test import Client

from warmnet.ops import health
from warmnet.ops.health import record_worker_heartbeat


@pytest.mark.django_db
def test_healthz_says_the_database_and_the_cache_are_reachable() -> None:
    response = Client().get("/healthz")
    assert response.status_code == 200
    assert response["Cache-Control"] == "no-store"
    body = response.json()
    assert body["status"] == "ok"
    assert {name: check["ok"] for name, check in body["checks"].items()} == {
        "database": True,
        "cache": True,
        "worker": True,
    }
    assert body["checks"]["worker"]["age_seconds"] is None


@pytest.mark.django_db
def test_healthz_answers_whatever_host_the_load_balancer_uses() -> None:
    assert Client().get("/healthz", HTTP_HOST="10.0.0.7:8000").status_code == 200


@pytest.mark.django_db
def test_healthz_is_503_without_a_database_and_tells_no_details(
    monkeypatch: pytest.MonkeyPatch, caplog: Any
) -> None:
    settings_dict = connection.settings_dict
    monkeypatch.setitem(settings_dict, "NAME", "/nonexistent/dir/x.sqlite3")
    monkeypatch.setitem(settings_dict, "HOST", "127.0.0.1")
    monkeypatch.setitem(settings_dict, "PORT", "1")  # nothing listens there
    connection.close()
    try:
        response = Client().get("/healthz")
    finally:
        connection.close()
    assert response.status_code == 503
    body = response.json()
    assert body["status"] == "error"
    assert body["checks"]["database"] == {"ok": False, "ms": body["checks"]["database"]["ms"]}
    assert body["checks"]["cache"]["ok"] is True
    assert "health check database failed" in caplog.text


@pytest.mark.django_db
def test_a_stale_worker_heartbeat_turns_healthz_red_once_a_worker_is_required(
    settings: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    settings.WARMNET_WORKER_MAX_AGE = 30
    assert Client().get("/healthz").status_code == 503  # required, never seen
    record_worker_heartbeat()
    body = Client().get("/healthz").json()
    assert body["checks"]["worker"]["ok"] is True
    assert body["checks"]["worker"]["age_seconds"] < 30
    cache.set(health.HEARTBEAT_KEY, 0.0, None)  # last beat in 1970
    assert Client().get("/healthz").status_code == 503


def test_healthz_takes_only_get() -> None:
    assert Client().post("/healthz").status_code == 405


def test_the_health_answer_is_plain_json() -> None:
    payload = health.Health(True, {"database": {"ok": True, "ms": 0.4}}).as_json()
    assert json.loads(json.dumps(payload))["status"] == "ok"
