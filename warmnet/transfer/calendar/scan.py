"""A first pass over an ``.ics`` file's raw lines, before any parser sees it.

It decodes the file, refuses one with too many events before the cost of parsing
them, checks that every (unfolded) content line has the shape ``NAME;PARAMS:value``
and that components are begun and ended in pairs, and remembers on which line each
event and each of its properties starts, so later problems can name the line.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from django.utils.translation import gettext as _

from warmnet.transfer.report import Problems

__all__ = ["MAX_BYTES", "Scan", "ScannedEvent", "scan"]

#: Beyond this a file is refused unread: even a year of a busy calendar is a few MB.
MAX_BYTES = 50 << 20

_PARAM_VALUE = r'(?:"[^"]*"|[^";:,]*)'
_CONTENT_LINE = re.compile(
    rf"[A-Za-z0-9-]+(?:;[A-Za-z0-9-]+={_PARAM_VALUE}(?:,{_PARAM_VALUE})*)*:", re.ASCII
)
_BEGIN_EVENT = re.compile(rb"^BEGIN:VEVENT\s*$", re.IGNORECASE | re.MULTILINE)
_SHOWN = 80


@dataclass
class ScannedEvent:
    """Where one VEVENT sits in the file."""

    line: int
    #: property name (upper case) -> the line it starts on (its first occurrence)
    fields: dict[str, int] = field(default_factory=dict)
    summary: str = ""

    def line_of(self, name: str) -> int:
        return self.fields.get(name.upper(), self.line)


@dataclass
class Scan:
    text: str
    events: list[ScannedEvent]


def _decode(data: bytes) -> str:
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError:
        # older Outlook versions write the Windows code page
        return data.decode("cp1252", errors="replace")


def count_events(data: bytes) -> int:
    return len(_BEGIN_EVENT.findall(data))


def scan(data: bytes, file: str, errors: Problems, max_events: int) -> Scan | None:
    """The file's text and event positions, or None when it cannot be a calendar
    (the reasons are in ``errors``)."""
    if len(data) > MAX_BYTES:
        errors.add(
            file,
            "",
            None,
            "",
            "",
            _("This file is larger than %(size)s MB; export a shorter period.")
            % {"size": MAX_BYTES >> 20},
        )
        return None
    text = _decode(data)
    if not text.lstrip().upper().startswith("BEGIN:VCALENDAR"):
        errors.add(
            file,
            "",
            1,
            "",
            text.lstrip()[:40],
            _("This is not a calendar file (.ics): it should begin with BEGIN:VCALENDAR."),
        )
        return None
    found = count_events(data)
    if found == 0:
        errors.add(file, "", None, "", "", _("This calendar holds no events (VEVENT)."))
        return None
    if found > max_events:
        errors.add(
            file,
            "",
            None,
            "",
            found,
            _(
                "This calendar holds %(found)s events; at most %(max)s can be imported at once. "
                "Export a shorter period (for example a month) and import that."
            )
            % {"found": found, "max": max_events},
        )
        return None
    before = errors.total
    events = _check_lines(text, file, errors)
    return Scan(text, events) if errors.total == before else None


def _logical_lines(text: str) -> list[tuple[int, str]]:
    """Unfolded content lines with the number of the physical line each starts on."""
    lines: list[tuple[int, str]] = []
    for number, physical in enumerate(text.splitlines(), start=1):
        if physical[:1] in (" ", "\t") and lines:
            start, so_far = lines[-1]
            lines[-1] = (start, so_far + physical[1:])
        else:
            lines.append((number, physical))
    return lines


def _check_lines(text: str, file: str, errors: Problems) -> list[ScannedEvent]:
    events: list[ScannedEvent] = []
    # (component name, line it began on, the event it is, if a VEVENT)
    stack: list[tuple[str, int, ScannedEvent | None]] = []
    for number, line in _logical_lines(text):
        if not line.strip():
            continue
        if not _CONTENT_LINE.match(line):
            errors.add(
                file,
                _label(stack),
                number,
                "",
                line[:_SHOWN],
                _("This line is not a calendar line (NAME:value); the file may be cut or edited."),
            )
            continue
        name, _sep, value = line.partition(":")
        name = name.split(";", 1)[0].upper()
        value = value.strip()
        if name == "BEGIN":
            event = ScannedEvent(number) if value.upper() == "VEVENT" else None
            if event is not None:
                events.append(event)
            stack.append((value.upper(), number, event))
        elif name == "END":
            if not stack or stack[-1][0] != value.upper():
                errors.add(
                    file,
                    _label(stack),
                    number,
                    "END",
                    value,
                    _("This END has no matching BEGIN above it."),
                )
                continue
            stack.pop()
        elif stack and stack[-1][2] is not None:
            event = stack[-1][2]
            event.fields.setdefault(name, number)
            if name == "SUMMARY" and not event.summary:
                event.summary = _unescape(value)
    for component, begun, _event in stack:
        errors.add(
            file,
            "",
            begun,
            "BEGIN",
            component,
            _("This %(component)s is never ended (END:%(component)s); the file may be cut off.")
            % {"component": component},
        )
    return events


def _unescape(value: str) -> str:
    return re.sub(r"\\([,;\\nN])", lambda m: " " if m.group(1) in "nN" else m.group(1), value)


def _label(stack: list[tuple[str, int, ScannedEvent | None]]) -> str:
    for _component, _begun, event in reversed(stack):
        if event is not None:
            return event.summary or _("event on line %(line)s") % {"line": event.line}
    return ""
