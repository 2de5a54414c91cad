"""Backups that restore: ``pg_dump``'s custom format on PostgreSQL, SQLite's online backup API.

Both take a consistent snapshot while the application keeps serving: ``pg_dump``
reads in one repeatable-read transaction, and SQLite's backup API copies the
database in one step from a read transaction (in WAL mode writers carry on).
A backup is written beside its target under a temporary name and renamed when
complete, so a file with the final name is always a whole backup.
"""

from __future__ import annotations

import os
import shutil
import sqlite3
import subprocess
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import dj_database_url

__all__ = ["BackupError", "Done", "backup", "database_from_url", "restore"]


class BackupError(Exception):
    pass


@dataclass
class Done:
    path: Path
    seconds: float
    bytes: int


def database_from_url(url: str) -> dict[str, Any]:
    return dict(dj_database_url.parse(url))


def _vendor(database: dict[str, Any]) -> str:
    engine = str(database.get("ENGINE", ""))
    if "postgresql" in engine:
        return "postgresql"
    if "sqlite3" in engine:
        return "sqlite"
    raise BackupError(f"Backups are made of PostgreSQL and SQLite databases, not {engine!r}.")


def _pg_env(database: dict[str, Any]) -> dict[str, str]:
    """libpq's own variables: the password never shows in a process list."""
    env = dict(os.environ)
    for variable, key in [
        ("PGHOST", "HOST"),
        ("PGPORT", "PORT"),
        ("PGUSER", "USER"),
        ("PGPASSWORD", "PASSWORD"),
        ("PGDATABASE", "NAME"),
    ]:
        if database.get(key):
            env[variable] = str(database[key])
    if sslmode := (database.get("OPTIONS") or {}).get("sslmode"):
        env["PGSSLMODE"] = str(sslmode)
    return env


def _tool(name: str) -> str:
    path = shutil.which(name)
    if path is None:
        raise BackupError(f"{name} was not found; install the PostgreSQL client tools.")
    return path


def _run(command: list[str], env: dict[str, str]) -> None:
    result = subprocess.run(command, env=env, capture_output=True, text=True, check=False)
    if result.returncode != 0:
        raise BackupError(f"{Path(command[0]).name} failed: {result.stderr.strip()}")


def backup(database: dict[str, Any], target: Path) -> Done:
    """Write a backup of ``database`` to ``target``."""
    started = time.perf_counter()
    target = target.resolve()
    target.parent.mkdir(parents=True, exist_ok=True)
    partial = target.with_name(f".{target.name}.partial")
    partial.unlink(missing_ok=True)
    try:
        if _vendor(database) == "postgresql":
            _run(
                [_tool("pg_dump"), "--format=custom", "--compress=1", f"--file={partial}"],
                _pg_env(database),
            )
        else:
            _sqlite_copy(Path(database["NAME"]), partial)
        partial.replace(target)
    finally:
        partial.unlink(missing_ok=True)
    return Done(target, time.perf_counter() - started, target.stat().st_size)


def _sqlite_copy(source: Path, target: Path) -> None:
    if not source.exists():
        raise BackupError(f"There is no database at {source}.")
    with sqlite3.connect(f"file:{source}?mode=ro", uri=True, timeout=30) as src:
        dst = sqlite3.connect(target)
        try:
            # One step (pages=-1): a stepwise copy restarts whenever another
            # connection writes, and may never finish on a busy database.
            src.backup(dst, pages=-1)
            (verdict,) = dst.execute("PRAGMA quick_check").fetchone()
            if verdict != "ok":
                raise BackupError(f"The copy failed its check: {verdict}")
        finally:
            dst.close()


def _has_tables(database: dict[str, Any]) -> bool:
    if _vendor(database) == "sqlite":
        path = Path(database["NAME"])
        if not path.exists():
            return False
        with sqlite3.connect(path) as db:
            return (
                db.execute("SELECT count(*) FROM sqlite_master WHERE type='table'").fetchone()[0]
                > 0
            )
    result = subprocess.run(
        [_tool("psql"), "--no-psqlrc", "--tuples-only", "--no-align", "--command",
         "SELECT count(*) FROM pg_tables WHERE schemaname = current_schema()"],
        env=_pg_env(database), capture_output=True, text=True, check=False,
    )  # fmt: skip
    if result.returncode != 0:
        raise BackupError(f"The database could not be reached: {result.stderr.strip()}")
    return int(result.stdout.strip() or 0) > 0


def restore(
    database: dict[str, Any], source: Path, *, replace: bool = False, jobs: int = 2
) -> Done:
    """Restore the backup ``source`` into ``database``: an empty one, or with
    ``replace`` one whose tables the backup's then replace.  Stop the app servers first."""
    started = time.perf_counter()
    if not source.is_file():
        raise BackupError(f"There is no backup at {source}.")
    if not replace and _has_tables(database):
        raise BackupError(
            "The database already has tables; restore into an empty database, "
            "or pass --replace to overwrite it."
        )
    if _vendor(database) == "postgresql":
        command = [_tool("pg_restore"), "--no-owner", "--no-privileges", "--exit-on-error"]
        if replace:
            command += ["--clean", "--if-exists"]
        command += [f"--jobs={max(1, jobs)}", f"--dbname={database['NAME']}", str(source)]
        _run(command, _pg_env(database))
    else:
        target = Path(database["NAME"])
        target.parent.mkdir(parents=True, exist_ok=True)
        with sqlite3.connect(f"file:{source}?mode=ro", uri=True) as src:
            dst = sqlite3.connect(target)
            try:
                src.backup(dst, pages=-1)
                dst.execute("PRAGMA journal_mode=WAL")
            finally:
                dst.close()
    return Done(source, time.perf_counter() - started, source.stat().st_size)
