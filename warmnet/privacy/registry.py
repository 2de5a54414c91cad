"""Who knows what about a person: one exporter and one eraser per kind of data.

Each app that keeps personal data registers a :class:`Section` (in its
``AppConfig.ready``): ``export(member)`` returns that app's data about the member as
plain JSON values, ``erase(member, pseudonym)`` removes or pseudonymises it.  The
access export and the erasure walk every registered section, so a later app (the
pulse surveys, say) joins both by registering one section; nothing here changes.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

__all__ = ["Section", "register", "sections"]


@dataclass(frozen=True)
class Section:
    key: str  # stable, used as the section's name in the export
    title: Any  # shown to the person (translatable)
    export: Callable[[Any], Any]
    erase: Callable[[Any, str], object]  # what it returns is ignored


_SECTIONS: dict[str, Section] = {}


def register(section: Section, *, before: str | None = None) -> None:
    """Add (or replace, by key) a section; order of registration is the export's and the
    erasure's order, unless ``before`` names a section this one must come ahead of (say,
    because that one's erasure unlinks the login account this one needs)."""
    _SECTIONS.pop(section.key, None)
    if before is None or before not in _SECTIONS:
        _SECTIONS[section.key] = section
        return
    items = list(_SECTIONS.items())
    at = [key for key, _ in items].index(before)
    _SECTIONS.clear()
    _SECTIONS.update([*items[:at], (section.key, section), *items[at:]])


def sections() -> list[Section]:
    return list(_SECTIONS.values())
