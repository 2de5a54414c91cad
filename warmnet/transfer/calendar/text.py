"""Calendar text as Warmnet keeps it: one-line titles, descriptions without dial-in blocks."""

from __future__ import annotations

import re

__all__ = ["MAX_DESCRIPTION", "clean_description", "one_line"]

MAX_DESCRIPTION = 10_000
_SPACES = re.compile(r"\s+")
# Outlook puts a Teams or Zoom dial-in block below a line of underscores; Google puts its
# Meet block between lines of "-::~:~::~:~:...".  What follows is links, not content.
_DIAL_IN = re.compile(r"^\s*(?:_{10,}|-::~:~::~)", re.MULTILINE)


def one_line(text: str) -> str:
    return _SPACES.sub(" ", text).strip()


def clean_description(text: str) -> str:
    """The event's description without the dial-in block, trimmed, at most 10,000 characters."""
    text = text.replace("\r\n", "\n")
    match = _DIAL_IN.search(text)
    if match:
        text = text[: match.start()]
    return text.strip()[:MAX_DESCRIPTION]
