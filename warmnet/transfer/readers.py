"""Read spreadsheets into tables of cells, without trusting them.

A *table* is one CSV file or one worksheet: a name to report errors against
and a stream of ``(line, cells)``.  Rows are streamed, never loaded whole, so a
file with two million attendance rows costs the memory of one row at a time.
Anything unreadable becomes a :class:`ReadError` with a message a user can act
on; nothing here evaluates a formula or follows a link.

Nothing is trusted to be small either: every read runs under :class:`Limits`
(bytes once unzipped, compression ratio, line length, rows, cells), checked from
the zip directory before anything is unpacked and then while the rows stream, so
a refused file costs neither the memory nor the time it would have taken.
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
from django.conf import settings
from django.utils.translation import gettext as _

__all__ = ["Budget", "Limits", "ReadError", "Table", "read_tables"]

Row = tuple[int, list[Any]]

# Big enough for any real description; beyond it a cell is an error, not a hang.
MAX_CELL = 100_000
csv.field_size_limit(MAX_CELL)

_CHUNK = 1 << 20
# Entries this small may compress as well as they like (a sheet of empty cells does).
_RATIO_FLOOR = 1 << 20
_MAX_ENTRIES = 1_000


class ReadError(Exception):
    """A file (or a row of it) that cannot be read; ``line`` when known."""

    def __init__(self, message: str, line: int | None = None) -> None:
        super().__init__(message)
        self.message = message
        self.line = line


@dataclass(frozen=True)
class Limits:
    """What one import may hold.  ``web`` for the upload page (the preview runs inside
    the request), ``command_line`` for ``warmnet import``; both from settings."""

    max_bytes: int
    max_rows: int
    max_ratio: int
    max_line: int
    max_cells: int
    where: str = "web"

    @classmethod
    def web(cls) -> Limits:
        return cls(
            settings.WARMNET_IMPORT_WEB_MAX_BYTES,
            settings.WARMNET_IMPORT_WEB_MAX_ROWS,
            settings.WARMNET_IMPORT_MAX_RATIO,
            settings.WARMNET_IMPORT_MAX_LINE,
            settings.WARMNET_IMPORT_MAX_CELLS,
            "web",
        )

    @classmethod
    def command_line(cls) -> Limits:
        return cls(
            settings.WARMNET_IMPORT_CLI_MAX_BYTES,
            settings.WARMNET_IMPORT_CLI_MAX_ROWS,
            settings.WARMNET_IMPORT_MAX_RATIO,
            settings.WARMNET_IMPORT_MAX_LINE,
            settings.WARMNET_IMPORT_MAX_CELLS,
            "command line",
        )


class Budget:
    """The limits and what one import has used of them.  Tables are streamed more than
    once (to recognise them, then to plan), so each table counts by its longest pass."""

    def __init__(self, limits: Limits) -> None:
        self.limits = limits
        self.bytes = 0
        self.rows = 0
        self.cells = 0
        self._peak: dict[int, list[int]] = {}

    def _too_big(self, message: str, line: int | None = None) -> ReadError:
        if self.limits.where == "web":
            message += " " + _(
                "Split it into smaller files, or let an administrator import it with "
                "the command line (warmnet import)."
            )
        return ReadError(message, line)

    def add_bytes(self, n: int) -> None:
        self.bytes += n
        if self.bytes > self.limits.max_bytes:
            raise self._too_big(
                _("The files hold more than %(mb)s MB of data (unzipped), the limit here.")
                % {"mb": self.limits.max_bytes // 1_000_000}
            )

    def check_ratio(self, name: str, size: int, compressed: int) -> None:
        if size > _RATIO_FLOOR and size > self.limits.max_ratio * max(compressed, 1):
            raise ReadError(
                _(
                    "%(name)s unpacks to %(ratio)s times its packed size; more than "
                    "%(limit)s times is refused as a possible zip bomb."
                )
                % {
                    "name": name,
                    "ratio": size // max(compressed, 1),
                    "limit": self.limits.max_ratio,
                }
            )

    def stream(self) -> _Stream:
        peak = [0, 0]
        self._peak[id(peak)] = peak
        return _Stream(self, peak)


class _Stream:
    """Counts one pass over one table against the import's budget."""

    def __init__(self, budget: Budget, peak: list[int]) -> None:
        self.budget, self.peak = budget, peak
        self.rows = self.cells = 0

    def row(self, line: int, n_cells: int) -> None:
        budget = self.budget
        self.rows += 1
        self.cells += n_cells
        if self.rows > self.peak[0]:
            budget.rows += self.rows - self.peak[0]
            self.peak[0] = self.rows
        if self.cells > self.peak[1]:
            budget.cells += self.cells - self.peak[1]
            self.peak[1] = self.cells
        if budget.rows > budget.limits.max_rows:
            raise budget._too_big(
                _("The files have more than %(limit)s rows, the limit here.")
                % {"limit": budget.limits.max_rows},
                line,
            )
        if budget.cells > budget.limits.max_cells:
            raise budget._too_big(
                _("The files have more than %(limit)s cells, the limit here.")
                % {"limit": budget.limits.max_cells},
                line,
            )


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


def read_tables(
    path: Path, display_name: str, stack: ExitStack, budget: Budget | None = None
) -> list[Table]:
    """Every table in one file: a CSV, an XLSX workbook, or a zip of CSVs (as exported).

    Workbooks and zips stay open on ``stack`` until the import is over.
    """
    budget = budget or Budget(Limits.command_line())
    with open(path, "rb") as fh:
        head = fh.read(8192)
    if not head.strip():
        raise ReadError(_("The file is empty."))
    if head.startswith(b"\xd0\xcf\x11\xe0"):
        raise ReadError(
            _("This is an old Excel file (.xls). Save it as .xlsx or CSV and try again.")
        )
    if _is_zip(head):
        return _read_zip(path, display_name, stack, budget)
    budget.add_bytes(path.stat().st_size)
    return [_csv_table_from(lambda: open(path, "rb"), display_name, display_name, budget)]


def _check_archive(archive: zipfile.ZipFile, budget: Budget) -> None:
    """Sizes from the zip's directory, before anything is unpacked.  An entry never
    unpacks to more than its declared size (zipfile stops there and checks the CRC)."""
    entries = archive.infolist()
    if len(entries) > _MAX_ENTRIES:
        raise ReadError(_("The zip file holds more than %(n)s files.") % {"n": _MAX_ENTRIES})
    for info in entries:
        budget.check_ratio(info.filename, info.file_size, info.compress_size)
        budget.add_bytes(info.file_size)


def _read_zip(path: Path, display_name: str, stack: ExitStack, budget: Budget) -> list[Table]:
    try:
        archive = stack.enter_context(zipfile.ZipFile(path))
        names = archive.namelist()
    except (zipfile.BadZipFile, OSError, ValueError) as exc:
        raise ReadError(_("The file looks like a zip or Excel file but is damaged.")) from exc
    _check_archive(archive, budget)
    if "xl/workbook.xml" in names:
        return _xlsx_tables(path, display_name, stack, budget)
    csvs = [n for n in names if n.lower().endswith((".csv", ".txt")) and not n.startswith("__")]
    if not csvs:
        raise ReadError(_("The zip file holds no CSV files."))
    return [
        _csv_table_from(lambda n=name: archive.open(n), f"{display_name}/{name}", name, budget)
        for name in sorted(csvs)
    ]


def _detect_encoding(opener: Any) -> str:
    with opener() as fh:
        head = fh.read(4)
    if head.startswith(codecs.BOM_UTF8):
        return "utf-8-sig"
    # UTF-32's little-endian mark begins with UTF-16's: look for it first.
    if head.startswith((codecs.BOM_UTF32_LE, codecs.BOM_UTF32_BE)):
        return "utf-32"
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


def _bounded_lines(text: IO[str], max_line: int) -> Iterator[str]:
    """The text's lines, refusing one longer than ``max_line`` before it is read whole."""
    number = 0
    while line := text.readline(max_line + 1):
        number += 1
        if len(line) > max_line and not line.endswith(("\n", "\r")):
            raise ReadError(
                _("Line %(line)s is longer than %(limit)s characters.")
                % {"line": number, "limit": max_line},
                number,
            )
        yield line


def _detect_delimiter(text: IO[str], max_line: int) -> str:
    for line in _bounded_lines(text, max_line):
        if line.strip():
            counts = {d: line.count(d) for d in (";", ",", "\t")}
            best = max(counts, key=lambda d: counts[d])
            return best if counts[best] else ","
    return ","


def _csv_table_from(opener: Any, display_name: str, name: str, budget: Budget) -> Table:
    encoding = _detect_encoding(opener)
    max_line = budget.limits.max_line
    with opener() as fh:
        text = io.TextIOWrapper(fh, encoding=encoding, newline="")
        delimiter = _detect_delimiter(text, max_line)
    return Table(display_name, "", lambda: _csv_rows(opener, encoding, delimiter, budget), [name])


def _csv_rows(opener: Any, encoding: str, delimiter: str, budget: Budget) -> Iterator[Row]:
    stream = budget.stream()
    with opener() as fh:
        text = io.TextIOWrapper(fh, encoding=encoding, newline="")
        reader = csv.reader(_bounded_lines(text, budget.limits.max_line), delimiter=delimiter)
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
            stream.row(start, len(cells))
            yield start, cells


def _xlsx_tables(path: Path, display_name: str, stack: ExitStack, budget: Budget) -> list[Table]:
    try:
        # data_only=False: a formula arrives as its text ("=SUM(...)") and is never evaluated.
        book = openpyxl.load_workbook(path, read_only=True, data_only=False)
    except Exception as exc:  # openpyxl raises many kinds on damaged files
        raise ReadError(_("The Excel file could not be opened: it may be damaged.")) from exc
    stack.callback(book.close)
    single = len(book.worksheets) == 1

    def rows_of(sheet: Any) -> Callable[[], Iterator[Row]]:
        return lambda: _xlsx_rows(sheet, budget)

    return [
        Table(
            display_name,
            sheet.title,
            rows_of(sheet),
            [sheet.title, display_name] if single else [sheet.title],
        )
        for sheet in book.worksheets
    ]


def _xlsx_rows(sheet: Any, budget: Budget) -> Iterator[Row]:
    stream = budget.stream()
    try:
        sheet.reset_dimensions()
        for line, cells in enumerate(sheet.iter_rows(values_only=True), start=1):
            if len(cells) > 16384:
                raise ReadError(_("The sheet has too many columns."), line)
            stream.row(line, len(cells))
            for cell in cells:
                if isinstance(cell, str) and len(cell) > MAX_CELL:
                    raise ReadError(
                        _("A cell is longer than %(limit)s characters.") % {"limit": MAX_CELL},
                        line,
                    )
            yield line, list(cells)
    except ReadError:
        raise
    except Exception as exc:
        raise ReadError(_("The sheet could not be read: it may be damaged.")) from exc
