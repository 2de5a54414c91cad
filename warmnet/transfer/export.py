"""A whole network out as files: a zip of CSVs, or one XLSX workbook, that import reads back.

Sheets, column headings and choices are written in the user's language ("duur in
minuten", "informele ontmoeting" for a Dutch user; "duration minutes", "informal meeting"
in English), from the same tables import reads them back with
(:mod:`warmnet.transfer.schema`, :func:`warmnet.transfer.labels.choice_word`); dates as
ISO, activity starts in local time.
Text that a spreadsheet would run as a formula (starting with ``=``, ``+``,
``-``, ``@``) is defused: in CSV with a leading apostrophe, which import takes
off again; in XLSX by storing the cell as plain text.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import zipfile
from collections.abc import Callable, Iterator
from typing import IO, Any

import openpyxl
from django.db import models
from django.utils import timezone, translation
from django.utils.text import slugify
from openpyxl.cell import WriteOnlyCell
from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE

from warmnet.activities.models import (
    Activity,
    ActivityKind,
    Attendance,
    AttendanceStatus,
    Contact,
    ContactChannel,
)
from warmnet.dossiers.models import (
    Dossier,
    HardMoment,
    Milestone,
    MilestoneKind,
    Outcome,
    Point,
    PointKind,
    PointStatus,
    Position,
    Stance,
)
from warmnet.network.models import Member, Network, Organisation, OrganisationKind, Role
from warmnet.transfer.labels import choice_word
from warmnet.transfer.schema import heading, sheet_name
from warmnet.transfer.values import INJECTION_PREFIXES

__all__ = ["SHEETS", "export_csv_zip", "export_filename", "export_xlsx", "sheet_rows"]

XLSX_MAX_ROWS = 1_000_000
_CHUNK = 10_000

Rows = Iterator[list[Any]]


def export_filename(network: Network, fmt: str) -> str:
    stamp = timezone.localdate().isoformat()
    extension = "xlsx" if fmt == "xlsx" else "zip"
    return f"{slugify(network.slug) or 'network'}-{stamp}.{extension}"


def _code(choices: type[models.IntegerChoices]) -> Callable[[int], str]:
    """Each choice's word in the active language (the export sets it)."""
    language = translation.get_language() or "nl"
    names = {int(member.value): choice_word(member, language) for member in choices}  # type: ignore[arg-type]
    return lambda value: names.get(value, str(value))


def _local(moment: dt.datetime) -> dt.datetime:
    return timezone.localtime(moment).replace(tzinfo=None, microsecond=0)


def _names(model: type[models.Model], network: Network, field: str = "name") -> dict[int, str]:
    return dict(model._default_manager.filter(network=network).values_list("pk", field))


def _organisations(network: Network) -> Rows:
    kind = _code(OrganisationKind)
    yield ["name", "kind"]
    for name, k in Organisation.objects.filter(network=network).values_list("name", "kind"):
        yield [name, kind(k)]


def _dossiers(network: Network) -> Rows:
    yield ["name", "description"]
    yield from map(list, Dossier.objects.filter(network=network).values_list("name", "description"))


def _members(network: Network) -> Rows:
    role = _code(Role)
    yield ["name", "organisation", "email", "role", "joined_on", "left_on"]
    rows = Member.objects.filter(network=network).values_list(
        "name", "organisation__name", "email", "role", "joined_on", "left_on"
    )
    for name, org, email, r, joined, left in rows.iterator(chunk_size=_CHUNK):
        yield [name, org, email, role(r), joined, left]


def _activities(network: Network) -> Rows:
    kind = _code(ActivityKind)
    orgs, dossiers = _names(Organisation, network), _names(Dossier, network)
    yield [
        "title", "start", "kind", "duration_minutes", "location", "host_organisation",
        "dossier", "relationship_share", "description",
    ]  # fmt: skip
    rows = Activity.objects.filter(network=network).order_by("start", "pk")
    for title, start, k, minutes, location, host, dossier, share, description in rows.values_list(
        "title", "start", "kind", "duration_minutes", "location", "host_organisation_id",
        "dossier_id", "relationship_share", "description",
    ).iterator(chunk_size=_CHUNK):  # fmt: skip
        yield [
            title, _local(start), kind(k), minutes, location, orgs.get(host, ""),
            dossiers.get(dossier, ""), share, description,
        ]  # fmt: skip


def _points(network: Network) -> Rows:
    kind, status = _code(PointKind), _code(PointStatus)
    yield ["dossier", "title", "kind", "status", "opened_on", "status_since", "description"]
    rows = Point.objects.filter(network=network).values_list(
        "dossier__name", "title", "kind", "status", "opened_on", "status_since", "description"
    )
    for dossier, title, k, s, opened, since, description in rows:
        yield [dossier, title, kind(k), status(s), opened, since, description]


def _milestones(network: Network) -> Rows:
    kind = _code(MilestoneKind)
    yield ["title", "date", "kind", "dossier"]
    rows = Milestone.objects.filter(network=network).values_list(
        "title", "date", "kind", "dossier__name"
    )
    for title, date, k, dossier in rows:
        yield [title, date, kind(k), dossier or ""]


def _hard_moments(network: Network) -> Rows:
    outcome = _code(Outcome)
    yield ["title", "date", "outcome", "parties", "description"]
    moments = HardMoment.objects.filter(network=network).prefetch_related("parties")
    for moment in moments:
        parties = "; ".join(sorted(org.name for org in moment.parties.all()))
        yield [moment.title, moment.date, outcome(moment.outcome), parties, moment.description]


def _people(network: Network) -> dict[int, tuple[str, str, str]]:
    rows = Member.objects.filter(network=network).values_list(
        "pk", "name", "email", "organisation__name"
    )
    return {pk: (name, email, org) for pk, name, email, org in rows}


def _contacts(network: Network) -> Rows:
    channel = _code(ContactChannel)
    people = _people(network)
    yield ["member", "member_email", "with", "with_email", "date", "channel", "note"]
    rows = Contact.objects.filter(network=network).values_list(
        "member_a_id", "member_b_id", "date", "channel", "note"
    )
    for a, b, date, c, note in rows.iterator(chunk_size=_CHUNK):
        (a_name, a_email, _org), (b_name, b_email, _org_b) = people[a], people[b]
        yield [a_name, a_email, b_name, b_email, date, channel(c), note]


def _positions(network: Network) -> Rows:
    stance = _code(Stance)
    people, orgs = _people(network), _names(Organisation, network)
    yield ["dossier", "point", "member", "member_email", "organisation", "stance", "date", "note"]
    rows = Position.objects.filter(network=network).values_list(
        "point__dossier__name", "point__title", "member_id", "organisation_id", "stance", "date",
        "note",
    )  # fmt: skip
    for dossier, point, member, org, s, date, note in rows:
        name, email, member_org = people[member] if member else ("", "", "")
        yield [dossier, point, name, email, member_org or orgs.get(org, ""), stance(s), date, note]


def _attendance(network: Network) -> Rows:
    status = _code(AttendanceStatus)
    people = _people(network)
    activities = {
        pk: (title, _local(start))
        for pk, title, start in Activity.objects.filter(network=network).values_list(
            "pk", "title", "start"
        )
    }
    yield ["member", "email", "organisation", "activity", "date", "status"]
    rows = Attendance.objects.filter(network=network).order_by("activity_id", "member_id")
    for activity, member, s in rows.values_list("activity_id", "member_id", "status").iterator(
        chunk_size=50_000
    ):
        name, email, org = people[member]
        title, start = activities[activity]
        yield [name, email, org, title, start, status(s)]


#: sheet name -> its rows, in the order import needs them
SHEETS: dict[str, Callable[[Network], Rows]] = {
    "organisations": _organisations,
    "dossiers": _dossiers,
    "members": _members,
    "activities": _activities,
    "points": _points,
    "milestones": _milestones,
    "hard_moments": _hard_moments,
    "contacts": _contacts,
    "positions": _positions,
    "attendance": _attendance,
}


def sheet_rows(network: Network, sheet: str) -> Rows:
    return SHEETS[sheet](network)


def _language(language: str | None) -> str:
    return "nl" if (language or translation.get_language() or "nl").startswith("nl") else "en"


def _translated(name: str, rows: Rows, language: str) -> Rows:
    """The sheet's rows under its headings in ``language``, choices in its words."""
    with translation.override(language):
        header = next(rows)  # the sheet's choice words are looked up here, in ``language``
    yield [heading(name, column, language) for column in header]
    yield from rows


def _sheets(network: Network, language: str) -> Iterator[tuple[str, Rows]]:
    for name, rows in SHEETS.items():
        yield sheet_name(name, language), _translated(name, rows(network), language)


def _csv_cell(value: Any) -> Any:
    if value is None:
        return ""
    if isinstance(value, dt.datetime):
        return value.strftime("%Y-%m-%d %H:%M:%S" if value.second else "%Y-%m-%d %H:%M")
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, str) and value.startswith(INJECTION_PREFIXES):
        return "'" + value
    return value


def export_csv_zip(network: Network, out: IO[bytes], language: str | None = None) -> None:
    """One UTF-8 CSV per entity (with a BOM, so Excel reads the accents), zipped; in
    ``language`` (default: the active one)."""
    with zipfile.ZipFile(out, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        for name, rows in _sheets(network, _language(language)):
            with archive.open(f"{name}.csv", "w", force_zip64=True) as raw:
                text = io.TextIOWrapper(raw, encoding="utf-8-sig", newline="")
                writer = csv.writer(text)
                for row in rows:
                    writer.writerow([_csv_cell(v) for v in row])
                text.flush()
                text.detach()


def _xlsx_cell(sheet: Any, value: Any) -> Any:
    if isinstance(value, str):
        cell = WriteOnlyCell(sheet, value=ILLEGAL_CHARACTERS_RE.sub("", value))
        cell.data_type = "s"  # never a formula, whatever the text starts with
        return cell
    if isinstance(value, dt.datetime):
        cell = WriteOnlyCell(sheet, value=value)
        cell.number_format = "yyyy-mm-dd hh:mm"
        return cell
    if isinstance(value, dt.date):
        cell = WriteOnlyCell(sheet, value=value)
        cell.number_format = "yyyy-mm-dd"
        return cell
    return value


def export_xlsx(network: Network, out: IO[bytes], language: str | None = None) -> None:
    """One workbook, a sheet per entity (attendance split over sheets past a million rows);
    in ``language`` (default: the active one)."""
    book = openpyxl.Workbook(write_only=True)
    for name, rows in _sheets(network, _language(language)):
        iterator = rows
        header = next(iterator)
        part, sheet, count = 1, book.create_sheet(name), 0
        sheet.append(header)
        for row in iterator:
            if count == XLSX_MAX_ROWS:
                part += 1
                sheet, count = book.create_sheet(f"{name} {part}"), 0
                sheet.append(header)
            sheet.append([_xlsx_cell(sheet, v) for v in row])
            count += 1
    book.save(out)
