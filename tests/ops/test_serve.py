"""``warmnet serve`` for real: a gunicorn process answering on a local port."""

from __future__ import annotations

import json
import os
import signal
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from pathlib import Path

import pytest


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def get(url: str) -> tuple[int, dict[str, str], bytes]:
    try:
        with urllib.request.urlopen(url, timeout=10) as response:
            return response.status, dict(response.headers), response.read()
    except urllib.error.HTTPError as error:
        return error.code, dict(error.headers), error.read()


@pytest.fixture
def server(tmp_path: Path) -> object:
    port = free_port()
    env = {**os.environ, "WARMNET_DATA_DIR": str(tmp_path), "PYTHONUNBUFFERED": "1"}
    log = (tmp_path / "stderr.log").open("w+")
    command = [sys.executable, "-m", "warmnet.cli", "serve", "--bind", f"127.0.0.1:{port}"]
    process = subprocess.Popen(
        [*command, "--workers", "1", "--threads", "2"],
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=log,
    )
    base = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 30
        while True:
            try:
                if get(base + "/healthz")[0] == 200:
                    break
            except OSError:
                pass
            assert process.poll() is None, "warmnet serve stopped"
            assert time.monotonic() < deadline, "warmnet serve did not answer in 30 s"
            time.sleep(0.2)
        yield base, log
    finally:
        process.send_signal(signal.SIGTERM)
        process.wait(30)
        log.close()


def test_serve_answers_health_pages_and_static_files_and_logs_json(server: object) -> None:
    base, log = server  # type: ignore[misc]
    status, _headers, body = get(base + "/healthz")
    assert status == 200 and json.loads(body)["status"] == "ok"
    status, headers, body = get(base + "/static/warmnet/warmnet.css")
    assert status == 200 and headers["Content-Type"].startswith("text/css") and body
    status, _headers, body = get(base + "/login/")
    assert status == 200
    time.sleep(0.3)
    log.seek(0)
    lines = [json.loads(x) for x in log.read().splitlines() if x.startswith("{")]
    assert any(x["route"] == "/login/" and x["status"] == 200 for x in lines), lines
