"""Read spreadsheets into tables of cells, without trusting them.

A *table* is one CSV file or one worksheet: a name to report errors against
and a stream of ``(line, cells)``.  Rows are streamed, never loaded whole, so a
file with two million attendance rows costs the memory of one row at a time.
Anything unreadable becomes a :class:`ReadError` with a message a user can act
on; nothing here evaluates a formula or follows a link.
"""

from __future__ import annotations

import codecs
import csv
import io
import zipfile
from collections.abc import Callable, Iterator
from contextlib import ExitStack
from dataclasses import dataclass, field
from pathlib import Path
from typing import IO, Any

import openpyxl
from django.utils.translation import gettext as _

__all__ = ["ReadError", "Table", "read_tables"]

Row = tuple[int, list[Any]]

# Big enough for any real description; beyond it a cell is an error, not a hang.
MAX_CELL = 100_000
csv.field_size_limit(MAX_CELL)

_CHUNK = 1 << 20


class ReadError(Exception):
    """A file (or a row of it) that cannot be read; ``line`` when known."""

    def __init__(self, message: str, line: int | None = None) -> None:
        super().__init__(message)
        self.message = message
        self.line = line


@dataclass
class Table:
    file: str
    sheet: str
    # Each call streams the rows afresh: tables are read once to recognise them and
    # again, in dependency order, to plan the import.
    rows: Callable[[], Iterator[Row]]
    # Names to recognise the entity by: the sheet's, then the file's.
    names: list[str] = field(default_factory=list)


def _is_zip(head: bytes) -> bool:
    return head.startswith(b"PK\x03\x04")


def read_tables(path: Path, display_name: str, stack: ExitStack) -> list[Table]:
    """Every table in one file: a CSV, an XLSX workbook, or a zip of CSVs (as exported).

    Workbooks and zips stay open on ``stack`` until the import is over.
    """
    with open(path, "rb") as fh:
        head = fh.read(8192)
    if not head.strip():
        raise ReadError(_("The file is empty."))
    if head.startswith(b"\xd0\xcf\x11\xe0"):
        raise ReadError(
            _("This is an old Excel file (.xls). Save it as .xlsx or CSV and try again.")
        )
    if _is_zip(head):
        return _read_zip(path, display_name, stack)
    return [_csv_table_from(lambda: open(path, "rb"), display_name, display_name)]


def _read_zip(path: Path, display_name: str, stack: ExitStack) -> list[Table]:
    try:
        archive = stack.enter_context(zipfile.ZipFile(path))
        names = archive.namelist()
    except (zipfile.BadZipFile, OSError, ValueError) as exc:
        raise ReadError(_("The file looks like a zip or Excel file but is damaged.")) from exc
    if "xl/workbook.xml" in names:
        return _xlsx_tables(path, display_name, stack)
    csvs = [n for n in names if n.lower().endswith((".csv", ".txt")) and not n.startswith("__")]
    if not csvs:
        raise ReadError(_("The zip file holds no CSV files."))
    return [
        _csv_table_from(lambda n=name: archive.open(n), f"{display_name}/{name}", name)
        for name in sorted(csvs)
    ]


def _detect_encoding(opener: Any) -> str:
    with opener() as fh:
        head = fh.read(4)
    if head.startswith(codecs.BOM_UTF8):
        return "utf-8-sig"
    if head.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return "utf-16"
    for encoding in ("utf-8", "cp1252"):
        decoder = codecs.getincrementaldecoder(encoding)()
        try:
            with opener() as fh:
                while chunk := fh.read(_CHUNK):
                    if b"\x00" in chunk:
                        raise ReadError(_("This is not a text (CSV) file."))
                    decoder.decode(chunk)
                decoder.decode(b"", final=True)
        except UnicodeDecodeError:
            continue
        return encoding
    raise ReadError(_("The file's text encoding is not recognised. Save it as CSV UTF-8."))


def _detect_delimiter(text: IO[str]) -> str:
    for line in text:
        if line.strip():
            counts = {d: line.count(d) for d in (";", ",", "\t")}
            best = max(counts, key=lambda d: counts[d])
            return best if counts[best] else ","
    return ","


def _csv_table_from(opener: Any, display_name: str, name: str) -> Table:
    encoding = _detect_encoding(opener)
    with opener() as fh:
        delimiter = _detect_delimiter(io.TextIOWrapper(fh, encoding=encoding, newline=""))
    return Table(display_name, "", lambda: _csv_rows(opener, encoding, delimiter), [name])


def _csv_rows(opener: Any, encoding: str, delimiter: str) -> Iterator[Row]:
    with opener() as fh:
        text = io.TextIOWrapper(fh, encoding=encoding, newline="")
        reader = csv.reader(text, delimiter=delimiter)
        while True:
            start = reader.line_num + 1
            try:
                cells = next(reader)
            except StopIteration:
                return
            except csv.Error as exc:
                if "larger than field limit" in str(exc):
                    raise ReadError(
                        _("A cell is longer than %(limit)s characters.") % {"limit": MAX_CELL},
                        start,
                    ) from exc
                detail = {"detail": exc}
                raise ReadError(_("The CSV is malformed: %(detail)s") % detail, start) from exc
            except UnicodeError as exc:
                raise ReadError(_("The file's text encoding is not recognised."), start) from exc
            yield start, cells


def _xlsx_tables(path: Path, display_name: str, stack: ExitStack) -> list[Table]:
    try:
        # data_only=False: a formula arrives as its text ("=SUM(...)") and is never evaluated.
        book = openpyxl.load_workbook(path, read_only=True, data_only=False)
    except Exception as exc:  # openpyxl raises many kinds on damaged files
        raise ReadError(_("The Excel file could not be opened: it may be damaged.")) from exc
    stack.callback(book.close)
    single = len(book.worksheets) == 1

    def rows_of(sheet: Any) -> Callable[[], Iterator[Row]]:
        return lambda: _xlsx_rows(sheet)

    return [
        Table(
            display_name,
            sheet.title,
            rows_of(sheet),
            [sheet.title, display_name] if single else [sheet.title],
        )
        for sheet in book.worksheets
    ]


def _xlsx_rows(sheet: Any) -> Iterator[Row]:
    try:
        sheet.reset_dimensions()
        for line, cells in enumerate(sheet.iter_rows(values_only=True), start=1):
            if len(cells) > 16384:
                raise ReadError(_("The sheet has too many columns."), line)
            yield line, list(cells)
    except ReadError:
        raise
    except Exception as exc:
        raise ReadError(_("The sheet could not be read: it may be damaged.")) from exc
