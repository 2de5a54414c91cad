"""Many app servers on one PostgreSQL and Redis: two ``warmnet serve`` processes and a
``warmnet worker``, each its own process with nothing shared but the database and the
cache.  A session made on one is valid on the other, a write through one is seen
through the other, and after a write both serve the last analysis until the worker has
computed the new one, which both then serve.

Needs PostgreSQL (``WARMNET_TEST_PG_URL``, default the server at 127.0.0.1:5432) and
Redis (``WARMNET_TEST_REDIS_URL``, default redis://127.0.0.1:6379/13); skipped with a
message where either is absent.
"""

from __future__ import annotations

import http.cookiejar
import os
import re
import signal
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.parse
import urllib.request
import uuid
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest

PG_URL = os.environ.get("WARMNET_TEST_PG_URL", "postgres://postgres@127.0.0.1:5432/postgres")
REDIS_URL = os.environ.get("WARMNET_TEST_REDIS_URL", "redis://127.0.0.1:6379/13")
SLUG = "gedeeld"

SETUP = """
import django; django.setup()
from django.contrib.auth import get_user_model
from warmnet.network.models import Member, Network, Role
net = Network.objects.get(slug="gedeeld")
coordinator = Member.objects.filter(network=net, role=Role.COORDINATOR).order_by("id").first()
coordinator.user = get_user_model().objects.create_user("coco", password="een-lang-wachtwoord-9")
coordinator.save(update_fields=["user"])
"""


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def _reachable(host: str, port: int) -> bool:
    try:
        with socket.create_connection((host, port), timeout=2):
            return True
    except OSError:
        return False


def _database_url(name: str) -> str:
    parts = urllib.parse.urlsplit(PG_URL)
    return urllib.parse.urlunsplit(parts._replace(path=f"/{name}"))


@dataclass
class Site:
    a: str
    b: str
    env: dict[str, str]
    tmp: Path
    database_url: str


def _start(command: list[str], env: dict[str, str], log: Path) -> subprocess.Popen[bytes]:
    return subprocess.Popen(
        [sys.executable, "-m", "warmnet.cli", *command],
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=log.open("w"),
    )


def _wait_healthy(base: str, process: subprocess.Popen[bytes], log: Path) -> None:
    deadline = time.monotonic() + 60
    while True:
        try:
            with urllib.request.urlopen(base + "/healthz", timeout=5) as response:
                if response.status == 200:
                    return
        except OSError:
            pass
        assert process.poll() is None, f"warmnet serve stopped: {log.read_text()[-2000:]}"
        assert time.monotonic() < deadline, "warmnet serve did not answer in 60 s"
        time.sleep(0.3)


@pytest.fixture
def site(tmp_path: Path) -> Iterator[Site]:
    psycopg = pytest.importorskip("psycopg")
    pg = urllib.parse.urlsplit(PG_URL)
    redis = urllib.parse.urlsplit(REDIS_URL)
    if not _reachable(pg.hostname or "127.0.0.1", pg.port or 5432):
        pytest.skip(f"no PostgreSQL at {pg.hostname}:{pg.port or 5432} (WARMNET_TEST_PG_URL)")
    if not _reachable(redis.hostname or "127.0.0.1", redis.port or 6379):
        pytest.skip(f"no Redis at {redis.hostname}:{redis.port or 6379} (WARMNET_TEST_REDIS_URL)")
    name = f"warmnet_ops_{uuid.uuid4().hex[:10]}"
    with psycopg.connect(PG_URL, autocommit=True) as conn:
        conn.execute(f'CREATE DATABASE "{name}"')
    env = {
        **os.environ,
        "DATABASE_URL": _database_url(name),
        "REDIS_URL": REDIS_URL,
        "SECRET_KEY": "ops-test-" + uuid.uuid4().hex,
        "WARMNET_DATA_DIR": str(tmp_path),
        "WARMNET_RECOMPUTE_DELAY_MS": "100",
        "WARMNET_REPLAY_SECONDS": "0",
        "PYTHONUNBUFFERED": "1",
        "DJANGO_SETTINGS_MODULE": "warmnet.settings",
    }
    processes: list[subprocess.Popen[bytes]] = []
    try:
        for command in (
            ["migrate", "-v0"],
            ["generate", SLUG, "--size", "demo", "--seed", "4"],
        ):
            subprocess.run(
                [sys.executable, "-m", "warmnet.cli", *command],
                env=env,
                check=True,
                capture_output=True,
            )
        subprocess.run([sys.executable, "-c", SETUP], env=env, check=True, capture_output=True)
        bases = []
        for label in ("a", "b"):
            port = _free_port()
            log = tmp_path / f"serve-{label}.log"
            bind = ["--bind", f"127.0.0.1:{port}", "--workers", "1", "--threads", "2"]
            process = _start(["serve", *bind], env, log)
            processes.append(process)
            bases.append((f"http://127.0.0.1:{port}", process, log))
        for base, process, log in bases:
            _wait_healthy(base, process, log)
        yield Site(bases[0][0], bases[1][0], env, tmp_path, env["DATABASE_URL"])
    finally:
        for process in processes:
            process.send_signal(signal.SIGTERM)
        for process in processes:
            try:
                process.wait(30)
            except subprocess.TimeoutExpired:
                process.kill()
        with psycopg.connect(PG_URL, autocommit=True) as conn:
            conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


class Browser:
    """One person's browser: one cookie jar for both servers (the same host)."""

    def __init__(self) -> None:
        self.jar = http.cookiejar.CookieJar()
        self.opener = urllib.request.build_opener(
            urllib.request.HTTPCookieProcessor(self.jar), _NoRedirect()
        )

    def get(self, url: str) -> tuple[int, str]:
        try:
            with self.opener.open(url, timeout=60) as response:
                return response.status, response.read().decode()
        except urllib.error.HTTPError as error:
            return error.code, error.read().decode()

    def post(self, url: str, form_page: str, data: dict[str, str]) -> int:
        token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', form_page)
        assert token, "the form has a CSRF token"
        body = urllib.parse.urlencode({"csrfmiddlewaretoken": token.group(1), **data}).encode()
        request = urllib.request.Request(url, data=body, headers={"Referer": url})
        try:
            with self.opener.open(request, timeout=60) as response:
                return int(response.status)
        except urllib.error.HTTPError as error:
            return int(error.code)


class _NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args: Any, **kwargs: Any) -> None:
        return None


def _analysis(page: str) -> tuple[int, bool]:
    """The data version of the analysis a page shows, and whether it said a newer one is
    being computed."""
    found = re.search(r'<p class="analysis-freshness"[^>]*>', page)
    assert found, "the page says when its analysis was computed"
    tag = found.group(0)
    version = re.search(r'data-analysis-version="(\d+)"', tag)
    assert version
    return int(version.group(1)), "data-stale" in tag


def _analysis_runs(database_url: str, network_slug: str) -> list[tuple[int, Any]]:
    import psycopg

    with psycopg.connect(database_url) as conn:
        return conn.execute(
            "SELECT r.computed_version, r.finished_at FROM insights_analysisrun r "
            "JOIN network_network n ON n.id = r.network_id WHERE n.slug = %s",
            [network_slug],
        ).fetchall()


def _versions(database_url: str) -> Any:
    import psycopg

    with psycopg.connect(database_url) as conn:
        return conn.execute("SELECT slug, data_version FROM network_network").fetchall()


def test_two_app_servers_and_a_worker_share_sessions_writes_and_the_analysis(site: Site) -> None:
    me = Browser()
    status, login_page = me.get(site.a + "/login/")
    assert status == 200
    assert (
        me.post(
            site.a + "/login/",
            login_page,
            {"username": "coco", "password": "een-lang-wachtwoord-9"},
        )
        == 302
    )
    dashboard = f"/n/{SLUG}/"
    # the session made on A is valid on B; B computes the first analysis (there is none)
    status, page = me.get(site.b + dashboard)
    assert status == 200, "logged in on B with A's session"
    before, stale = _analysis(page)
    assert not stale
    # A finds it in the shared cache
    status, page = me.get(site.a + dashboard)
    assert _analysis(page) == (before, False)

    # a write through A, seen through B
    status, form = me.get(site.a + f"/n/{SLUG}/organisations/new/")
    assert status == 200
    assert (
        me.post(
            site.a + f"/n/{SLUG}/organisations/new/",
            form,
            {"name": "Gedeelde partner", "kind": "0"},
        )
        == 302
    )
    status, page = me.get(site.b + f"/n/{SLUG}/organisations/")
    assert status == 200 and "Gedeelde partner" in page

    # no worker yet: both serve the last analysis and say a newer one is coming
    for base in (site.a, site.b):
        status, page = me.get(base + dashboard)
        assert status == 200
        assert _analysis(page) == (before, True), base
    assert _analysis_runs(site.database_url, SLUG) == []

    # the worker computes it; both servers then serve the new one
    worker_log = site.tmp / "worker.log"
    worker = _start(["worker", "--interval", "0.2"], site.env, worker_log)
    try:
        deadline = time.monotonic() + 90
        while True:
            status, page = me.get(site.b + dashboard)
            assert status == 200
            version, stale = _analysis(page)
            assert version >= before
            if version > before and not stale:
                break
            assert version == before and stale, (
                "until then the last analysis, said so",
                re.findall(r'<p class="analysis-freshness"[^>]*>', page),
                _versions(site.database_url),
                _analysis_runs(site.database_url, SLUG),
                worker_log.read_text()[-3000:],
            )
            assert worker.poll() is None, worker_log.read_text()[-2000:]
            assert time.monotonic() < deadline, "the worker did not recompute in 90 s"
            time.sleep(0.3)
        (run,) = _analysis_runs(site.database_url, SLUG)
        assert run[0] == version and run[1] is not None, "the worker computed it"
        status, page = me.get(site.a + dashboard)
        assert _analysis(page) == (version, False)
    finally:
        worker.send_signal(signal.SIGTERM)
        worker.wait(30)
