"""Helpers for the transfer tests; the personas (alice, bob, carol) are in tests/conftest.py."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from django.utils import translation

from warmnet.activities.models import Activity, Attendance, Contact
from warmnet.dossiers.models import Dossier, HardMoment, Milestone, Point, Position
from warmnet.network.models import AuditEntry, Member, Network, Organisation
from warmnet.transfer.report import ImportReport
from warmnet.transfer.service import import_files

EXAMPLES = Path(__file__).resolve().parents[2] / "docs" / "examples"
TODAY = dt.date(2026, 6, 1)
MODELS = [
    Organisation, Member, Activity, Attendance, Contact, Dossier, Point, Position, Milestone,
    HardMoment, AuditEntry,
]  # fmt: skip


def row_counts(network: Network) -> dict[str, int]:
    return {m.__name__: m._default_manager.filter(network=network).count() for m in MODELS}


@pytest.fixture(autouse=True)
def english() -> Any:
    """Messages are asserted in English (the msgids); Dutch is tested where it matters."""
    with translation.override("en"):
        yield


@pytest.fixture
def write(tmp_path: Path) -> Callable[[str, str | bytes], Path]:
    def write(name: str, content: str | bytes) -> Path:
        path = tmp_path / name
        path.write_bytes(content.encode("utf-8") if isinstance(content, str) else content)
        return path

    return write


@pytest.fixture
def run() -> Callable[..., ImportReport]:
    def run(
        network: Network, *paths: Path, dry_run: bool = False, user: Any = None
    ) -> ImportReport:
        return import_files(
            network, [(p, p.name) for p in paths], dry_run=dry_run, user=user, today=TODAY
        )

    return run


def counts(report: ImportReport) -> dict[str, tuple[int, int, int]]:
    return {k: (c.created, c.updated, c.unchanged) for k, c in report.counts.items() if c.total}
