"""What counts as acceptable text in a record: no control characters, something visible.

Django-free, so the import and the forms share one rule.  A single-line value (a
name, a title) may hold no control character at all, line breaks included; a
multi-line value (a description, a note) may hold line breaks and tabs.  A value
made only of invisible characters (spaces, zero-width and other format characters)
is no name.
"""

from __future__ import annotations

import re
import unicodedata

__all__ = ["CONTROL", "INVISIBLE", "normal_spacing", "text_problem"]

CONTROL = "control"
INVISIBLE = "invisible"

_SPACES = re.compile(r"\s+")


def text_problem(value: str, *, multiline: bool = False) -> str:
    """``CONTROL``, ``INVISIBLE`` or ``""`` when the value is fine."""
    allowed = {"\n", "\r", "\t"} if multiline else set()
    for char in value:
        if char in allowed:
            continue
        category = unicodedata.category(char)
        if category == "Cc" or (category == "Cs") or char in "\u2028\u2029":
            return CONTROL
    if value and not any(
        not char.isspace() and unicodedata.category(char) not in ("Cf", "Mn", "Me", "Zs")
        for char in value
    ):
        return INVISIBLE
    return ""


def normal_spacing(value: str) -> str:
    """Runs of white space as one space, none at the ends: how names are compared."""
    return _SPACES.sub(" ", value).strip()
