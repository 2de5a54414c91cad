"""Exports speak the user's language (headings, sheet names, kind words) and import reads
both back: a Dutch file into an English session and an English file into a Dutch one."""

from __future__ import annotations

import csv
import io
import zipfile
from pathlib import Path
from typing import Any

import openpyxl
import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone, translation

from tests.transfer.test_roundtrip import build, snapshot
from warmnet.activities.models import Activity, ActivityKind
from warmnet.network.models import Network
from warmnet.transfer.export import export_csv_zip, export_xlsx
from warmnet.transfer.labels import choice_table, choice_word, fold
from warmnet.transfer.schema import DUTCH_HEADINGS, ENTITIES, heading


def _csv_sheets(data: bytes) -> dict[str, list[list[str]]]:
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        return {
            name.removesuffix(".csv"): list(
                csv.reader(io.StringIO(archive.read(name).decode("utf-8-sig")))
            )
            for name in archive.namelist()
        }


def _xlsx_sheets(data: bytes) -> dict[str, list[list[Any]]]:
    book = openpyxl.load_workbook(io.BytesIO(data), read_only=True)
    return {ws.title: [list(r) for r in ws.iter_rows(values_only=True)] for ws in book.worksheets}


def _export(network: Network, fmt: str, language: str) -> bytes:
    out = io.BytesIO()
    (export_csv_zip if fmt == "csv" else export_xlsx)(network, out, language)
    return out.getvalue()


@pytest.mark.parametrize("fmt", ["csv", "xlsx"])
def test_a_dutch_export_has_dutch_headings_and_kind_words(network_a: Network, fmt: str) -> None:
    build(network_a)
    data = _export(network_a, fmt, "nl")
    sheets = _csv_sheets(data) if fmt == "csv" else _xlsx_sheets(data)
    assert "activiteiten" in sheets and "leden" in sheets and "harde momenten" in sheets
    rows = sheets["activiteiten"]
    assert rows[0][:4] == ["titel", "begin", "soort", "duur in minuten"]
    kinds = {row[2] for row in rows[1:]}
    assert {"informele ontmoeting", "werksessie", "onderhandeling", "gemengd", "diner"} == kinds
    assert "informal_meeting" not in kinds
    assert sheets["leden"][0] == [
        "naam",
        "organisatie",
        "e-mailadres",
        "rol",
        "lid sinds",
        "lid tot",
    ]
    assert {row[3] for row in sheets["leden"][1:]} == {
        "coördinator",
        "kernteam",
        "deelnemer",
        "waarnemer",
    }
    assert sheets["standpunten"][0][5] == "standpunt"
    assert {row[5] for row in sheets["standpunten"][1:]} == {"voor", "tegen"}


@pytest.mark.parametrize("fmt", ["csv", "xlsx"])
def test_an_english_export_has_english_words_not_codes(network_a: Network, fmt: str) -> None:
    build(network_a)
    data = _export(network_a, fmt, "en")
    sheets = _csv_sheets(data) if fmt == "csv" else _xlsx_sheets(data)
    assert "activities" in sheets and "hard moments" in sheets
    rows = sheets["activities"]
    assert rows[0][3] == "duration minutes" and rows[0][5] == "host organisation"
    assert "informal meeting" in {row[2] for row in rows[1:]}
    assert sheets["contacts"][0][:2] == ["member", "member e-mail"]


@pytest.mark.parametrize("fmt", ["csv", "xlsx"])
@pytest.mark.parametrize(("written", "read"), [("nl", "en"), ("en", "nl"), ("nl", "nl")])
def test_an_export_in_either_language_imports_unchanged(
    network_a: Network,
    network_b: Network,
    tmp_path: Path,
    run: Any,
    fmt: str,
    written: str,
    read: str,
) -> None:
    build(network_a)
    path = tmp_path / f"export.{'zip' if fmt == 'csv' else 'xlsx'}"
    path.write_bytes(_export(network_a, fmt, written))
    with translation.override(read):
        report = run(network_b, path)
        assert report.ok, report.as_text()
        assert snapshot(network_b) == snapshot(network_a)
        again = run(network_b, path)
    assert again.ok and not again.changed, again.as_text()


def test_every_heading_reads_back_as_its_own_column() -> None:
    for key, entity in ENTITIES.items():
        aliases = entity.aliases()
        assert set(DUTCH_HEADINGS[key]) == set(entity.columns), key
        for column in entity.columns:
            for language in ("nl", "en"):
                assert aliases[fold(heading(key, column, language))] == column, (key, column)


def test_every_kind_word_reads_back_as_its_own_kind() -> None:
    table = choice_table(ActivityKind)
    for kind in ActivityKind:
        for language in ("nl", "en"):
            assert table[fold(choice_word(kind, language))] == kind.value, (kind, language)


@pytest.mark.parametrize(
    ("language", "header", "kind"),
    [
        ("nl", "duur in minuten", "informele ontmoeting"),
        ("en", "duration minutes", "informal meeting"),
    ],
)
def test_the_download_follows_the_users_language(
    alice_client: Client, network_a: Network, language: str, header: str, kind: str
) -> None:
    Activity.objects.create(
        network=network_a, title="Borrel", kind=ActivityKind.INFORMAL_MEETING,
        start=timezone.now(), duration_minutes=90,
    )  # fmt: skip
    alice_client.cookies["django_language"] = language
    response = alice_client.get(reverse("transfer:export_download", args=[network_a.slug, "csv"]))
    assert response.status_code == 200
    sheets = _csv_sheets(b"".join(response.streaming_content))  # type: ignore[attr-defined]
    name = "activiteiten" if language == "nl" else "activities"
    assert sheets[name][0][3] == header
    assert sheets[name][1][2] == kind
