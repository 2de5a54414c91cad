"""Benchmark of the whole analysis, from the database to results, on SQLite and PostgreSQL.

    .venv/bin/python bench/bench_analysis.py                      # typical and large, both DBs
    .venv/bin/python bench/bench_analysis.py --sizes large --repeat 5 --skip-postgres

The networks are ``warmnet generate``'s (``generate_network(seed, size, scenario)``),
written once with ``write_network`` under the slug ``bench-<size>-<scenario>-<seed>`` into a
SQLite file in ``--data-dir`` (default: a fixed folder under the system's temp dir) and
into the PostgreSQL database of ``--postgres-url`` (created when missing), and reused on the
next run.  Each database is measured in a fresh child process, so the memory figures are
the analysis's and not the generator's.  Per size and database it prints, as medians of
``--repeat`` runs: the load and every engine stage (seconds; processor seconds, which vary
less than the wall clock when other work shares the machine; and the process's resident
high-water mark during the stage), the total against the targets (large: 5 s and 1 GB,
aim 3 s; typical: 100 ms), and the loader against the plain-cursor ``fetchall`` way in the
same process.  Figures, not assertions.
"""

from __future__ import annotations

import argparse
import contextlib
import ctypes
import gc
import os
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable, Sequence
from functools import partial
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

DEFAULT_PG = "postgres://postgres@127.0.0.1:5432/wn_speed"
DEFAULT_DIR = Path(tempfile.gettempdir()) / "bench-analysis-data"
#: (seconds, bytes) the whole analysis should stay within, per size; "aim" is a softer goal.
TARGETS = {"large": (5.0, 2**30), "typical": (0.1, None)}
AIM = {"large": 3.0}
MB = 2**20


def _setup_django(database: str, args: argparse.Namespace) -> None:
    """Point the settings at one database, then start Django (env first: settings read it)."""
    if database == "sqlite":
        os.environ.pop("DATABASE_URL", None)
        os.environ["WARMNET_DATA_DIR"] = str(args.data_dir)
    else:
        os.environ["DATABASE_URL"] = args.postgres_url
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "warmnet.settings")
    import django

    django.setup()


def _slug(size: str, args: argparse.Namespace) -> str:
    return f"bench-{size}-{args.scenario}-{args.seed}"


# ---------------------------------------------------------------- preparing the data


def _ensure_postgres_database(url: str) -> None:
    import psycopg

    name = url.rsplit("/", 1)[1]
    if name == "test":
        raise SystemExit("refusing to use the database named 'test'")
    with psycopg.connect(url.rsplit("/", 1)[0] + "/postgres", autocommit=True) as conn:
        if conn.execute("SELECT 1 FROM pg_database WHERE datname = %s", [name]).fetchone():
            return
        conn.execute(f'CREATE DATABASE "{name}"')
        print(f"created PostgreSQL database {name}")


def prepare(database: str, args: argparse.Namespace) -> None:
    """Migrate, and generate and write each size's network unless it is there."""
    _setup_django(database, args)
    from django.core.management import call_command
    from django.db import connection

    from warmnet.generate.synth import generate_network
    from warmnet.generate.writer import write_network
    from warmnet.network.models import Network

    call_command("migrate", verbosity=0)
    for size in args.sizes:
        slug = _slug(size, args)
        if Network.objects.filter(slug=slug).exists():
            print(f"[{database}] {slug}: present, reused")
            continue
        start = time.perf_counter()
        generated = generate_network(args.seed, size, args.scenario)
        made = time.perf_counter() - start
        report = write_network(generated, slug)
        print(
            f"[{database}] {slug}: generated in {made:.1f} s, written in "
            f"{report.seconds['total']:.1f} s ({report.counts['attendance']:,} attendance rows)"
        )
        with connection.cursor() as cursor:
            # fresh planner statistics, as autovacuum would soon give a real database
            cursor.execute("ANALYZE")


# ---------------------------------------------------------------- measuring


def _plain_read(conn: Any, sql: str, params: Sequence[Any], kinds: str) -> list[Any]:
    """The straightforward way: the driver's cursor, ``fetchall``, then numpy."""
    import numpy as np

    conn.ensure_connection()
    with conn.cursor() as cursor:
        cursor.execute(sql, params)
        rows = cursor.fetchall()
    if not rows:
        return [np.empty(0, "int64" if k == "i" else "float64") for k in kinds]
    columns = list(zip(*rows, strict=True))
    return [
        np.array(col, dtype="float64" if k == "f" else "int64")
        for col, k in zip(columns, kinds, strict=True)
    ]


def _release_freed_memory() -> None:
    """Hand memory freed by the previous run back to the system (glibc keeps it), so that
    each run's resident peak is its own."""
    with contextlib.suppress(OSError, AttributeError):
        ctypes.CDLL("libc.so.6").malloc_trim(0)


def _median(values: Sequence[float]) -> float:
    return statistics.median(values) if values else float("nan")


def _timed(fn: Callable[[], Any], repeat: int) -> list[float]:
    out = []
    for _ in range(repeat):
        start = time.perf_counter()
        fn()
        out.append(time.perf_counter() - start)
    return out


def measure(database: str, args: argparse.Namespace) -> None:
    _setup_django(database, args)
    from warmnet.engine import analyse
    from warmnet.engine.rss import peak_rss_bytes, reset_peak_rss
    from warmnet.insights import loader
    from warmnet.insights.loader import load_network
    from warmnet.insights.service import network_settings
    from warmnet.network.models import Network

    for size in args.sizes:
        network = Network.objects.get(slug=_slug(size, args))
        settings = network_settings(network)
        data = load_network(network)  # warm-up: connections, imports, caches
        analyse(data, None, settings)
        del data
        print(f"\n== {database}, {size}: {network.slug}")

        seconds: dict[str, list[float]] = {}
        cpu: dict[str, list[float]] = {}
        peaks: dict[str, list[int]] = {}
        totals: list[float] = []
        cpu_totals: list[float] = []
        run_peaks: list[int] = []
        for _ in range(args.repeat):
            gc.collect()
            _release_freed_memory()
            reset_peak_rss()
            start, cpu_start = time.perf_counter(), time.process_time()
            data = load_network(network)
            loaded, cpu_loaded = time.perf_counter(), time.process_time()
            load_peak = peak_rss_bytes()
            result = analyse(data, None, settings, track_rss=True)
            totals.append(time.perf_counter() - start)
            cpu_totals.append(time.process_time() - cpu_start)
            seconds.setdefault("load", []).append(loaded - start)
            cpu.setdefault("load", []).append(cpu_loaded - cpu_start)
            peaks.setdefault("load", []).append(load_peak)
            for t in result.timings:
                seconds.setdefault(t.stage, []).append(t.seconds)
                cpu.setdefault(t.stage, []).append(t.cpu_seconds or 0.0)
                peaks.setdefault(t.stage, []).append(t.peak_rss_bytes or 0)
            run_peaks.append(max(load_peak, *(t.peak_rss_bytes or 0 for t in result.timings)))
            shape = (data.n_members, data.n_activities, data.attendance_member.size)
            ties = int(result.ties.nnz // 2)
            del data, result
        print(
            f"{shape[0]:,} members, {shape[1]:,} activities, {shape[2]:,} attendance rows, "
            f"{ties:,} tie pairs; medians of {args.repeat} runs"
        )
        print(f"{'stage':<12} {'seconds':>8} {'cpu s':>8} {'peak RSS MB':>12}")
        for stage, values in seconds.items():
            print(
                f"{stage:<12} {_median(values):8.3f} {_median(cpu[stage]):8.3f} "
                f"{_median(peaks[stage]) / MB:12.0f}"
            )
        total, peak = _median(totals), max(run_peaks)
        target_s, target_b = TARGETS.get(size, (None, None))
        verdict = []
        if target_s is not None:
            verdict.append(f"{'meets' if total <= target_s else 'MISSES'} {target_s:g} s")
        if size in AIM:
            verdict.append(f"{'within' if total <= AIM[size] else 'above'} the {AIM[size]:g} s aim")
        if target_b is not None:
            verdict.append(f"{'meets' if peak <= target_b else 'MISSES'} {target_b / MB:.0f} MB")
        print(
            f"{'total':<12} {total:8.3f} {_median(cpu_totals):8.3f} {peak / MB:12.0f}   "
            f"(min {min(totals):.3f}, max "
            f"{max(totals):.3f}; peak = highest over runs)  " + "; ".join(verdict)
        )

        # the loader against the plain cursor, same process, same queries
        columnar = _timed(partial(load_network, network), args.repeat)
        real_read = loader._read
        loader._read = _plain_read
        try:
            plain = _timed(partial(load_network, network), max(1, min(args.repeat, 3)))
        finally:
            loader._read = real_read
        ratio = _median(plain) / _median(columnar)
        print(
            f"loader {_median(columnar):.3f} s against plain fetchall {_median(plain):.3f} s: "
            f"{ratio:.1f}x faster"
        )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default="typical,large", help="comma-separated presets")
    parser.add_argument("--repeat", type=int, default=5, help="runs per measurement")
    parser.add_argument("--scenario", default="together")
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--skip-postgres", action="store_true")
    parser.add_argument("--skip-sqlite", action="store_true")
    parser.add_argument("--postgres-url", default=DEFAULT_PG)
    parser.add_argument("--data-dir", type=Path, default=DEFAULT_DIR, help="SQLite data dir")
    parser.add_argument("--child", choices=["prepare", "measure"], help=argparse.SUPPRESS)
    parser.add_argument("--database", choices=["sqlite", "postgres"], help=argparse.SUPPRESS)
    args = parser.parse_args()
    args.sizes = [s.strip() for s in args.sizes.split(",") if s.strip()]

    if args.child:
        (prepare if args.child == "prepare" else measure)(args.database, args)
        return

    import numpy as np
    import scipy

    print(
        f"python {sys.version.split()[0]}, numpy {np.__version__}, scipy {scipy.__version__}, "
        f"{os.cpu_count()} cores"
    )
    args.data_dir.mkdir(parents=True, exist_ok=True)
    databases = [] if args.skip_sqlite else ["sqlite"]
    if not args.skip_postgres:
        _ensure_postgres_database(args.postgres_url)
        databases.append("postgres")
    forward = [
        "--sizes", ",".join(args.sizes), "--repeat", str(args.repeat),
        "--scenario", args.scenario, "--seed", str(args.seed),
        "--postgres-url", args.postgres_url, "--data-dir", str(args.data_dir),
    ]  # fmt: skip
    for child in ("prepare", "measure"):
        for database in databases:
            subprocess.run(
                [sys.executable, __file__, *forward, "--child", child, "--database", database],
                check=True,
            )


if __name__ == "__main__":
    main()
