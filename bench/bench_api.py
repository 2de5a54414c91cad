"""Server time of the API's list endpoints, a page at a time, on the large network.

    WARMNET_DATA_DIR=/tmp/wn-api-bench .venv/bin/python bench/bench_api.py [SLUG] [--repeat 7]

The network (10,000 members, 200,000 activities, ~2,000,000 attendance rows) is made once
with ``warmnet generate SLUG --size large`` when it is not there yet, and reused after.
Requests go through Django's test client in this process with a read token of the
network's first coordinator, so the figures are the server's: routing, token check, rate
count, query, JSON, ETag.  For each endpoint it prints the median and the slowest of
``--repeat`` requests (wall-clock and processor milliseconds) for the first page, for a
page deep into the list (by cursor, past the middle), for a page filtered by dates, and
at the largest page size; beside them, as the baseline in the same process, the same rows
fetched by a plain ORM query (``.values()`` of one page) and the pages' own list views
where there is one.  The target is 200 ms a page.  Figures, not assertions.
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "warmnet.settings")

import django  # noqa: E402

django.setup()

from _large import coordinator_user, large_network  # noqa: E402 (bench/_large.py)
from django.conf import settings  # noqa: E402
from django.db import connection  # noqa: E402
from django.test import Client  # noqa: E402

from warmnet.activities.models import Activity, Attendance, Contact  # noqa: E402
from warmnet.api.endpoints.attendance import ORDER as ATTENDANCE_ORDER  # noqa: E402
from warmnet.api.pagination import MAX_LIMIT, _encode  # noqa: E402
from warmnet.api.tokens import create_token  # noqa: E402
from warmnet.dossiers.models import Position  # noqa: E402
from warmnet.network.models import Member, Network  # noqa: E402

TARGET_MS = 200.0
PAGE = 100


def _time(fn: Callable[[], Any], repeat: int) -> tuple[float, float, float]:
    """(median wall ms, slowest wall ms, median processor ms) after one warm-up call."""
    fn()
    walls, cpus = [], []
    for _ in range(repeat):
        wall, cpu = time.perf_counter(), time.process_time()
        fn()
        walls.append(1000 * (time.perf_counter() - wall))
        cpus.append(1000 * (time.process_time() - cpu))
    return statistics.median(walls), max(walls), statistics.median(cpus)


def _network(slug: str) -> Network:
    return large_network(slug)


def _client(net: Network) -> Client:
    user = coordinator_user(net)
    _token, secret = create_token(user, net, name="bench", can_write=False, days=1)
    client = Client(HTTP_HOST="127.0.0.1", HTTP_AUTHORIZATION=f"Bearer {secret}")
    client.force_login(user)  # for the pages' own views (the baseline)
    return client


def _middle_cursor(queryset: Any, order: tuple[str, ...]) -> str:
    """The cursor of a page halfway down the list, as the API would have handed it out."""
    n = queryset.count()
    row = queryset.order_by(*order).values_list(*order)[n // 2]
    return _encode([v.isoformat() if hasattr(v, "isoformat") else v for v in row])


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("slug", nargs="?", default="bench-large")
    parser.add_argument("--repeat", type=int, default=7)
    args = parser.parse_args()
    settings.WARMNET_API_RATE_PER_MINUTE = 10**9  # measuring the server, not the limit
    net = _network(args.slug)
    client = _client(net)
    api = f"/api/v1/networks/{net.slug}"
    pages = f"/n/{net.slug}"
    print(
        f"{net.name} ({net.slug}) on {connection.vendor}: "
        f"{Member.objects.filter(network=net).count():,} members, "
        f"{Activity.objects.filter(network=net).count():,} activities, "
        f"{Attendance.objects.filter(network=net).count():,} attendance rows, "
        f"{Contact.objects.filter(network=net).count():,} contacts"
    )
    if os.name == "posix":
        print(f"load average at start: {' '.join(f'{x:.2f}' for x in os.getloadavg())}")

    def get(url: str) -> Callable[[], Any]:
        def call() -> Any:
            response = client.get(url)
            if response.status_code != 200:
                raise SystemExit(f"{url}: {response.status_code} {response.content[:200]!r}")
            return response

        return call

    def orm(queryset: Any, fields: list[str]) -> Callable[[], Any]:
        return lambda: list(queryset.values(*fields)[:PAGE])

    some_member = (
        Member.objects.filter(network=net).order_by("pk").values_list("pk", flat=True)[500]
    )
    mid_activity = _middle_cursor(Activity.objects.filter(network=net), ("start", "pk"))
    mid_attendance = _middle_cursor(Attendance.objects.filter(network=net), ATTENDANCE_ORDER)
    mid_member = _middle_cursor(Member.objects.filter(network=net), ("pk",))
    mid_contact = _middle_cursor(Contact.objects.filter(network=net), ("date", "pk"))
    cases: list[tuple[str, Callable[[], Any]]] = [
        ("members: first page", get(f"{api}/members?limit={PAGE}")),
        ("members: page past the middle", get(f"{api}/members?limit={PAGE}&cursor={mid_member}")),
        (f"members: page of {MAX_LIMIT}", get(f"{api}/members?limit={MAX_LIMIT}")),
        (
            "  baseline ORM: 100 members",
            orm(
                Member.objects.filter(network=net).order_by("pk"),
                ["id", "name", "organisation_id", "role", "joined_on", "left_on", "email"],
            ),
        ),
        ("  baseline page: /members/", get(f"{pages}/members/")),
        ("activities: first page", get(f"{api}/activities?limit={PAGE}")),
        (
            "activities: page past the middle",
            get(f"{api}/activities?limit={PAGE}&cursor={mid_activity}"),
        ),
        (
            "activities: one month (since/until)",
            get(f"{api}/activities?limit={PAGE}&since=2023-03-01&until=2023-03-31"),
        ),
        (f"activities: page of {MAX_LIMIT}", get(f"{api}/activities?limit={MAX_LIMIT}")),
        (
            "  baseline ORM: 100 activities",
            orm(
                Activity.objects.filter(network=net).order_by("start", "pk"),
                [
                    "id",
                    "title",
                    "kind",
                    "start",
                    "duration_minutes",
                    "location",
                    "host_organisation_id",
                    "dossier_id",
                    "relationship_share",
                    "description",
                ],
            ),
        ),
        ("  baseline page: /activities/", get(f"{pages}/activities/")),
        ("attendance: first page", get(f"{api}/attendance?limit={PAGE}")),
        (
            "attendance: page past the middle",
            get(f"{api}/attendance?limit={PAGE}&cursor={mid_attendance}"),
        ),
        (
            "attendance: one month (since/until)",
            get(f"{api}/attendance?limit={PAGE}&since=2023-03-01&until=2023-03-31"),
        ),
        (
            "attendance: one member",
            get(f"{api}/attendance?limit={PAGE}&member_id={some_member}"),
        ),
        (f"attendance: page of {MAX_LIMIT}", get(f"{api}/attendance?limit={MAX_LIMIT}")),
        (
            "  baseline ORM: 100 attendance rows",
            orm(
                Attendance.objects.filter(network=net).order_by(*ATTENDANCE_ORDER),
                ["id", "activity_id", "member_id", "status"],
            ),
        ),
        ("contacts: first page", get(f"{api}/contacts?limit={PAGE}")),
        (
            "contacts: page past the middle",
            get(f"{api}/contacts?limit={PAGE}&cursor={mid_contact}"),
        ),
        (
            "  baseline ORM: 100 contacts",
            orm(
                Contact.objects.filter(network=net).order_by("date", "pk"),
                ["id", "member_a_id", "member_b_id", "date", "channel", "note"],
            ),
        ),
        ("  baseline page: /contacts/", get(f"{pages}/contacts/")),
        ("organisations: first page", get(f"{api}/organisations?limit={PAGE}")),
        ("positions: first page", get(f"{api}/positions?limit={PAGE}")),
        (
            "  baseline ORM: 100 positions",
            orm(
                Position.objects.filter(network=net).order_by("date", "pk"),
                ["id", "point_id", "member_id", "organisation_id", "stance", "date", "note"],
            ),
        ),
        ("milestones: first page", get(f"{api}/milestones?limit={PAGE}")),
        ("hard moments: first page", get(f"{api}/hard-moments?limit={PAGE}")),
        ("points: first page", get(f"{api}/points?limit={PAGE}")),
        ("dossiers: first page", get(f"{api}/dossiers?limit={PAGE}")),
    ]
    print(
        f"\n{'request':40s} {'median':>9s} {'slowest':>9s} {'cpu':>9s}"
        f"   (ms; target {TARGET_MS:.0f} ms a page)"
    )
    over = []
    for name, fn in cases:
        median, slowest, cpu = _time(fn, args.repeat)
        mark = ""
        if not name.startswith(" ") and median > TARGET_MS:
            mark = "  over target"
            over.append(name)
        print(f"{name:40s} {median:9.1f} {slowest:9.1f} {cpu:9.1f}{mark}")

    start = time.perf_counter()
    response = client.get(f"{api}/analysis")
    print(
        f"\nanalysis, first request (computes): {time.perf_counter() - start:.1f} s, "
        f"{len(response.content) / 1e6:.1f} MB"
    )
    median, slowest, cpu = _time(get(f"{api}/analysis"), args.repeat)
    print(f"analysis, cached: median {median:.0f} ms, slowest {slowest:.0f} ms, cpu {cpu:.0f} ms")
    etag = response["ETag"]
    median, slowest, cpu = _time(
        lambda: client.get(f"{api}/analysis", HTTP_IF_NONE_MATCH=etag), args.repeat
    )
    print(f"analysis, If-None-Match (304): median {median:.0f} ms, cpu {cpu:.0f} ms")
    print(f"\nlist pages over {TARGET_MS:.0f} ms: {', '.join(over) if over else 'none'}")
    if os.name == "posix":
        print(f"load average at end: {' '.join(f'{x:.2f}' for x in os.getloadavg())}")


if __name__ == "__main__":
    main()
