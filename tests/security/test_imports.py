"""Findings 1, 9 and 10: imports bounded before memory is spent, text that is text,
and pending uploads in the database under a random key."""

from __future__ import annotations

import tempfile
import time
import zipfile
from pathlib import Path
from typing import Any

import openpyxl
import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client, override_settings

from warmnet.network.models import Member, Network
from warmnet.transfer.models import PendingUpload
from warmnet.transfer.readers import Limits
from warmnet.transfer.service import import_files
from warmnet.transfer.uploads import sweep


def _zip(tmp_path: Path, name: str, member: str, payload: bytes) -> Path:
    path = tmp_path / name
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED, compresslevel=9) as archive:
        archive.writestr(member, payload)
    return path


def test_a_zip_bomb_is_refused_from_its_directory_in_no_time(
    network_a: Network, tmp_path: Path
) -> None:
    bomb = _zip(tmp_path, "leden.zip", "leden.csv", b"naam;organisatie\n" + b"\n" * 50_000_000)
    started = time.process_time()
    report = import_files(network_a, [(bomb, bomb.name)], dry_run=True, limits=Limits.web())
    assert time.process_time() - started < 1.0
    assert not report.ok
    assert "zipbom" in report.as_text() or "zip bomb" in report.as_text()


def test_an_xlsx_with_huge_shared_strings_is_refused_before_openpyxl_reads_it(
    network_a: Network, tmp_path: Path
) -> None:
    path = tmp_path / "leden.xlsx"
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("xl/workbook.xml", "<workbook/>")
        archive.writestr("xl/sharedStrings.xml", b"<sst>" + b"a" * 60_000_000 + b"</sst>")
    report = import_files(network_a, [(path, path.name)], dry_run=True, limits=Limits.web())
    assert not report.ok


@override_settings(WARMNET_IMPORT_MAX_LINE=10_000)
def test_a_line_longer_than_the_limit_is_refused_without_reading_it_whole(
    network_a: Network, tmp_path: Path
) -> None:
    path = tmp_path / "leden.csv"
    path.write_bytes(b"naam;organisatie\n" + b"a;" * 100_000 + b"\n")
    report = import_files(network_a, [(path, path.name)], dry_run=True, limits=Limits.web())
    assert not report.ok
    assert "10000" in report.as_text()


@override_settings(WARMNET_IMPORT_WEB_MAX_ROWS=1_000)
def test_too_many_rows_for_the_web_are_refused_with_the_way_out(
    network_a: Network, tmp_path: Path
) -> None:
    path = tmp_path / "organisaties.csv"
    path.write_text("naam\n" + "".join(f"Org {i}\n" for i in range(2_000)))
    report = import_files(network_a, [(path, path.name)], dry_run=True, limits=Limits.web())
    assert not report.ok
    assert "warmnet import" in report.as_text()
    # the command line's limits admit it
    assert import_files(network_a, [(path, path.name)], dry_run=True).ok


def test_utf32_is_read_as_utf32_and_nul_characters_are_refused(
    network_a: Network, org_a: Any, tmp_path: Path
) -> None:
    good = tmp_path / "leden.csv"
    good.write_bytes("naam;organisatie\nJoël Smit;Gemeente Assen\n".encode("utf-32"))
    report = import_files(network_a, [(good, good.name)])
    assert report.ok, report.as_text()
    assert Member.objects.filter(name="Joël Smit").exists()
    bad = tmp_path / "leden2.csv"  # UTF-16: NUL bytes are normal there, a NUL character not
    text = "naam;organisatie\nA\x00B;Gemeente Assen\n\u200b\u200b;Gemeente Assen\n"
    bad.write_bytes(text.encode("utf-16"))
    report = import_files(network_a, [(bad, bad.name)])
    assert not report.ok
    assert report.errors.total == 2


def test_an_unterminated_quote_does_not_swallow_rows_into_a_name(
    network_a: Network, org_a: Any, tmp_path: Path
) -> None:
    path = tmp_path / "leden.csv"
    path.write_text('naam;organisatie\n"Ann;Gemeente Assen\nBen;Gemeente Assen\n')
    report = import_files(network_a, [(path, path.name)])
    assert not report.ok
    assert not Member.objects.filter(name__contains="Ben").exists()


def test_an_xlsx_cell_longer_than_the_cell_limit_is_refused(
    network_a: Network, tmp_path: Path
) -> None:
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.title = "dossiers"
    sheet.append(["naam", "omschrijving"])
    sheet.append(["Water", "x" * 32_767])  # Excel's own limit; openpyxl writes no more
    written = tmp_path / "written.xlsx"
    book.save(written)
    path = tmp_path / "dossiers.xlsx"
    with zipfile.ZipFile(written) as src, zipfile.ZipFile(path, "w") as out:
        for info in src.infolist():
            out.writestr(info, src.read(info).replace(b"x" * 32_767, b"x" * 100_001))
    report = import_files(network_a, [(path, path.name)])
    assert not report.ok
    assert "100000" in report.as_text()


def _upload(client: Client, slug: str) -> Any:
    data = b"naam;soort\nProvincie Drenthe;provincie\n"
    upload = SimpleUploadedFile("organisaties.csv", data, content_type="text/csv")
    return client.post(f"/n/{slug}/transfer/import/", {"uploads": upload})


def test_a_pending_upload_waits_in_the_database_not_in_a_temporary_folder(
    network_a: Network,
    alice: Any,
    alice_client: Client,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    # a temporary folder of this test's own, so other tests running beside it do not count
    monkeypatch.setattr(tempfile, "tempdir", str(tmp_path))
    response = _upload(alice_client, network_a.slug)
    assert response.status_code == 200
    pending = PendingUpload.objects.get()
    assert len(pending.key) >= 40
    assert bytes(pending.files.get().content).startswith(b"naam;soort")
    assert list(tmp_path.iterdir()) == []
    # someone else cannot confirm it, even knowing the key
    confirm = f"/n/{network_a.slug}/transfer/import/confirm/"
    alice_client.post(confirm, {"token": pending.key})
    assert not PendingUpload.objects.exists()


@override_settings(WARMNET_UPLOAD_MAX_BYTES=1_000)
def test_an_upload_over_the_size_limit_is_stopped_while_it_streams(
    network_a: Network, alice: Any, alice_client: Client
) -> None:
    upload = SimpleUploadedFile("organisaties.csv", b"naam\n" + b"Org\n" * 5_000)
    response = alice_client.post(f"/n/{network_a.slug}/transfer/import/", {"uploads": upload})
    assert response.status_code == 413
    assert "grens voor uploads" in response.content.decode()
    assert not PendingUpload.objects.exists()


@override_settings(WARMNET_UPLOAD_MAX_AGE_MINUTES=1)
def test_old_uploads_are_swept(network_a: Network, alice: Any, alice_client: Client) -> None:
    _upload(alice_client, network_a.slug)
    PendingUpload.objects.update(created_at="2000-01-01T00:00Z")
    assert sweep() > 0
    assert not PendingUpload.objects.exists()


def test_nobody_confirms_anothers_upload(
    network_a: Network, alice: Any, dave: Any, alice_client: Client, dave_client: Client
) -> None:
    _upload(alice_client, network_a.slug)
    key = PendingUpload.objects.get().key
    dave_client.post(f"/n/{network_a.slug}/transfer/import/confirm/", {"token": key})
    assert PendingUpload.objects.filter(key=key).exists()
    assert not network_a.organisation_set.filter(name="Provincie Drenthe").exists()
