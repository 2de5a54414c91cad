"""Pages right after a write, served from the last analysis, against computing it in the
request; and how long the background recompute takes.

    WARMNET_DATA_DIR=/tmp/wn-large .venv/bin/python bench/bench_after_write.py [SLUG]
        [--baseline dashboard,map,member,members] [--replay-months 3]

The large network (10,000 members, 200,000 activities, 2 M attendance rows) is made once
with ``warmnet generate SLUG --size large --start`` five years back, so that its records
run up to today as a network in use does, when it is not there yet, and reused after.
All in this process, through Django's test client as the network's first coordinator
(with ``REDIS_URL`` set, the analyses go through Redis as between app servers):

1. **Baseline** (before stale-while-revalidate, every write made the next page compute):
   for each page in ``--baseline``, the caches are emptied and the page asked once, so it
   computes its analyses in the request.
2. **Warm**: the background run (:func:`warmnet.insights.refresh.refresh_network`)
   computes today's analysis, the trend figures and today's maps; its time is printed.
3. **Right after a write** (3.1 an organisation renamed, 3.2 today's drink recorded,
   3.3 an attendance corrected more than half a year back, which changes the figures of
   the trend days after it too; the data version moves, a recompute is queued): every page once,
   served from the last analysis; then the queued recompute is run as the worker would
   (the time it took to the analyses and maps the pages read, and in all), and every
   page once more; then the same write and run ``--runs`` times (the median printed), and
   the engine alone (load and one analysis of today) on the same records, the baseline.
4. **Replay**: one month of the map's slider asked cold (analysis computed in the
   request) and after the background run had computed it.

Run it with ``REDIS_URL`` as in production: without a shared cache a stale analysis is
served for at most 15 s (``STALE_GRACE``) before a request computes it, and on a busy
machine the pages of step 3 take longer than that.  Figures, not assertions; the target
is 1 s a page after a write and the engine's own time (about 3 s) for the background
recompute.
"""

from __future__ import annotations

import argparse
import datetime as dt
import logging
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
import numpy as np  # noqa: E402

django.setup()

from _large import coordinator_user, large_network  # noqa: E402 (bench/_large.py)
from django.conf import settings  # noqa: E402
from django.core.cache import cache  # noqa: E402
from django.db import transaction  # noqa: E402
from django.test import Client  # noqa: E402
from django.urls import reverse  # noqa: E402
from django.utils import timezone  # noqa: E402

from bench.bench_pages import page_urls  # noqa: E402
from warmnet.activities.actions import record_grid  # noqa: E402
from warmnet.activities.models import Activity, ActivityKind, AttendanceStatus  # noqa: E402
from warmnet.background.worker import drain  # noqa: E402
from warmnet.engine import analyse, graphs  # noqa: E402
from warmnet.insights.loader import load_network  # noqa: E402
from warmnet.insights.models import AnalysisRun  # noqa: E402
from warmnet.insights.refresh import refresh_network  # noqa: E402
from warmnet.insights.service import (  # noqa: E402
    TREND_OFFSETS,
    forget_recent,
    network_settings,
)
from warmnet.maps.queries import history_months  # noqa: E402
from warmnet.network.models import (  # noqa: E402
    Member,
    Network,
    Organisation,
    current_data_version,
)


def _network(slug: str) -> Network:
    # a network in use: its five years of history run up to today, as a live network's
    # records do (the shared benchmark network's end in 2025)
    today = timezone.localdate()
    return large_network(slug, start=today.replace(year=today.year - 5))


def _client(net: Network) -> Client:
    user = coordinator_user(net)
    client = Client(HTTP_HOST="127.0.0.1")
    client.force_login(user)
    return client


#: Processor seconds of the last :func:`_timed` call (steadier than wall-clock when other
#: work shares the machine).
CPU = [0.0]


def _timed(fn: Callable[[], Any]) -> tuple[float, Any]:
    start, cpu = time.perf_counter(), time.process_time()
    out = fn()
    CPU[0] = time.process_time() - cpu
    return time.perf_counter() - start, out


def _ask(client: Client, url: str) -> tuple[float, bool]:
    seconds, response = _timed(lambda: client.get(url))
    if response.status_code != 200:
        raise SystemExit(f"{url}: {response.status_code}")
    return seconds, b"data-stale" in response.content


def _rename(org: Organisation) -> None:
    org.name = org.name.rstrip("*") + ("*" if not org.name.endswith("*") else "")
    org.save(update_fields=["name"])


def _drink(net: Network) -> None:
    """What a coordinator does most: record today's informal meeting and who came (one
    transaction; the attendance as the grid saves it)."""
    people = list(Member.objects.filter(network=net, left_on__isnull=True).order_by("?")[:12])
    with transaction.atomic():
        drink = Activity.objects.create(
            network=net,
            title=f"Borrel {Activity.objects.filter(network=net).count() + 1}",
            kind=ActivityKind.INFORMAL_MEETING,
            start=timezone.now() - dt.timedelta(hours=1),
            duration_minutes=90,
        )
        record_grid(net, None, [(drink, p, AttendanceStatus.ATTENDED) for p in people])


_TICKS = [0]


def _tick(net: Network) -> None:
    """Mark someone attended at the last activity more than half a year ago (or, when
    everyone invited there attended, turn one back to accepted): a correction of the
    past, before the dashboard's trend days, so their figures are computed again too."""
    before = timezone.now() - dt.timedelta(days=max(TREND_OFFSETS) + 2)
    _TICKS[0] += 1  # each time another activity: records never seen before, nothing reused
    last = (
        Activity.objects.filter(network=net, start__lte=before, attendances__isnull=False)
        .distinct()
        .order_by("-start")[_TICKS[0] - 1 : _TICKS[0]]
        .first()
    )
    assert last is not None, "the network has no past activity with attendance"
    row = last.attendances.exclude(status=AttendanceStatus.ATTENDED).first()
    if row is None:
        row = last.attendances.first()
        assert row is not None
        row.status = AttendanceStatus.ACCEPTED
    else:
        row.status = AttendanceStatus.ATTENDED
    row.save(update_fields=["status"])


def _engine_alone(net: Network) -> None:
    graphs.forget_groupings()  # the engine's own cost: groups looked for, not handed out again
    data = load_network(net)
    analyse(data, as_of=np.datetime64(timezone.localdate(), "D"), settings=network_settings(net))


#: What the worker's runs logged of their parts (load, analyses, trends, maps).
PARTS: list[str] = []


class _Parts(logging.Handler):
    def emit(self, record: logging.LogRecord) -> None:
        PARTS.append(record.getMessage())


def _empty_caches() -> None:
    cache.clear()
    forget_recent()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("slug", nargs="?", default="bench-live")
    parser.add_argument("--baseline", default="dashboard,map,member,members")
    parser.add_argument("--replay-months", type=int, default=3)
    parser.add_argument("--replay-seconds", type=int, default=30)
    parser.add_argument(
        "--runs", type=int, default=3, help="worker runs per kind of write (median printed)"
    )
    args = parser.parse_args()
    refresh_log = logging.getLogger("warmnet.insights.refresh")
    refresh_log.setLevel(logging.INFO)
    refresh_log.addHandler(_Parts())
    settings.WARMNET_REPLAY_SECONDS = 0  # the replay is measured on its own below
    settings.WARMNET_RECOMPUTE_DELAY = 0  # the recompute is due at once (drain runs what is due)
    graphs.start_helper()  # as `warmnet worker` does at its start
    net = _network(args.slug)
    client = _client(net)
    pages = {name: url for name, url in page_urls(net).items() if url}
    shared = "locmem" not in settings.CACHES["default"]["BACKEND"].lower()
    print(
        f"network {net.slug}: {Member.objects.filter(network=net).count()} members; "
        f"cache {'shared (Redis)' if shared else 'this process'}; "
        f"database {settings.DATABASES['default']['ENGINE'].rsplit('.', 1)[-1]}"
    )

    print("\n1. baseline: the page computes its analyses in the request (the old way)")
    baseline: dict[str, float] = {}
    for name in args.baseline.split(","):
        _empty_caches()
        baseline[name], _ = _ask(client, pages[name])
        print(f"   {name:18s} {baseline[name]:6.2f} s (processor {CPU[0]:5.2f} s)")

    print("\n2. the background run, from empty caches")
    _empty_caches()
    seconds, (_version, essential) = _timed(lambda: refresh_network(net))
    print(
        f"   today's analysis, the trend figures and today's maps: {essential:.2f} s "
        f"({seconds:.2f} s with the memory kept warm; processor {CPU[0]:.2f} s)"
    )
    warm: dict[str, float] = {}
    for name, url in pages.items():  # every page once, as people would have, then timed
        _ask(client, url)
        warm[name], _ = _ask(client, url)

    org = Organisation.objects.filter(network=net).order_by("pk").first()
    assert org is not None
    writes: list[tuple[str, Callable[[], None]]] = [
        ("an organisation renamed", lambda: _rename(org)),
        ("today's drink recorded: an activity with 12 people there", lambda: _drink(net)),
        ("attendance corrected more than half a year back", lambda: _tick(net)),
    ]
    for step, (what, write) in enumerate(writes, start=1):
        print(f"\n3.{step} right after a write: {what} (served from the last analysis)")
        before = current_data_version(net.pk)
        write()  # autocommit: the version moves, a recompute is queued
        assert current_data_version(net.pk) > before, "the write moved the data version"
        slowest = slowest_cpu = 0.0
        for name, url in pages.items():
            took, stale = _ask(client, url)
            slowest, slowest_cpu = max(slowest, took), max(slowest_cpu, CPU[0])
            against = (
                f"  computed in the request {baseline[name]:5.2f} s" if name in baseline else ""
            )
            print(
                f"   {name:18s} {1000 * took:7.1f} ms{'  stale' if stale else '       '}"
                f"  (before the write {1000 * warm[name]:7.1f} ms){against}"
            )
        print(
            f"   slowest page right after the write: {1000 * slowest:.0f} ms "
            f"(most processor time of a page: {1000 * slowest_cpu:.0f} ms)"
        )

        ran_seconds, ran = _timed(drain)
        run = AnalysisRun.objects.get(network=net)
        print(
            f"   the worker's run ({ran} task): {run.seconds:.2f} s to the analyses and maps "
            f"the pages read, {ran_seconds:.2f} s in all (processor {CPU[0]:.2f} s); "
            f"version {run.computed_version}"
        )
        slowest = 0.0
        for _name, url in pages.items():
            took, stale = _ask(client, url)
            slowest = max(slowest, took)
            assert not stale
        print(f"   slowest page after the run: {1000 * slowest:.0f} ms (none stale)")
        runs = [float(run.seconds or 0.0)]
        print(f"   run 1: {PARTS[-1] if PARTS else ''}")
        for again in range(2, args.runs + 1):  # the same write again, the worker after it
            write()
            drain()
            runs.append(float(AnalysisRun.objects.get(network=net).seconds or 0.0))
            print(f"   run {again}: {PARTS[-1] if PARTS else ''}")
        print(f"   the worker's run, median of {len(runs)}: {statistics.median(runs):.2f} s")
        engines = []
        for _ in range(args.runs):  # the baseline: on the same records, in this process
            engine, _ = _timed(lambda: _engine_alone(net))
            engines.append(engine)
        print(
            f"   the engine alone on these records (load and one analysis of today), median "
            f"of {len(engines)}: {statistics.median(engines):.2f} s "
            f"(each: {', '.join(f'{e:.2f}' for e in engines)} s)"
        )

    print("\n4. replay steps of the map")
    data_url = reverse("maps:network_map_data", args=[net.slug])
    months = history_months(net, timezone.localdate())[:-1][-args.replay_months :]
    for month in reversed(months):
        cold, _ = _ask(client, f"{data_url}?as_of={month.isoformat()}")
        print(f"   {month}: cold in the request {cold:.2f} s")
    settings.WARMNET_REPLAY_SECONDS = args.replay_seconds
    org.save(update_fields=["name"])
    _empty_caches()
    seconds, _ = _timed(lambda: refresh_network(net))
    print(
        f"   background run with replay steps for {args.replay_seconds} s: {seconds:.1f} s "
        f"({len(history_months(net, timezone.localdate()))} steps on the slider)"
    )
    for month in reversed(months):
        warm, _ = _ask(client, f"{data_url}?as_of={month.isoformat()}")
        print(f"   {month}: precomputed {1000 * warm:.1f} ms")


if __name__ == "__main__":
    main()
