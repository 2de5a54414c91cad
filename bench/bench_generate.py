"""Benchmark: generate the large network and write it into SQLite and PostgreSQL.

    python bench/bench_generate.py [--size large] [--pg postgres://postgres@127.0.0.1:5432/postgres]
                                   [--skip-sqlite] [--skip-postgres]

Prints seconds per stage and the database size.  SQLite goes into a temporary data
directory; PostgreSQL into a database this script creates and drops again.  Each
backend runs in its own process, since Django reads its database from the environment.
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
import time
import uuid
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

import psycopg


def child(size: str, scenario: str) -> None:
    """Runs inside the per-backend process: migrate, generate, write, measure."""
    import django

    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "warmnet.settings")
    django.setup()
    from django.conf import settings
    from django.core.management import call_command
    from django.db import connection

    from warmnet.generate.synth import generate_network
    from warmnet.generate.writer import write_network

    stages: dict[str, float] = {}
    clock = time.perf_counter()
    call_command("migrate", interactive=False, verbosity=0)
    stages["migrate (empty database)"] = time.perf_counter() - clock
    clock = time.perf_counter()
    generated = generate_network(1, size, scenario)
    stages["generate (numpy)"] = time.perf_counter() - clock
    report = write_network(generated, f"bench-{size}")
    for stage, seconds in report.seconds.items():
        stages[f"write: {stage}"] = seconds
    with connection.cursor() as cur:
        if connection.vendor == "postgresql":
            cur.execute("SELECT pg_database_size(current_database())")
            db_bytes = int(cur.fetchone()[0])
        else:
            cur.execute("PRAGMA wal_checkpoint(TRUNCATE)")
            db_bytes = Path(settings.DATABASES["default"]["NAME"]).stat().st_size
    print(json.dumps({"counts": report.counts, "stages": stages, "bytes": db_bytes}))


def run_child(env: dict[str, str], size: str, scenario: str) -> dict:
    started = time.perf_counter()
    proc = subprocess.run(
        [sys.executable, __file__, "--child", "--size", size, "--scenario", scenario],
        env=env,
        capture_output=True,
        text=True,
        check=False,
    )
    if proc.returncode != 0:
        sys.stderr.write(proc.stderr)
        raise SystemExit(proc.returncode)
    result = json.loads(proc.stdout.strip().splitlines()[-1])
    result["wall"] = time.perf_counter() - started
    return result


def show(label: str, result: dict) -> None:
    print(f"\n== {label}")
    counts = result["counts"]
    print(
        "  "
        + ", ".join(f"{k} {v:,}" for k, v in counts.items() if k in ("members", "activities"))
        + f", attendance {counts['attendance']:,}, contacts {counts['contacts']:,}"
    )
    for stage, seconds in result["stages"].items():
        print(f"  {stage:<44} {seconds:8.2f} s")
    gen_write = result["stages"]["generate (numpy)"] + result["stages"]["write: total"]
    print(f"  {'generate + write':<44} {gen_write:8.2f} s")
    print(f"  {'process wall clock (incl. start-up, migrate)':<44} {result['wall']:8.2f} s")
    print(f"  {'database size':<44} {result['bytes'] / 2**20:8.1f} MB")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--size", default="large")
    parser.add_argument("--scenario", default="kickoff-then-content")
    parser.add_argument("--pg", default="postgres://postgres@127.0.0.1:5432/postgres")
    parser.add_argument("--skip-sqlite", action="store_true")
    parser.add_argument("--skip-postgres", action="store_true")
    parser.add_argument("--child", action="store_true", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        child(args.size, args.scenario)
        return

    base = {k: v for k, v in os.environ.items() if k != "DATABASE_URL"}
    print(f"bench_generate: size {args.size}, scenario {args.scenario}")
    if not args.skip_sqlite:
        with tempfile.TemporaryDirectory(prefix="wn-bench-") as tmp:
            result = run_child({**base, "WARMNET_DATA_DIR": tmp}, args.size, args.scenario)
            show("SQLite (file in a temporary data directory, WAL)", result)
    if not args.skip_postgres:
        name = f"wn_bench_{uuid.uuid4().hex[:8]}"
        parts = urlsplit(args.pg)
        url = urlunsplit(parts._replace(path=f"/{name}"))
        with psycopg.connect(args.pg, autocommit=True) as admin:
            admin.execute(f'CREATE DATABASE "{name}"')
        try:
            with tempfile.TemporaryDirectory(prefix="wn-bench-") as tmp:
                env = {**base, "WARMNET_DATA_DIR": tmp, "DATABASE_URL": url}
                result = run_child(env, args.size, args.scenario)
                show(f"PostgreSQL (database {name}, dropped afterwards)", result)
        finally:
            with psycopg.connect(args.pg, autocommit=True) as admin:
                admin.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


if __name__ == "__main__":
    main()
