"""``warmnet import`` and ``warmnet export`` as a new user would run them."""

from __future__ import annotations

import zipfile
from pathlib import Path
from typing import Any

import pytest
from django.core.management import CommandError, call_command

from tests.transfer.conftest import EXAMPLES, row_counts
from warmnet.network.models import Member, Network


def test_import_dry_run_then_for_real(network_a: Network, capsys: Any) -> None:
    files = [str(EXAMPLES / n) for n in ("organisaties.csv", "leden.csv")]
    call_command("import", "regio-deal-noord", *files, "--dry-run")
    assert "Dry run" in capsys.readouterr().out
    assert not Member.objects.filter(network=network_a).exists()
    call_command("import", "regio-deal-noord", *files)
    assert "members: 5 new" in capsys.readouterr().out
    assert Member.objects.filter(network=network_a).count() == 5


def test_import_errors_exit_non_zero_listing_every_problem(
    network_a: Network, tmp_path: Path
) -> None:
    bad = tmp_path / "leden.csv"
    bad.write_text("naam,organisatie,rol\nA,B,keizer\nC,D,paus\n")
    with pytest.raises(CommandError) as raised:
        call_command("import", "regio-deal-noord", str(bad))
    message = str(raised.value)
    assert "keizer" in message and "paus" in message and "line 3" in message
    assert row_counts(network_a)["Member"] == 0


def test_unknown_network_and_missing_file(network_a: Network, tmp_path: Path) -> None:
    with pytest.raises(CommandError, match="no network"):
        call_command("import", "nope", str(EXAMPLES / "leden.csv"))
    with pytest.raises(CommandError, match="not a file"):
        call_command("import", "regio-deal-noord", str(tmp_path / "missing.csv"))


def test_export_writes_a_zip_and_a_workbook(alice: Any, tmp_path: Path) -> None:
    out = tmp_path / "net.zip"
    call_command("export", "regio-deal-noord", "--format", "csv", "--output", str(out))
    names = zipfile.ZipFile(out).namelist()
    assert "leden.csv" in names and "aanwezigheid.csv" in names and len(names) == 10
    english = tmp_path / "net-en.zip"
    call_command(
        "export",
        "regio-deal-noord",
        "--format",
        "csv",
        "--output",
        str(english),
        "--language",
        "en",
    )
    names = zipfile.ZipFile(english).namelist()
    assert "members.csv" in names and "hard moments.csv" in names and len(names) == 10
    book = tmp_path / "net.xlsx"
    call_command("export", "regio-deal-noord", "--format", "xlsx", "--output", str(book))
    assert zipfile.ZipFile(book).namelist()
