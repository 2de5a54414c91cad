"""Probe a running Warmnet on 127.0.0.1 the way an attacker (or a careless user) would.

Sets up its own database in a temporary data directory, serves it on a loopback port
(``warmnet runserver --insecure``, or ``--url`` for a server you started), and prints
per probe the attempts and the failures:

- uploads: zip bombs (CSV and XLSX), a giant line, too many rows — each must be
  refused within 5 s and 500 MB of server memory;
- role changes by the core team (form and import);
- login throttling: wrong passwords until blocked (must be at most the limit + 1);
- headers: CSP and Cache-Control on every page of a network;
- parameter fuzz: every query parameter the pages' forms and links use, out of range;
- export round trip: the network's export imports back without a change.

Only loopback addresses; every loop is bounded.  Usage::

    python bench/probe_security.py [--port 8021]
"""

from __future__ import annotations

import argparse
import http.cookiejar
import io
import os
import re
import resource
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.parse
import urllib.request
import uuid
import zipfile
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
PASSWORD = "probe-password-4711"
HOSTILE = ["0001-01-01", "9999-12-31", "9999-12", "0001-01", "1-1", "99999999999999999999", "²"]


class Session:
    """A browser of sorts: cookies, CSRF token, form posts, multipart uploads."""

    def __init__(self, base: str) -> None:
        self.base = base
        self.jar = http.cookiejar.CookieJar()
        handler = urllib.request.HTTPCookieProcessor(self.jar)
        self.opener = urllib.request.build_opener(handler, _NoRedirect())

    def request(
        self, path: str, data: bytes | None = None, headers: dict[str, str] | None = None
    ) -> Any:
        req = urllib.request.Request(self.base + path, data=data, headers=headers or {})
        if data is not None:
            req.add_header("Referer", self.base + path)
            req.add_header("X-CSRFToken", self.csrf())
        try:
            return self.opener.open(req, timeout=60)
        except urllib.error.HTTPError as exc:
            return exc

    def get(self, path: str) -> Any:
        return self.request(path)

    def csrf(self) -> str:
        for cookie in self.jar:
            if cookie.name == "csrftoken":
                return cookie.value or ""
        self.get("/login/").read()
        return next((c.value or "" for c in self.jar if c.name == "csrftoken"), "")

    def post(self, path: str, fields: dict[str, str]) -> Any:
        body = urllib.parse.urlencode(fields).encode()
        return self.request(path, body, {"Content-Type": "application/x-www-form-urlencoded"})

    def upload(self, path: str, name: str, payload: bytes) -> Any:
        boundary = uuid.uuid4().hex
        body = (
            (
                f"--{boundary}\r\n"
                f'Content-Disposition: form-data; name="uploads"; filename="{name}"\r\n'
                f"Content-Type: application/octet-stream\r\n\r\n"
            ).encode()
            + payload
            + f"\r\n--{boundary}--\r\n".encode()
        )
        headers = {"Content-Type": f"multipart/form-data; boundary={boundary}"}
        return self.request(path, body, headers)

    def login(self, username: str, password: str = PASSWORD) -> int:
        return self.post("/login/", {"username": username, "password": password}).status


class _NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args: Any, **kwargs: Any) -> None:
        return None


def _manage(env: dict[str, str], *args: str) -> str:
    command = [sys.executable, "-m", "warmnet.cli", *args]
    return subprocess.run(
        command, env=env, cwd=ROOT, check=True, capture_output=True, text=True
    ).stdout


SETUP = """
import datetime as dt
from django.contrib.auth import get_user_model
from warmnet.network.models import Member, Network, Organisation
User = get_user_model()
net = Network.objects.get(slug="probe")
org = Organisation.objects.filter(network=net).first()
for name, role in (("probe-coordinator", 0), ("probe-core", 1), ("probe-participant", 2)):
    user = User.objects.create_user(name, password="{password}")
    Member.objects.create(network=net, organisation=org, name=name, role=role,
                          joined_on=dt.date(2020, 1, 1), user=user)
"""


def _server_rss_mb(pid: int) -> float:
    try:
        for line in Path(f"/proc/{pid}/status").read_text().splitlines():
            if line.startswith("VmHWM:"):
                return int(line.split()[1]) / 1024
    except OSError:
        pass
    return float("nan")


def _report(name: str, attempts: int, failures: int, detail: str = "") -> None:
    print(f"{name:<42} attempts {attempts:>5}   failures {failures:>3}   {detail}")


def probe_uploads(core: Session, slug: str, pid: int) -> None:
    url = f"/n/{slug}/transfer/import/"
    bombs: list[tuple[str, bytes]] = []
    for name, member, payload in (
        ("newlines.zip", "leden.csv", b"naam;organisatie\n" + b"\n" * 200_000_000),
        ("oneline.zip", "leden.csv", b"naam;organisatie\n" + b"a;" * 100_000_000),
    ):
        buf = io.BytesIO()
        with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED, compresslevel=9) as archive:
            archive.writestr(member, payload)
        bombs.append((name, buf.getvalue()))
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED, compresslevel=9) as archive:
        archive.writestr("xl/workbook.xml", "<workbook/>")
        archive.writestr("xl/sharedStrings.xml", b"<sst>" + b"a" * 200_000_000 + b"</sst>")
    bombs.append(("strings.xlsx", buf.getvalue()))
    bombs.append(("rows.csv", b"naam\n" + b"".join(b"Org %d\n" % i for i in range(300_000))))
    bombs.append(("big.csv", b"naam\n" + b"x" * 30_000_000 + b"\n"))
    failures, worst = 0, 0.0
    for name, payload in bombs:
        before = time.perf_counter()
        response = core.upload(url, name, payload)
        response.read()
        seconds = time.perf_counter() - before
        worst = max(worst, seconds)
        rss = _server_rss_mb(pid)
        if response.status >= 500 or response.status == 200 or seconds > 5 or rss > 500:
            failures += 1
            print(f"    {name}: {response.status} in {seconds:.1f} s, server peak {rss:.0f} MB")
    _report(
        "uploads refused within 5 s and 500 MB",
        len(bombs),
        failures,
        f"slowest {worst:.2f} s; server peak {_server_rss_mb(pid):.0f} MB",
    )


COUNT_COORDINATORS = (
    "from warmnet.network.models import Member; "
    "print(Member.objects.filter(network__slug='probe', role=0, left_on__isnull=True).count())"
)


def probe_roles(core: Session, coordinator: Session, slug: str, env: dict[str, str]) -> None:
    before = _manage(env, "shell", "-c", COUNT_COORDINATORS).split()[-1]
    page = coordinator.get(f"/n/{slug}/members/").read().decode()
    ids = re.findall(rf"/n/{slug}/members/(\d+)/\"", page)
    attempts = failures = 0
    for pk in ids:
        form = core.get(f"/n/{slug}/members/{pk}/edit/").read().decode()
        fields = dict(re.findall(r'name="(\w+)"[^>]*value="([^"]*)"', form))
        fields.update({"role": "0", "left_on": ""})
        core.post(f"/n/{slug}/members/{pk}/edit/", fields).read()
        attempts += 1
        core.post(f"/n/{slug}/members/{pk}/delete/", {}).read()
        attempts += 1
    csv = b"naam;organisatie;rol\nprobe-core;Org;coordinator\n"
    response = core.upload(f"/n/{slug}/transfer/import/", "leden.csv", csv)
    attempts += 1
    if response.status == 200 and b'name="token"' in response.read():
        failures += 1
    after = _manage(env, "shell", "-c", COUNT_COORDINATORS).split()[-1]
    failures += int(after != before)
    _report(
        "role changes by the core team refused",
        attempts,
        failures,
        f"active coordinators before {before}, after {after}",
    )


def probe_logins(base: str) -> None:
    client = Session(base)
    attempts = 0
    blocked_after = None
    for attempt in range(1, 41):
        status = client.login("probe-participant", f"wrong-{attempt}")
        attempts += 1
        if status == 429:
            blocked_after = attempt - 1
            break
    right = client.login("probe-participant")
    failures = int(blocked_after is None or blocked_after > 10) + int(right != 429)
    _report(
        "logins throttled (failures before the block)",
        attempts,
        failures,
        f"blocked after {blocked_after} failures; right password then: {right}",
    )


def _network_pages(session: Session, slug: str) -> list[str]:
    page = session.get(f"/n/{slug}/").read().decode()
    links = set(re.findall(rf'href="(/n/{slug}/[^"#?]*)"', page))
    for link in list(links):
        body = session.get(link).read().decode(errors="replace")
        links |= set(re.findall(rf'href="(/n/{slug}/[^"#?]*)"', body))
    pages = sorted(link for link in links if "delete" not in link)
    # one page per route: /members/17/ and /members/18/ are the same view
    by_route: dict[str, str] = {}
    for link in pages:
        by_route.setdefault(re.sub(r"/\d+/", "/N/", link), link)
    return sorted(by_route.values())


def probe_headers(coordinator: Session, slug: str, pages: list[str]) -> None:
    failures = 0
    urls = [*pages, f"/n/{slug}/transfer/export/csv/"]
    for url in urls:
        response = coordinator.get(url)
        response.read()
        csp = response.headers.get("Content-Security-Policy", "")
        cache = response.headers.get("Cache-Control", "")
        if "script-src 'self'" not in csp or cache != "private, no-store":
            failures += 1
            print(f"    {url}: CSP {csp[:40]!r}, Cache-Control {cache!r}")
    _report("CSP and no-store on every network page", len(urls), failures)


def probe_fuzz(coordinator: Session, slug: str, pages: list[str]) -> None:
    attempts = failures = 0
    for url in pages:
        body = coordinator.get(url).read().decode(errors="replace")
        names = set(re.findall(r"[?&amp;]+([a-z_]+)=", body))
        for form in re.findall(r'<form method="get".*?</form>', body, re.S):
            names |= set(re.findall(r'name="([a-z_]+)"', form))
        for name in sorted(names):
            for value in HOSTILE:
                query = urllib.parse.urlencode({name: value})
                response = coordinator.get(f"{url}?{query}")
                response.read()
                attempts += 1
                if response.status >= 500:
                    failures += 1
                    print(f"    {url}?{query} -> {response.status}")
    _report("parameter fuzz: responses with status 500", attempts, failures)


def probe_round_trip(coordinator: Session, slug: str) -> None:
    attempts = failures = 0
    for fmt in ("csv", "xlsx"):
        export = coordinator.get(f"/n/{slug}/transfer/export/{fmt}/").read()
        name = "export.zip" if fmt == "csv" else "export.xlsx"
        response = coordinator.upload(f"/n/{slug}/transfer/import/", name, export)
        body = response.read().decode(errors="replace")
        attempts += 1
        changed = re.search(r"(aangemaakt|created|gewijzigd|updated)[^0-9]{0,40}[1-9]", body)
        if response.status != 200 or changed:
            failures += 1
            print(f"    {fmt}: {response.status}")
    _report("exports that do not import back unchanged", attempts, failures)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--port", type=int, default=8021)
    args = parser.parse_args()
    work = Path(tempfile.mkdtemp(prefix="wn-security-probe-"))
    env = {k: v for k, v in os.environ.items() if k != "DATABASE_URL"}
    env |= {"WARMNET_DATA_DIR": str(work), "PYTHONUNBUFFERED": "1"}
    print(f"data directory {work}; server on 127.0.0.1:{args.port}")
    _manage(env, "migrate", "--verbosity", "0")
    _manage(env, "generate", "probe", "--size", "demo", "--seed", "1")
    _manage(env, "shell", "-c", SETUP.format(password=PASSWORD))
    server = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "warmnet.cli",
            "runserver",
            f"127.0.0.1:{args.port}",
            "--noreload",
            "--insecure",
            "--nothreading",
        ],
        env=env,
        cwd=ROOT,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    base = f"http://127.0.0.1:{args.port}"
    try:
        for _ in range(60):
            try:
                urllib.request.urlopen(base + "/login/", timeout=2).read()
                break
            except OSError:
                time.sleep(0.5)
        coordinator, core = Session(base), Session(base)
        assert coordinator.login("probe-coordinator") == 302
        assert core.login("probe-core") == 302
        started = time.process_time()
        pages = _network_pages(coordinator, "probe")
        probe_uploads(core, "probe", server.pid)
        probe_roles(core, coordinator, "probe", env)
        probe_logins(base)
        probe_headers(coordinator, "probe", pages)
        probe_fuzz(coordinator, "probe", pages)
        probe_round_trip(coordinator, "probe")
        print(
            f"probe processor time {time.process_time() - started:.1f} s; "
            f"probe peak memory {resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024:.0f} MB"
        )
        check = subprocess.run(
            [sys.executable, "-m", "warmnet.cli", "check", "--deploy", "--fail-level", "WARNING"],
            env=env
            | {
                "SECRET_KEY": "probe-" + uuid.uuid4().hex * 2,
                "ALLOWED_HOSTS": "warmnet.example.org",
                "WARMNET_SECURE_COOKIES": "true",
                "WARMNET_SSL_REDIRECT": "true",
                "WARMNET_HSTS_SECONDS": "31536000",
                "WARMNET_HSTS_INCLUDE_SUBDOMAINS": "true",
                "WARMNET_HSTS_PRELOAD": "true",
            },
            cwd=ROOT,
            capture_output=True,
            text=True,
        )
        _report(
            "check --deploy with the production settings",
            1,
            int(check.returncode != 0),
            check.stdout.strip().splitlines()[-1] if check.stdout.strip() else check.stderr[-200:],
        )
    finally:
        server.terminate()
        server.wait(timeout=30)


if __name__ == "__main__":
    main()
