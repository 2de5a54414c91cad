"""A backup taken while people write restores, into a fresh database, every committed row."""

from __future__ import annotations

import sqlite3
import threading
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import psycopg
import pytest
from django.core.management import CommandError, call_command
from django.db import connection, connections, transaction
from django.utils import timezone

from warmnet.activities.models import Activity, ActivityKind
from warmnet.network.actions import log_action
from warmnet.network.models import Network

pytestmark = pytest.mark.django_db(transaction=True)


class Writers:
    """Threads that keep creating activities (each with its audit row) until told to stop;
    ``committed`` holds the id of every activity whose transaction has committed."""

    def __init__(self, network: Network, n: int = 2) -> None:
        self.network = network
        self.committed: list[int] = []
        self.lock = threading.Lock()
        self.stop = threading.Event()
        self.errors: list[BaseException] = []
        self.threads = [threading.Thread(target=self.write, args=(i,)) for i in range(n)]

    def write(self, i: int) -> None:
        try:
            k = 0
            while not self.stop.is_set():
                k += 1
                with transaction.atomic():
                    activity = Activity.objects.create(
                        network=self.network,
                        kind=ActivityKind.WORK_VISIT,
                        title=f"Werkbezoek {i}-{k}",
                        start=timezone.now(),
                        duration_minutes=60,
                    )
                    log_action(self.network, None, "create", activity)
                with self.lock:
                    self.committed.append(activity.pk)
        except BaseException as exc:
            self.errors.append(exc)
        finally:
            connections.close_all()

    def seen(self) -> set[int]:
        with self.lock:
            return set(self.committed)

    def __enter__(self) -> Writers:
        for t in self.threads:
            t.start()
        while len(self.seen()) < 10 and not self.errors:
            threading.Event().wait(0.01)
        return self

    def __exit__(self, *exc: Any) -> None:
        self.stop.set()
        for t in self.threads:
            t.join(30)


@pytest.fixture
def fresh_database(tmp_path: Path) -> Iterator[tuple[str, Any]]:
    """A database URL that names an empty database, and a way to query it."""
    if connection.vendor == "sqlite":
        path = tmp_path / "restored.sqlite3"

        def query(sql: str) -> list[tuple[Any, ...]]:
            with sqlite3.connect(path) as db:
                return db.execute(sql).fetchall()

        yield f"sqlite:///{path}", query
        return
    settings = connection.settings_dict
    name = f"{settings['NAME']}_restore"
    server = dict(
        host=settings["HOST"] or None,
        port=settings["PORT"] or None,
        user=settings["USER"] or None,
        password=settings["PASSWORD"] or None,
    )
    with psycopg.connect(dbname="postgres", autocommit=True, **server) as admin:
        admin.execute(f'DROP DATABASE IF EXISTS "{name}"')
        admin.execute(f'CREATE DATABASE "{name}"')

    def query(sql: str) -> list[tuple[Any, ...]]:
        with psycopg.connect(dbname=name, **server) as db:
            return db.execute(sql).fetchall()

    user = settings["USER"] or ""
    password = f":{settings['PASSWORD']}" if settings["PASSWORD"] else ""
    host = f"{settings['HOST'] or 'localhost'}:{settings['PORT'] or 5432}"
    try:
        yield f"postgres://{user}{password}@{host}/{name}", query
    finally:
        with psycopg.connect(dbname="postgres", autocommit=True, **server) as admin:
            admin.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


def test_a_backup_during_writes_restores_every_row_committed_before_it(
    network_a: Network, tmp_path: Path, fresh_database: tuple[str, Any]
) -> None:
    url, query = fresh_database
    backup = tmp_path / "warmnet.backup"
    with Writers(network_a) as writers:
        before = writers.seen()
        call_command("backup", output=str(backup))
        after = writers.seen()
    assert not writers.errors
    assert len(writers.seen()) > len(after) or len(after) > len(before)  # writes went on

    call_command("restore", str(backup), database_url=url)

    activity = Activity._meta.db_table
    restored = {pk for (pk,) in query(f"SELECT id FROM {activity}")}
    assert before <= restored, f"{len(before - restored)} committed rows missing"
    assert restored <= writers.seen(), "the backup holds rows that never committed"
    audited = {
        pk
        for (pk,) in query(
            "SELECT object_id FROM network_auditentry WHERE object_type = 'activity'"
        )
    }
    assert audited == restored  # every transaction whole, none in part
    assert query(f"SELECT slug FROM {Network._meta.db_table}") == [(network_a.slug,)]


def test_restore_refuses_a_database_that_has_tables(
    network_a: Network, tmp_path: Path, fresh_database: tuple[str, Any]
) -> None:
    url, query = fresh_database
    backup = tmp_path / "warmnet.backup"
    call_command("backup", output=str(backup))
    call_command("restore", str(backup), database_url=url)
    with pytest.raises(CommandError, match="already has tables"):
        call_command("restore", str(backup), database_url=url)
    call_command("restore", str(backup), database_url=url, replace=True)
    assert query(f"SELECT count(*) FROM {Network._meta.db_table}") == [(1,)]


def test_a_missing_backup_file_is_named(tmp_path: Path) -> None:
    with pytest.raises(CommandError, match="no backup at"):
        call_command("restore", str(tmp_path / "nothing.dump"), database_url="sqlite:///x")
