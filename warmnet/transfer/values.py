"""Turn one spreadsheet cell into one Python value, or say plainly why not.

Cells arrive as text (CSV) or as whatever Excel stored (numbers, dates, times).
Each parser accepts both and raises :class:`CellError` with a translated reason.
"""

from __future__ import annotations

import datetime as dt
import math
import re
from typing import Any

from django.core.exceptions import ValidationError
from django.core.validators import validate_email
from django.utils.translation import gettext as _

from warmnet.transfer.labels import fold

__all__ = [
    "CellError",
    "parse_choice",
    "parse_date",
    "parse_datetime",
    "parse_email",
    "parse_minutes",
    "parse_share",
    "parse_time",
    "text",
]

# Export prefixes these with an apostrophe so spreadsheets do not run them as formulas.
INJECTION_PREFIXES = ("=", "+", "-", "@", "\t", "\r")
_EXCEL_EPOCH = dt.datetime(1899, 12, 30)

_DATE_PATTERNS = [
    re.compile(r"(?P<y>\d{4})[-/.](?P<m>\d{1,2})[-/.](?P<d>\d{1,2})"),
    re.compile(r"(?P<d>\d{1,2})[-/.](?P<m>\d{1,2})[-/.](?P<y>\d{4}|\d{2})"),
]
_TIME = re.compile(r"(?P<H>\d{1,2})[:.](?P<M>\d{2})(?:[:.](?P<S>\d{2})(?:\.\d+)?)?")
_SEPARATOR = r"(?:[ T]+|\s*,\s*|\s+om\s+|\s+at\s+)"
_DATETIME_PATTERNS = [
    re.compile(
        rf"{p.pattern}(?:{_SEPARATOR}{_TIME.pattern})?(?:Z|[+-]\d{{2}}:?\d{{2}})?", re.IGNORECASE
    )
    for p in _DATE_PATTERNS
]


class CellError(ValueError):
    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message


def text(cell: Any) -> str:
    """A cell as trimmed text; the apostrophe that export adds against formulas is taken off."""
    if cell is None:
        return ""
    if isinstance(cell, bool):
        return "1" if cell else "0"
    if isinstance(cell, float) and cell.is_integer():
        return str(int(cell))
    if isinstance(cell, dt.datetime):
        return cell.isoformat(sep=" ", timespec="minutes")
    value = str(cell).strip()
    if value.startswith("'") and value[1:2] and value[1] in INJECTION_PREFIXES:
        return value[1:]
    return value


def _year(raw: str) -> int:
    year = int(raw)
    return year + 2000 if len(raw) == 2 else year


def _date_from_match(match: re.Match[str]) -> dt.date:
    try:
        return dt.date(_year(match["y"]), int(match["m"]), int(match["d"]))
    except ValueError:
        raise CellError(_("This date does not exist.")) from None


def _excel_serial(cell: float) -> dt.datetime:
    if not 1 <= cell < 2_958_466:
        raise CellError(_("This is not a date."))
    return _EXCEL_EPOCH + dt.timedelta(days=cell)


def parse_date(cell: Any) -> dt.date:
    """ISO (2026-11-27) and the usual Dutch forms (27-11-2026, 27/11/2026, 27.11.2026)."""
    if isinstance(cell, dt.datetime):
        return cell.date()
    if isinstance(cell, dt.date):
        return cell
    if isinstance(cell, int | float) and not isinstance(cell, bool):
        return _excel_serial(float(cell)).date()
    value = text(cell)
    for pattern in _DATE_PATTERNS:
        match = pattern.fullmatch(value) or pattern.fullmatch(value.split(" ")[0].split("T")[0])
        if match:
            return _date_from_match(match)
    raise CellError(_("This is not a date; write it as 27-11-2026 or 2026-11-27."))


def parse_time(cell: Any) -> dt.time:
    """14:30, 14.30 or an Excel time cell."""
    if isinstance(cell, dt.time):
        return cell.replace(tzinfo=None)
    if isinstance(cell, dt.datetime):
        return cell.time()
    if isinstance(cell, float) and 0 <= cell < 1:  # Excel keeps a time as a fraction of a day
        return (_EXCEL_EPOCH + dt.timedelta(days=cell)).time().replace(microsecond=0)
    match = _TIME.fullmatch(text(cell))
    if match is None:
        raise CellError(_("This is not a time; write it as 14:30."))
    return _time_from_match(match)


def _time_from_match(match: re.Match[str]) -> dt.time:
    try:
        return dt.time(int(match["H"]), int(match["M"]), int(match["S"] or 0))
    except ValueError:
        raise CellError(_("This time does not exist.")) from None


def parse_datetime(cell: Any) -> tuple[dt.datetime, bool]:
    """A date with an optional time (27-11-2026 14:30); says whether a time was given."""
    if isinstance(cell, dt.datetime):
        return cell.replace(tzinfo=None, microsecond=0), cell.time() != dt.time(0)
    if isinstance(cell, dt.date):
        return dt.datetime.combine(cell, dt.time(0)), False
    if isinstance(cell, int | float) and not isinstance(cell, bool):
        moment = _excel_serial(float(cell)).replace(microsecond=0)
        return moment, moment.time() != dt.time(0)
    value = text(cell)
    for pattern in _DATETIME_PATTERNS:
        match = pattern.fullmatch(value)
        if match:
            day = _date_from_match(match)
            if match["H"] is None:
                return dt.datetime.combine(day, dt.time(0)), False
            return dt.datetime.combine(day, _time_from_match(match)), True
    raise CellError(_("This is not a date and time; write it as 27-11-2026 14:30."))


def parse_choice(cell: Any, table: dict[str, int]) -> int:
    value = text(cell)
    found = table.get(value)
    if found is None:
        found = table.get(fold(value))
    if found is None:
        listing = table.listing() if hasattr(table, "listing") else ""
        if listing:
            raise CellError(
                _("This value is not one of the choices; use one of: %(choices)s.")
                % {"choices": listing}
            )
        raise CellError(_("This value is not one of the choices."))
    return found


def parse_minutes(cell: Any) -> int:
    """Minutes as a number (90) or as hours and minutes (1:30)."""
    if isinstance(cell, dt.time):
        return cell.hour * 60 + cell.minute
    value = text(cell).replace(",", ".")
    match = re.fullmatch(r"(\d{1,3}):(\d{2})", value)
    try:
        minutes = int(match[1]) * 60 + int(match[2]) if match else float(value)
    except ValueError:
        raise CellError(_("This is not a number of minutes.")) from None
    if not math.isfinite(minutes) or minutes != int(minutes):
        raise CellError(_("Give the duration in whole minutes."))
    if not 1 <= minutes <= 60 * 24 * 14:
        raise CellError(_("A duration is between 1 minute and 14 days."))
    return int(minutes)


def parse_share(cell: Any) -> float:
    """A share between 0 and 1: 0.4, 0,4 or 40%."""
    value = text(cell).replace(",", ".").replace(" ", "")
    percent = value.endswith("%")
    try:
        share = float(value.rstrip("%"))
    except ValueError:
        raise CellError(_("This is not a number between 0 and 1.")) from None
    if percent:
        share /= 100
    if not 0.0 <= share <= 1.0:
        raise CellError(_("This is not a number between 0 and 1."))
    return share


def parse_email(cell: Any) -> str:
    value = text(cell)
    try:
        validate_email(value)
    except ValidationError:
        raise CellError(_("This is not a valid e-mail address.")) from None
    return value
