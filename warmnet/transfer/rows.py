"""Reading one data row against its layout, collecting every problem in it."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from typing import Any, TypeVar

from django.utils.translation import gettext as _

from warmnet.lib.text import text_problem
from warmnet.network.validators import text_message
from warmnet.transfer.readers import ReadError, Row
from warmnet.transfer.recognise import Layout
from warmnet.transfer.report import Problems
from warmnet.transfer.values import CellError, text

__all__ = ["RowReader", "safe_rows"]

T = TypeVar("T")

#: Columns whose text may run over several lines; every other cell is one line.
MULTILINE = frozenset({"description", "note", "parties"})


class RowReader:
    """One row at a time: typed access to its cells, problems reported with their place."""

    def __init__(self, layout: Layout, errors: Problems) -> None:
        self.layout = layout
        self.errors = errors
        self.line = 0
        self.cells: list[Any] = []
        self.ok = True
        self.flagged: set[str] = set()

    def start(self, line: int, cells: list[Any]) -> None:
        self.line, self.cells, self.ok = line, cells, True
        self.flagged = set()

    def has(self, column: str) -> bool:
        return column in self.layout.columns

    def header(self, column: str) -> str:
        index = self.layout.columns.get(column)
        if index is None or index >= len(self.layout.headers):
            return column
        return self.layout.headers[index] or column

    def raw(self, column: str) -> Any:
        index = self.layout.columns.get(column)
        if index is None or index >= len(self.cells):
            return None
        return self.cells[index]

    def text(self, column: str, *, max_length: int = 0, required: bool = False) -> str:
        value = text(self.raw(column))
        problem = text_problem(value, multiline=column in MULTILINE) if value else ""
        if problem:
            if column not in self.flagged:
                self.flagged.add(column)
                shown = value.encode("unicode_escape").decode()[:80]
                self.error(column, shown, text_message(problem))
            return ""
        if required and not value:
            self.error(column, value, _("This cell may not be empty."))
        elif max_length and len(value) > max_length:
            self.error(
                column,
                value,
                _("This is longer than %(max)s characters.") % {"max": max_length},
            )
        return value

    def parse(self, column: str, parser: Callable[..., T], *args: Any) -> T | None:
        """The parsed cell, or None when it is empty or wrong (the error is recorded)."""
        raw = self.raw(column)
        if raw is None or text(raw) == "":
            return None
        try:
            return parser(raw, *args)
        except CellError as exc:
            self.error(column, text(raw), exc.message)
            return None

    def error(self, column: str, value: Any, reason: str) -> None:
        self.ok = False
        table = self.layout.table
        self.errors.add(
            table.file, table.sheet, self.line, self.header(column) if column else "", value, reason
        )


def safe_rows(layout: Layout, errors: Problems) -> Iterator[Row]:
    """The layout's data rows; a file that breaks off midway becomes one error, not a crash."""
    try:
        yield from layout.data_rows()
    except ReadError as exc:
        table = layout.table
        errors.add(table.file, table.sheet, exc.line, "", "", exc.message)
