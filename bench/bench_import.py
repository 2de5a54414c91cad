"""Import benchmark: a large network from CSV, timed per stage, with peak memory.

Writes organisations, members (10,000), activities (200,000) and attendance
(2,000,000 rows) as CSV files the way an export would, then imports them with
``warmnet.transfer`` into a fresh SQLite database in a temporary data directory
(or into PostgreSQL with ``--database-url``), and imports them a second time to
time the "nothing changed" path.

    python bench/bench_import.py [--members 10000 --activities 200000 --per-activity 10]
                                 [--database-url postgres://postgres@127.0.0.1:5432/wn_bench]
"""

from __future__ import annotations

import argparse
import os
import resource
import sys
import tempfile
import time
from pathlib import Path

import numpy as np

ROLES = np.array(["coordinator", "core_team", "participant", "observer"])
KINDS = np.array(
    ["working_session", "negotiation", "steering_group", "informal_meeting", "work_visit",
     "outing", "peer_consultation", "dinner", "mixed"]
)  # fmt: skip
STATUSES = np.array(["invited", "accepted", "declined", "attended"])
CHUNK = 200_000


def peak_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def write_csvs(folder: Path, members: int, activities: int, per_activity: int) -> list[Path]:
    """The network as CSV files, built with numpy a chunk at a time (seeded)."""
    rng = np.random.default_rng(7)
    orgs = max(10, members // 40)
    paths = [folder / n for n in ("organisations.csv", "members.csv", "activities.csv")]
    with open(paths[0], "w") as out:
        out.write("name,kind\n")
        out.writelines(f"Organisatie {i},other\n" for i in range(orgs))
    member_org = rng.integers(0, orgs, members)
    roles = ROLES[rng.choice(4, members, p=[0.01, 0.09, 0.8, 0.1])]
    with open(paths[1], "w") as out:
        out.write("name,organisation,email,role,joined_on\n")
        out.writelines(
            f"Lid {i},Organisatie {member_org[i]},lid{i}@example.org,{roles[i]},2020-01-01\n"
            for i in range(members)
        )
    # activities over five years, each with a distinct title
    minutes = np.datetime64("2021-01-04T08:00") + rng.integers(0, 5 * 365, activities) * 1440
    minutes = minutes.astype("datetime64[m]") + rng.integers(0, 20, activities) * 30
    starts = np.datetime_as_string(minutes).astype("U16")
    starts = np.char.replace(starts, "T", " ")
    kinds = KINDS[rng.integers(0, KINDS.size, activities)]
    durations = rng.choice([30, 60, 90, 120, 180], activities)
    with open(paths[2], "w") as out:
        out.write("title,start,kind,duration_minutes\n")
        for lo in range(0, activities, CHUNK):
            hi = min(lo + CHUNK, activities)
            out.writelines(
                f"Activiteit {i},{starts[i]},{kinds[i]},{durations[i]}\n" for i in range(lo, hi)
            )
    # attendance: per activity a run of distinct members, so no pair repeats
    attendance = folder / "attendance.csv"
    with open(attendance, "w") as out:
        out.write("email,activity,date,status\n")
        for lo in range(0, activities, CHUNK // per_activity):
            hi = min(lo + CHUNK // per_activity, activities)
            act = np.repeat(np.arange(lo, hi), per_activity)
            base = rng.integers(0, members - per_activity, hi - lo)
            mem = np.repeat(base, per_activity) + np.tile(np.arange(per_activity), hi - lo)
            status = STATUSES[rng.choice(4, act.size, p=[0.05, 0.05, 0.1, 0.8])]
            out.writelines(
                f"lid{m}@example.org,Activiteit {a},{starts[a]},{s}\n"
                for a, m, s in zip(act.tolist(), mem.tolist(), status.tolist(), strict=True)
            )
    return [*paths, attendance]


def backend_cpu(connection: object) -> float:
    """Processor seconds the database server process of this connection has used
    (PostgreSQL on this machine; 0 for SQLite, whose work is in this process)."""
    if getattr(connection, "vendor", "") != "postgresql":
        return 0.0
    with connection.cursor() as cursor:  # type: ignore[attr-defined]
        cursor.execute("SELECT pg_backend_pid()")
        (pid,) = cursor.fetchone()
    try:
        fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    except OSError:
        return float("nan")
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--members", type=int, default=10_000)
    parser.add_argument("--activities", type=int, default=200_000)
    parser.add_argument("--per-activity", type=int, default=10)
    parser.add_argument("--database-url", default="", help="PostgreSQL instead of SQLite")
    args = parser.parse_args()

    work = Path(tempfile.mkdtemp(prefix="warmnet-bench-"))
    os.environ["WARMNET_DATA_DIR"] = str(work)
    os.environ["DJANGO_SETTINGS_MODULE"] = "warmnet.settings"
    if args.database_url:
        os.environ["DATABASE_URL"] = args.database_url
    else:
        os.environ.pop("DATABASE_URL", None)
    sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

    import django

    django.setup()
    from django.core.management import call_command
    from django.db import connection
    from django.utils import translation

    from warmnet.network.models import Network
    from warmnet.transfer.service import import_files

    translation.activate("en")
    t = time.perf_counter()
    files = write_csvs(work, args.members, args.activities, args.per_activity)
    size = sum(p.stat().st_size for p in files) / 1e6
    print(f"wrote CSVs: {size:.0f} MB in {time.perf_counter() - t:.1f} s ({work})")

    call_command("migrate", verbosity=0)
    network, _ = Network.objects.get_or_create(slug="bench", defaults={"name": "Bench"})
    print(f"database: {connection.vendor}; peak memory before import: {peak_mb():.0f} MB")
    print(f"load average before: {os.getloadavg()[0]:.1f} on {os.cpu_count()} cores")

    for attempt in ("first import", "second import (nothing changes)"):
        t, cpu, db_cpu = time.perf_counter(), time.process_time(), backend_cpu(connection)
        report = import_files(network, [(p, p.name) for p in files])
        total = time.perf_counter() - t
        cpu, db_cpu = time.process_time() - cpu, backend_cpu(connection) - db_cpu
        if not report.ok:
            print(report.as_text())
            raise SystemExit(1)
        stages = ", ".join(f"{k} {v:.1f} s" for k, v in report.timings.items())
        print(f"{attempt}: {total:.1f} s ({stages}); peak memory {peak_mb():.0f} MB")
        print(f"  processor: this process {cpu:.1f} s, database server {db_cpu:.1f} s")
        print("  " + report.summary())


if __name__ == "__main__":
    main()
