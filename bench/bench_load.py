"""Load benchmark: many coordinators and core-team members on one `warmnet serve` at once.

Builds a fresh network (``warmnet generate``, typical size unless told), gives
``--users`` people of its core team a session, starts ``warmnet serve`` on
127.0.0.1 and lets every person run a bounded mix for ``--seconds``: dashboard
and map views, the attendance grid (view, save a screen of cells, save one cell
with HTMX) and new activities, with a short pause between requests.  People
share the same cells, so first saves and updates of one cell collide.

Prints throughput, p50/p95/p99 per kind, errors by status, the processor seconds
of the server, and checks the database afterwards: every write that got a
successful response is there once (activities by their unique title; every
attendance cell as one row whose audit trail is one unbroken chain, so no
update was lost), and nothing else was written.

    python bench/bench_load.py                       # SQLite in a temporary data directory
    python bench/bench_load.py --database-url postgres://postgres@127.0.0.1:5432/warmnet_load
        [--users 40] [--seconds 45] [--workers 3] [--threads 4] [--port 8051] [--size typical]

The PostgreSQL database named in the URL is dropped and created afresh.
"""

from __future__ import annotations

import argparse
import http.client
import itertools
import json
import os
import random
import secrets
import signal
import subprocess
import sys
import tempfile
import threading
import time
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path
from urllib.parse import urlencode, urlparse

ROOT = Path(__file__).resolve().parents[1]
#: kind -> weight in the mix
MIX = {
    "dashboard": 8,
    "map": 4,
    "grid view": 10,
    "grid save": 18,
    "cell save": 45,
    "new activity": 15,
}
WRITES = {"grid save", "cell save", "new activity"}
CELL_MEMBERS, CELL_ACTIVITIES = 40, 20  # the shared screen of the grid everybody edits


@dataclass
class Result:
    kind: str
    status: int | str
    ms: float


@dataclass
class Shared:
    """What the users did, for the report and the check afterwards."""

    results: list[Result] = field(default_factory=list)
    titles_ok: list[str] = field(default_factory=list)
    titles_failed: list[str] = field(default_factory=list)
    cells_ok: set[tuple[int, int]] = field(default_factory=set)
    lock: threading.Lock = field(default_factory=threading.Lock)


def percentile(values: list[float], p: float) -> float:
    if not values:
        return float("nan")
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(p / 100 * (len(ordered) - 1)))]


def proc_cpu(pid: int) -> float:
    try:
        fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    except OSError:
        return 0.0
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def server_cpu(master: int) -> float:
    """Processor seconds of the gunicorn master and its live workers."""
    total = proc_cpu(master)
    for child in Path("/proc").glob("[0-9]*"):
        try:
            ppid = int(Path(child, "stat").read_text().rsplit(")", 1)[1].split()[1])
        except (OSError, IndexError, ValueError):
            continue
        if ppid == master:
            total += proc_cpu(int(child.name))
    return total


class User:
    """One person's browser: a session cookie, a CSRF token, a keep-alive connection."""

    def __init__(self, port: int, session: str, slug: str, n: int, plan: dict, shared: Shared):
        self.port, self.slug, self.n, self.plan, self.shared = port, slug, n, plan, shared
        self.csrf = secrets.token_hex(16)
        self.cookie = f"sessionid={session}; csrftoken={self.csrf}"
        self.connection: http.client.HTTPConnection | None = None
        self.rng = random.Random(n)
        self.made = 0

    def request(self, method: str, path: str, body: dict | None = None, htmx: bool = False):
        headers = {"Cookie": self.cookie, "Host": "127.0.0.1"}
        data = None
        if body is not None:
            data = urlencode(body)
            headers |= {
                "Content-Type": "application/x-www-form-urlencoded",
                "X-CSRFToken": self.csrf,
            }
        if htmx:
            headers["HX-Request"] = "true"
        for attempt in (1, 2):
            if self.connection is None:
                self.connection = http.client.HTTPConnection("127.0.0.1", self.port, timeout=60)
            try:
                self.connection.request(method, path, body=data, headers=headers)
                response = self.connection.getresponse()
                response.read()
                if response.getheader("Connection", "").lower() == "close":
                    self.connection.close()
                    self.connection = None
                return response.status
            except (http.client.RemoteDisconnected, ConnectionResetError, BrokenPipeError):
                # a kept-alive connection the server closed before this request: reconnect
                self.connection.close()
                self.connection = None
                if attempt == 2 or method == "POST":
                    return "connection"
            except TimeoutError:
                self.connection.close()
                self.connection = None
                return "timeout"
        return "connection"

    def one(self, kind: str) -> None:
        base = f"/n/{self.slug}"
        cells = self.plan["cells"]
        title = None
        written: list[tuple[int, int]] = []
        started = time.perf_counter()
        if kind == "dashboard":
            status = self.request("GET", f"{base}/")
        elif kind == "map":
            status = self.request("GET", f"{base}/map/")
        elif kind == "grid view":
            status = self.request("GET", f"{base}/attendance/?{self.plan['grid_query']}")
        elif kind == "grid save":
            written = self.rng.sample(cells, self.rng.randint(10, 40))
            body = {f"s_{m}_{a}": str(self.rng.randint(0, 3)) for m, a in written}
            status = self.request("POST", f"{base}/attendance/?{self.plan['grid_query']}", body)
        elif kind == "cell save":
            written = [self.rng.choice(cells)]
            m, a = written[0]
            body = {f"s_{m}_{a}": str(self.rng.randint(0, 3))}
            status = self.request("POST", f"{base}/attendance/cell/", body, htmx=True)
        else:
            self.made += 1
            title = f"Loadtest {self.n}-{self.made}"
            day = self.plan["day"]
            body = {
                "title": title,
                "kind": str(self.rng.choice([0, 3, 4, 7])),
                "start": f"{day}T{9 + self.made % 8:02d}:00",
                "end": f"{day}T{10 + self.made % 8:02d}:30",
                "location": "Zwolle",
                "host_organisation": "",
                "dossier": "",
                "relationship_share": "",
                "description": "",
            }
            status = self.request("POST", f"{base}/activities/new/", body)
        ms = (time.perf_counter() - started) * 1000
        ok = status in (200, 302)
        with self.shared.lock:
            self.shared.results.append(Result(kind, status, ms))
            if title is not None:
                (self.shared.titles_ok if ok else self.shared.titles_failed).append(title)
            if ok:
                self.shared.cells_ok.update(written)

    def run(self, deadline: float, start: threading.Barrier) -> None:
        kinds, weights = list(MIX), list(MIX.values())
        start.wait()
        time.sleep(self.rng.uniform(0, 1))  # people do not all click at once
        while time.monotonic() < deadline:
            self.one(self.rng.choices(kinds, weights)[0])
            time.sleep(self.rng.uniform(0.2, 1.0))
        if self.connection is not None:
            self.connection.close()


#: (method, URL pattern) in the server's request log -> kind of the mix
ROUTES = {
    ("GET", "/n/<slug:network>/"): "dashboard",
    ("GET", "/n/<slug:network>/map/"): "map",
    ("GET", "/n/<slug:network>/attendance/"): "grid view",
    ("POST", "/n/<slug:network>/attendance/"): "grid save",
    ("POST", "/n/<slug:network>/attendance/cell/"): "cell save",
    ("POST", "/n/<slug:network>/activities/new/"): "new activity",
}


def server_times(log: Path, since: float) -> dict[str, list[tuple[float, float]]]:
    """(time in Django, processor time of its thread) per kind, from the request log."""
    out: dict[str, list[tuple[float, float]]] = defaultdict(list)
    for line in log.read_text().splitlines():
        if not line.startswith("{"):
            continue
        entry = json.loads(line)
        kind = ROUTES.get((entry.get("method"), entry.get("route")))
        stamp = entry.get("ts", "")
        if kind and stamp and _epoch(stamp) >= since:
            out[kind].append((entry["duration_ms"], entry["cpu_ms"]))
    return out


def _epoch(stamp: str) -> float:
    return datetime.fromisoformat(stamp).timestamp()


def setup(args: argparse.Namespace, env: dict[str, str]) -> dict:
    """Migrate, generate the network, sign the users in; what the users need."""
    warmnet = [sys.executable, "-m", "warmnet.cli"]
    subprocess.run([*warmnet, "migrate", "-v0"], env=env, check=True)
    subprocess.run(
        [
            *warmnet,
            "generate",
            "load",
            "--size",
            args.size,
            "--seed",
            "3",
            "--scenario",
            "together",
        ],
        env=env,
        check=True,
        stdout=subprocess.DEVNULL,
    )
    import django

    django.setup()
    from django.contrib.auth import (
        BACKEND_SESSION_KEY,
        HASH_SESSION_KEY,
        SESSION_KEY,
        get_user_model,
    )
    from django.contrib.sessions.backends.db import SessionStore

    from warmnet.activities.models import Activity
    from warmnet.network.models import Member, Network, Organisation, Role

    network = Network.objects.get(slug="load")
    org = Organisation.objects.filter(network=network).order_by("id").first()
    sessions = []
    for i in range(args.users):
        # no password: a session made here costs the server no password hashing
        user = get_user_model().objects.create_user(f"load{i}", f"load{i}@example.org")
        Member.objects.create(
            network=network,
            organisation=org,
            name=f"Kernteamlid {i}",
            role=Role.COORDINATOR if i == 0 else Role.CORE_TEAM,
            joined_on=network.created_at.date(),
            user=user,
        )
        store = SessionStore()
        store[SESSION_KEY] = str(user.pk)
        store[BACKEND_SESSION_KEY] = "django.contrib.auth.backends.ModelBackend"
        store[HASH_SESSION_KEY] = user.get_session_auth_hash()
        store.create()
        sessions.append(store.session_key)
    members = list(
        Member.objects.filter(network=network, user__isnull=True)
        .order_by("name", "pk")
        .values_list("pk", flat=True)[:CELL_MEMBERS]
    )
    activities = list(
        Activity.objects.filter(network=network)
        .order_by("-start", "pk")
        .values_list("pk", "start")[:CELL_ACTIVITIES]
    )
    since = min(s for _pk, s in activities).date()
    until = max(s for _pk, s in activities).date()
    return {
        "slug": network.slug,
        "sessions": sessions,
        "cells": [(m, a) for m in members for a, _s in activities],
        "grid_query": urlencode({"since": since.isoformat(), "until": until.isoformat()}),
        "day": until.isoformat(),
    }


def check(shared: Shared) -> list[str]:
    """Every successful write is in the database once; no write was lost."""
    from warmnet.activities.models import Activity, Attendance
    from warmnet.network.models import AuditEntry, Network

    network = Network.objects.get(slug="load")
    problems = []
    titles = list(
        Activity.objects.filter(network=network, title__startswith="Loadtest ").values_list(
            "title", flat=True
        )
    )
    counted = Counter(titles)
    doubled = [t for t, n in counted.items() if n > 1]
    lost = set(shared.titles_ok) - set(counted)
    unexpected = set(counted) - set(shared.titles_ok)
    print(
        f"  new activities: {len(shared.titles_ok)} successful responses, {len(titles)} rows; "
        f"lost {len(lost)}, doubled {len(doubled)}, "
        f"written despite an error response {len(unexpected)}"
    )
    if lost or doubled:
        problems.append("activities lost or doubled")
    stored = {
        (m, a): s
        for m, a, s in Attendance.objects.filter(network=network).values_list(
            "member_id", "activity_id", "status"
        )
    }
    trail: dict[tuple[int, int], list] = defaultdict(list)
    entries = AuditEntry.objects.filter(
        network=network, object_type="attendance", user__username__startswith="load"
    ).order_by("id")
    for changes in entries.values_list("changes", flat=True):
        trail[(changes["member"], changes["activity"])].append(changes["status"])
    missing = [c for c in shared.cells_ok if c not in stored]
    broken = 0
    for key, steps in trail.items():
        chain = all(b[0] == a[1] for a, b in itertools.pairwise(steps))
        if not chain or steps[-1][1] != stored.get(key):
            broken += 1
    creates = Counter(
        (c["member"], c["activity"])
        for c in entries.filter(action="create").values_list("changes", flat=True)
    )
    # the mix never empties a cell, so a second create of one cell is always a double
    doubled_cells = sum(1 for n in creates.values() if n > 1)
    print(
        f"  attendance cells: {len(shared.cells_ok)} written with success, {len(missing)} missing; "
        f"{len(trail)} cells in the audit log, {broken} with a broken chain (a lost update), "
        f"{doubled_cells} created twice"
    )
    if missing or broken or doubled_cells:
        problems.append("attendance lost or doubled")
    return problems


def run_one(args: argparse.Namespace) -> int:
    work = Path(tempfile.mkdtemp(prefix="wn-production-load-"))
    env = {
        **os.environ,
        "WARMNET_DATA_DIR": str(work),
        "DJANGO_SETTINGS_MODULE": "warmnet.settings",
    }
    env["PYTHONPATH"] = str(ROOT)
    if args.database_url:
        env["DATABASE_URL"] = args.database_url
        url = urlparse(args.database_url)
        name = url.path.lstrip("/")
        admin = args.database_url.rsplit("/", 1)[0] + "/postgres"
        for sql in (f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)', f'CREATE DATABASE "{name}"'):
            subprocess.run(["psql", admin, "-qc", sql], check=True)
    else:
        env.pop("DATABASE_URL", None)
    if args.redis_url:
        env["REDIS_URL"] = args.redis_url
    os.environ.update(env)
    if not args.database_url:
        os.environ.pop("DATABASE_URL", None)

    t = time.perf_counter()
    plan = setup(args, env)
    from django.db import connection

    print(
        f"database: {connection.vendor}; network '{args.size}' built and {args.users} people "
        f"signed in in {time.perf_counter() - t:.0f} s ({work})"
    )
    log = (work / "server.log").open("w")
    serve = [sys.executable, "-m", "warmnet.cli", "serve", "--bind", f"127.0.0.1:{args.port}"]
    server = subprocess.Popen(
        [*serve, "--workers", str(args.workers), "--threads", str(args.threads)],
        env=env | {"WARMNET_REQUEST_LOG": "true"},
        stdout=log,
        stderr=log,
    )
    shared = Shared()
    try:
        deadline = time.monotonic() + 30
        while True:
            try:
                c = http.client.HTTPConnection("127.0.0.1", args.port, timeout=5)
                c.request("GET", "/healthz")
                if c.getresponse().status == 200:
                    break
            except OSError:
                pass
            if server.poll() is not None or time.monotonic() > deadline:
                raise SystemExit(f"warmnet serve did not come up; see {work / 'server.log'}")
            time.sleep(0.3)
        users = [
            User(args.port, session, plan["slug"], i, plan, shared)
            for i, session in enumerate(plan["sessions"])
        ]
        # warm up: one dashboard so the first analysis is not all users' first request
        users[0].one("dashboard")
        shared.results.clear()
        load_before = os.getloadavg()[0]
        began_at = time.time()
        cpu_before = server_cpu(server.pid)
        start = threading.Barrier(len(users) + 1)
        deadline = time.monotonic() + args.seconds + 1
        threads = [threading.Thread(target=u.run, args=(deadline, start)) for u in users]
        for th in threads:
            th.start()
        start.wait()
        began = time.perf_counter()
        for th in threads:
            th.join()
        elapsed = time.perf_counter() - began
        cpu = server_cpu(server.pid) - cpu_before
    finally:
        server.send_signal(signal.SIGTERM)
        server.wait(30)
        log.close()

    results = shared.results
    print(
        f"{len(results)} requests in {elapsed:.0f} s: {len(results) / elapsed:.1f}/s with "
        f"{args.users} users, {args.workers} workers x {args.threads} threads; server processor "
        f"{cpu:.0f} s ({cpu / elapsed:.2f} cores); load average {load_before:.1f} before, "
        f"{os.getloadavg()[0]:.1f} after, {os.cpu_count()} cores"
    )
    print(f"  {'kind':14s} {'n':>6s} {'p50 ms':>8s} {'p95 ms':>8s} {'p99 ms':>8s}  errors")
    by_kind: dict[str, list[Result]] = defaultdict(list)
    for r in results:
        by_kind[r.kind].append(r)
    for kind in [*MIX, "all writes"]:
        rs = [r for r in results if r.kind in WRITES] if kind == "all writes" else by_kind[kind]
        ms = [r.ms for r in rs]
        errors = Counter(r.status for r in rs if r.status not in (200, 302))
        print(
            f"  {kind:14s} {len(rs):6d} {percentile(ms, 50):8.0f} {percentile(ms, 95):8.0f} "
            f"{percentile(ms, 99):8.0f}  {dict(errors) or '-'}"
        )
    times = server_times(work / "server.log", began_at)
    print(f"  in the server (request log): {'kind':14s} {'p50 ms':>7s} {'p95 ms':>7s} "
          f"{'cpu p50':>8s} {'cpu p95':>8s}")  # fmt: skip
    for kind in MIX:
        wall = [w for w, _c in times[kind]]
        cpu = [c for _w, c in times[kind]]
        print(
            f"  {'':29s}{kind:14s} {percentile(wall, 50):7.0f} {percentile(wall, 95):7.0f} "
            f"{percentile(cpu, 50):8.0f} {percentile(cpu, 95):8.0f}"
        )
    statuses = Counter(r.status for r in results)
    print(f"  responses by status: {json.dumps({str(k): v for k, v in statuses.items()})}")
    problems = check(shared)
    if statuses.get(500):
        problems.append(f"{statuses[500]} responses with status 500")
    print("OK" if not problems else "PROBLEMS: " + "; ".join(problems))
    return 1 if problems else 0


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--database-url", default="", help="PostgreSQL instead of SQLite")
    parser.add_argument("--redis-url", default="", help="a shared cache (REDIS_URL)")
    parser.add_argument("--users", type=int, default=40)
    parser.add_argument("--seconds", type=int, default=45)
    parser.add_argument("--workers", type=int, default=3)
    parser.add_argument("--threads", type=int, default=4)
    parser.add_argument("--port", type=int, default=8051)
    parser.add_argument("--size", default="typical", choices=["demo", "typical"])
    args = parser.parse_args()
    if not 1 <= args.users <= 200 or not 5 <= args.seconds <= 600:
        raise SystemExit("--users 1-200 and --seconds 5-600, please")
    raise SystemExit(run_one(args))


if __name__ == "__main__":
    main()
