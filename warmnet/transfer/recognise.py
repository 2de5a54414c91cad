"""Tell what a table holds and where its columns are.

The entity comes from the sheet's or file's name when that says it
("Leden", "members.csv", "Presentielijst"), else from the headers.  The header
row may sit below a title row or two, as on a printed sign-in sheet.  An
attendance *matrix* has people down the side and activities across the top,
each named by its title and date, in one cell ("Kick-off 27-11-2026") or in two
header rows (titles above dates).
"""

from __future__ import annotations

import datetime as dt
import itertools
import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any

from django.utils.translation import gettext as _

from warmnet.transfer.labels import fold
from warmnet.transfer.readers import Row, Table
from warmnet.transfer.report import Problems
from warmnet.transfer.schema import ENTITIES, MATRIX_MEMBER_COLUMNS, Entity
from warmnet.transfer.values import CellError, parse_date, text

__all__ = ["Layout", "MatrixColumn", "recognise"]

_HEADER_SEARCH = 10
_TRAILING_DATE = re.compile(
    r"^(?P<title>.*?)[\s,:\u2013\u2014(\[-]*(?P<date>\d{4}-\d{1,2}-\d{1,2}|\d{1,2}[-/.]\d{1,2}[-/.]\d{2,4})"
    r"[)\]]?\s*$",
    re.DOTALL,
)


@dataclass(frozen=True)
class MatrixColumn:
    index: int
    title: str
    date: dt.date
    header: str


@dataclass
class Layout:
    table: Table
    entity: Entity
    header_line: int
    columns: dict[str, int]
    #: for an attendance matrix: the activity columns
    matrix: list[MatrixColumn] | None = None
    headers: list[str] = field(default_factory=list)

    def data_rows(self) -> Iterator[Row]:
        """The rows below the header, skipping rows with nothing in them."""
        header_line = self.header_line
        for line, cells in self.table.rows():
            if line > header_line and not _blank(cells):
                yield line, cells


def _blank(cells: list[Any]) -> bool:
    for cell in cells:
        if cell is None:
            continue
        if not isinstance(cell, str) or cell.strip():
            return False
    return True


def _entity_from_names(names: list[str]) -> Entity | None:
    for name in names:
        stem = fold(re.sub(r"\.(csv|txt|xlsx|xlsm)$", "", name, flags=re.IGNORECASE))
        best: tuple[int, Entity] | None = None
        for entity in ENTITIES.values():
            for word in entity.names:
                if word in stem and (best is None or len(word) > best[0]):
                    best = (len(word), entity)
        if best:
            return best[1]
    return None


def _map_headers(headers: list[str], aliases: dict[str, str]) -> tuple[dict[str, int], set[str]]:
    """Column positions by canonical name, and the names that occur twice."""
    found: dict[str, int] = {}
    twice: set[str] = set()
    for index, header in enumerate(headers):
        column = aliases.get(fold(header))
        if column is None:
            continue
        if column in found:
            twice.add(column)
        else:
            found[column] = index
    return found, twice


def _satisfies(entity: Entity, found: dict[str, int]) -> bool:
    return all(any(c in found for c in group) for group in entity.required)


def _matrix_columns(
    headers: list[str], below: list[Any] | None, side: dict[str, int]
) -> tuple[list[MatrixColumn], bool]:
    """Activity columns of a matrix, and whether their dates sit in the row below."""
    used = set(side.values())
    candidates = [i for i, h in enumerate(headers) if h and i not in used]
    single: list[MatrixColumn] = []
    for i in candidates:
        match = _TRAILING_DATE.match(headers[i])
        if match and match["title"].strip():
            try:
                day = parse_date(match["date"])
            except CellError:
                continue
            single.append(MatrixColumn(i, match["title"].strip(), day, headers[i]))
    if single:
        return single, False
    if below is None:
        return [], False
    double: list[MatrixColumn] = []
    for i in candidates:
        cell = below[i] if i < len(below) else None
        if cell is None or text(cell) == "":
            continue
        try:
            day = parse_date(cell)
        except CellError:
            continue
        double.append(MatrixColumn(i, headers[i], day, f"{headers[i]} {day:%d-%m-%Y}"))
    return double, bool(double)


def recognise(table: Table, errors: Problems, warnings: Problems) -> Layout | None:
    """The table's layout, or None after adding the reason to ``errors``."""
    head = list(itertools.islice(table.rows(), _HEADER_SEARCH + 1))
    filled = [(line, cells) for line, cells in head if any(text(c) for c in cells)]
    if not filled:
        errors.add(table.file, table.sheet, None, "", "", _("The sheet is empty."))
        return None
    hinted = _entity_from_names(table.names)
    for position, (line, cells) in enumerate(filled[:_HEADER_SEARCH]):
        headers = [text(c) for c in cells]
        below = filled[position + 1] if position + 1 < len(filled) else None
        layout = _try_row(table, line, headers, below, hinted)
        if layout is not None:
            return _checked(layout, errors, warnings)
    first_line, first = filled[0]
    if hinted is not None:
        found, _twice = _map_headers([text(c) for c in first], hinted.aliases())
        missing = [
            " / ".join(group) for group in hinted.required if not any(c in found for c in group)
        ]
        errors.add(
            table.file,
            table.sheet,
            first_line,
            "",
            "",
            _("This looks like %(entity)s, but these columns are missing: %(columns)s.")
            % {"entity": hinted.label, "columns": ", ".join(missing)},
        )
    else:
        errors.add(
            table.file,
            table.sheet,
            first_line,
            "",
            "",
            _(
                "Could not tell what this sheet holds: no header row names the columns of "
                "organisations, members, activities or attendance."
            ),
        )
    return None


def _try_row(
    table: Table,
    line: int,
    headers: list[str],
    below: Row | None,
    hinted: Entity | None,
) -> Layout | None:
    attendance = ENTITIES["attendance"]
    candidates = [hinted] if hinted is not None else list(ENTITIES.values())
    scored: list[tuple[int, Entity, dict[str, int]]] = []
    for entity in candidates:
        found, _twice = _map_headers(headers, entity.aliases())
        if _satisfies(entity, found):
            scored.append((len(found), entity, found))
    if scored:
        scored.sort(key=lambda s: -s[0])
        _score, entity, found = scored[0]
        return Layout(table, entity, line, found, headers=headers)
    if hinted is None or hinted is attendance:
        aliases = {
            fold(s): column
            for column, spellings in MATRIX_MEMBER_COLUMNS.items()
            for s in (column, *spellings)
        }
        side, _twice = _map_headers(headers, aliases)
        if "member" in side or "email" in side:
            columns, two_rows = _matrix_columns(headers, below[1] if below else None, side)
            if columns:
                header_line = below[0] if two_rows and below is not None else line
                return Layout(table, attendance, header_line, side, columns, headers)
    return None


def _checked(layout: Layout, errors: Problems, warnings: Problems) -> Layout | None:
    """Refuse duplicate columns; note the ones that will be ignored."""
    table = layout.table
    if layout.matrix is not None:
        aliases = {
            fold(s): c for c, spellings in MATRIX_MEMBER_COLUMNS.items() for s in (c, *spellings)
        }
        known = set(layout.columns.values()) | {m.index for m in layout.matrix}
        seen: dict[tuple[str, dt.date], MatrixColumn] = {}
        ok = True
        for column in layout.matrix:
            key = (fold(column.title), column.date)
            if key in seen:
                ok = False
                errors.add(
                    table.file,
                    table.sheet,
                    layout.header_line,
                    column.header,
                    column.header,
                    _("This activity has two columns."),
                )
            seen[key] = column
    else:
        aliases = layout.entity.aliases()
        known = set(layout.columns.values())
        ok = True
    by_column: dict[str, list[str]] = {}
    for index, header in enumerate(layout.headers):
        name = aliases.get(fold(header))
        if name is not None:
            by_column.setdefault(name, []).append(header)
        elif header and index not in known:
            warnings.add(
                table.file,
                table.sheet,
                layout.header_line,
                header,
                "",
                _("This column is not used."),
            )
    for name, headers in by_column.items():
        if len(headers) > 1:
            ok = False
            errors.add(
                table.file,
                table.sheet,
                layout.header_line,
                name,
                ", ".join(headers),
                _("Two or more columns mean the same thing; keep one."),
            )
    return layout if ok else None
