"""Bad input gets a clear message naming the row and field, and nothing half-saved."""

from __future__ import annotations

import datetime as dt
import io
import zipfile
from typing import Any

import openpyxl
import pytest
from django.utils import timezone
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tests.transfer.conftest import row_counts
from warmnet.activities.models import Activity
from warmnet.network.models import Member, Network, Organisation
from warmnet.transfer.readers import MAX_CELL


def only(report: Any) -> Any:
    assert not report.ok
    assert report.errors.total == 1, report.as_text()
    return report.errors.kept[0]


def test_every_bad_row_is_reported_with_line_column_and_value_and_nothing_is_saved(
    network_a: Network, org_a: Organisation, write: Any, run: Any
) -> None:
    sheet = (
        "name,organisation,email,role,joined_on,left_on\n"
        "Good Person,Gemeente Assen,good@example.org,participant,2026-01-01,\n"
        ",Gemeente Assen,,,,\n"
        "Bad Mail,Gemeente Assen,not-an-email,,,\n"
        "Bad Role,Gemeente Assen,,emperor,,\n"
        "Bad Date,Gemeente Assen,,,31-02-2026,\n"
        "Leaves Early,Gemeente Assen,,,2026-05-01,2026-04-01\n"
        "Twice,Gemeente Assen,twice@example.org,,,\n"
        "Twice Again,Gemeente Assen,TWICE@example.org,,,\n"
        f"{'L' * 201},Gemeente Assen,,,,\n"
    )
    before = row_counts(network_a)
    report = run(network_a, write("members.csv", sheet))
    assert not report.ok
    found = {(p.line, p.column, p.value) for p in report.errors.kept}
    assert found == {
        (3, "name", ""),
        (4, "email", "not-an-email"),
        (5, "role", "emperor"),
        (6, "joined_on", "31-02-2026"),
        (7, "left_on", "2026-04-01"),
        (9, "", ""),
        (10, "name", "L" * 79 + "…"),
    }
    assert all(p.file == "members.csv" and p.reason for p in report.errors.kept)
    assert row_counts(network_a) == before
    assert not Member.objects.filter(email="good@example.org").exists()


def test_references_to_unknown_rows_are_errors(network_a: Network, write: Any, run: Any) -> None:
    acts = "title,start,kind,duration_minutes,host_organisation,dossier\n"
    acts += "Kick-off,2026-03-12,working_session,60,Nowhere,No dossier\n"
    att = "member,activity,date\nnobody@example.org,Kick-off,2026-03-13\n"
    report = run(network_a, write("activities.csv", acts), write("attendance.csv", att))
    reasons = {(p.file, p.column): p.reason for p in report.errors.kept}
    assert set(reasons) == {
        ("activities.csv", "host_organisation"),
        ("activities.csv", "dossier"),
        ("attendance.csv", "member"),
        ("attendance.csv", "activity"),
    }
    assert row_counts(network_a)["Activity"] == 0


def test_a_new_activity_needs_kind_and_duration(network_a: Network, write: Any, run: Any) -> None:
    report = run(network_a, write("activities.csv", "title,start\nKick-off,2026-03-12\n"))
    assert {p.column for p in report.errors.kept} == {"kind", "duration_minutes"}


def test_a_windows_excel_csv_with_semicolons_is_read(
    network_a: Network, write: Any, run: Any
) -> None:
    sheet = "Naam;Soort\r\nGemeente Súdwest-Fryslân;municipality\r\nCafé Zoë;company\r\n"
    report = run(network_a, write("organisaties.csv", sheet.encode("cp1252")))
    assert report.ok, report.as_text()
    assert set(Organisation.objects.values_list("name", flat=True)) == {
        "Gemeente Súdwest-Fryslân",
        "Café Zoë",
    }


def test_an_empty_file_is_an_error(network_a: Network, write: Any, run: Any) -> None:
    assert only(run(network_a, write("leden.csv", b""))).reason == "The file is empty."
    assert only(run(network_a, write("leden.csv", "\n\n  \n"))).file == "leden.csv"


def test_a_sheet_with_only_headers_imports_nothing(
    network_a: Network, write: Any, run: Any
) -> None:
    report = run(network_a, write("leden.csv", "naam,organisatie\n"))
    assert report.ok and not report.changed


def test_duplicate_headers_are_refused(network_a: Network, write: Any, run: Any) -> None:
    problem = only(run(network_a, write("leden.csv", "naam,organisatie,e-mail,email\nA,B,,\n")))
    assert (problem.line, problem.column, problem.value) == (1, "email", "e-mail, email")


def test_a_file_nobody_can_recognise_is_an_error(network_a: Network, write: Any, run: Any) -> None:
    problem = only(run(network_a, write("data.csv", "foo,bar\n1,2\n")))
    assert "Could not tell" in problem.reason


def test_missing_columns_are_named(network_a: Network, write: Any, run: Any) -> None:
    problem = only(run(network_a, write("leden.csv", "naam,telefoon\nA,06\n")))
    assert "organisation" in problem.reason


def test_a_formula_is_a_value_never_evaluated(network_a: Network, tmp_path: Any, run: Any) -> None:
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.title = "Organisaties"
    sheet.append(["Naam", "Soort"])
    sheet.append(['=HYPERLINK("http://evil.example","x")', "=1+1"])
    path = tmp_path / "orgs.xlsx"
    book.save(path)
    report = run(network_a, path)
    problem = only(report)
    assert (problem.column, problem.value) == ("Soort", "=1+1")
    sheet["B2"] = "company"
    book.save(path)
    assert run(network_a, path).ok
    assert Organisation.objects.get(network=network_a).name.startswith("=HYPERLINK(")


def test_a_huge_cell_is_an_error_not_a_hang(network_a: Network, write: Any, run: Any) -> None:
    huge = "naam,organisatie\n" + "A" * (MAX_CELL + 10) + ",B\n"
    problem = only(run(network_a, write("leden.csv", huge)))
    assert problem.line == 2
    long_name = "naam,organisatie\n" + "A" * 5000 + ",B\n"
    assert "longer than 200" in only(run(network_a, write("leden.csv", long_name))).reason


@pytest.mark.parametrize(
    ("name", "content", "reason"),
    [
        ("old.xls", b"\xd0\xcf\x11\xe0" + b"\x00" * 100, "old Excel"),
        ("broken.xlsx", b"PK\x03\x04" + b"garbage" * 10, "damaged"),
        ("bin.csv", b"naam,organisatie\x00\x01\x02", "not a text"),
        ("undefined.csv", b"naam,organisatie\n\x81\x8d\x8f,x\n", "encoding"),
        ("quote.csv", b'naam,organisatie\n"A\x00,B\n', "not a text"),
    ],
)
def test_unreadable_files_get_a_clear_message(
    network_a: Network, write: Any, run: Any, name: str, content: bytes, reason: str
) -> None:
    assert reason in only(run(network_a, write(name, content))).reason


def test_an_empty_zip_and_a_zip_without_csv_are_errors(
    network_a: Network, write: Any, run: Any
) -> None:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("readme.md", "hello")
    assert "no CSV" in only(run(network_a, write("x.zip", buffer.getvalue()))).reason


CELL = st.one_of(
    st.text(max_size=30),
    st.sampled_from(["", "X", "2026-02-30", "12-03-2026", "=1+1", "@x", "ja", "-1", "1:30"]),
)
HEADERS = st.lists(
    st.sampled_from(
        ["naam", "name", "organisatie", "email", "rol", "lid sinds", "title", "start", "kind",
         "duur", "member", "activity", "date", "status", "Kick-off (12-03-2026)", "", "x"]
    ),
    min_size=1,
    max_size=7,
)  # fmt: skip


@settings(
    max_examples=60,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(
    name=st.sampled_from(["leden.csv", "activities.csv", "attendance.csv", "x.csv", "o.csv"]),
    headers=HEADERS,
    rows=st.lists(st.lists(CELL, max_size=8), max_size=6),
    delimiter=st.sampled_from([",", ";", "\t"]),
    encoding=st.sampled_from(["utf-8", "utf-8-sig", "cp1252", "utf-16"]),
)
def test_generated_broken_sheets_end_in_a_clean_report(
    network_a: Network,
    org_a: Organisation,
    write: Any,
    run: Any,
    name: str,
    headers: list[str],
    rows: list[list[str]],
    delimiter: str,
    encoding: str,
) -> None:
    lines = [delimiter.join(headers)] + [delimiter.join(r) for r in rows]
    content = "\n".join(lines).encode(encoding, errors="replace")
    before = row_counts(network_a)
    report = run(network_a, write(name, content))
    if not report.ok:
        assert row_counts(network_a) == before
        assert all(p.reason for p in report.errors.kept)


@settings(
    max_examples=60,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(content=st.binary(max_size=2000), name=st.sampled_from(["a.csv", "b.xlsx", "c.zip"]))
def test_random_bytes_never_raise(
    network_a: Network, write: Any, run: Any, content: bytes, name: str
) -> None:
    before = row_counts(network_a)
    report = run(network_a, write(name, content))
    if not report.ok:
        assert row_counts(network_a) == before


def test_an_error_in_a_later_file_saves_nothing_of_the_earlier_ones(
    network_a: Network, write: Any, run: Any
) -> None:
    good = write("organisaties.csv", "naam\nGemeente Assen\n")
    bad = write("leden.csv", "naam,organisatie,lid sinds\nA,Gemeente Assen,gisteren\n")
    before = row_counts(network_a)
    report = run(network_a, good, bad)
    assert only(report).value == "gisteren"
    assert row_counts(network_a) == before


def test_dates_in_the_usual_dutch_and_iso_forms(network_a: Network, write: Any, run: Any) -> None:
    sheet = (
        "title;start;kind;duration_minutes\n"
        "A;27-11-2026 14:30;dinner;60\n"
        "B;27/11/2026;dinner;60\n"
        "C;2026-11-27T09:15;dinner;60\n"
        "D;27.11.2026;dinner;60\n"
    )
    report = run(network_a, write("activities.csv", sheet))
    assert report.ok, report.as_text()
    days = {timezone.localtime(a.start).date() for a in Activity.objects.filter(network=network_a)}
    assert days == {dt.date(2026, 11, 27)}
