from __future__ import annotations

import json
import logging
from typing import Any

import pytest
from django.test import Client

from warmnet.lib.jsonlog import JsonFormatter


def logged(caplog: Any) -> list[dict[str, Any]]:
    formatter = JsonFormatter()
    return [json.loads(formatter.format(r)) for r in caplog.records if r.name == "warmnet.request"]


def test_every_request_is_one_json_line_with_its_route_status_and_time(
    alice_client: Client, caplog: Any, network_a: Any
) -> None:
    caplog.set_level(logging.INFO, logger="warmnet.request")
    response = alice_client.get(
        f"/n/{network_a.slug}/members/?q=Alice+de+Vries", headers={"X-Request-ID": "lb-42"}
    )
    assert response.status_code == 200
    [line] = logged(caplog)
    assert line["event"] == "request"
    assert line["route"] == "/n/<slug:network>/members/"
    assert line["view"] == "directory:member_list"
    assert (line["method"], line["status"]) == ("GET", 200)
    assert line["duration_ms"] > 0 and line["bytes"] == len(response.content)
    assert line["cpu_ms"] > 0
    assert line["request_id"] == response["X-Request-ID"] == "lb-42"


def test_the_log_holds_nothing_personal(
    alice_client: Client, caplog: Any, network_a: Any, alice: Any
) -> None:
    caplog.set_level(logging.INFO, logger="warmnet.request")
    alice_client.get(f"/n/{network_a.slug}/members/?q=Alice+de+Vries")
    alice_client.get("/no/such/page/alice@example.org")
    text = "\n".join(json.dumps(line) for line in logged(caplog))
    for personal in ["Alice", "alice", network_a.slug, "127.0.0.1"]:
        assert personal not in text
    lines = logged(caplog)
    assert [line["status"] for line in lines] == [200, 404]
    assert set(lines[0]) == {
        *("ts", "level", "logger", "event", "request_id", "method", "route", "view"),
        *("status", "duration_ms", "cpu_ms", "bytes", "htmx"),
    }


@pytest.mark.django_db
def test_a_request_id_that_could_forge_log_lines_is_replaced(caplog: Any) -> None:
    caplog.set_level(logging.INFO, logger="warmnet.request")
    Client().get("/login/", headers={"X-Request-ID": 'x"\n{"forged": 1}'})
    [line] = logged(caplog)
    assert len(line["request_id"]) == 32 and "forged" not in line["request_id"]
