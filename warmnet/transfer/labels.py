"""How people spell things in spreadsheets: header names, choice labels, sheet names.

Everything is compared in a *folded* form (lower case, accents and punctuation
dropped), so "E-mailadres", "e-mail" and "EMAIL" meet, as do "coördinator" and
"Coordinator".  Choice labels come from the model choices themselves, in Dutch
and English, so a label added to a model is accepted without touching this file.
"""

from __future__ import annotations

import re
import unicodedata

from django.db import models
from django.utils import translation

__all__ = ["choice_table", "fold", "normal_key"]

_NOT_ALNUM = re.compile(r"[^0-9a-z]+")
_SPACES = re.compile(r"\s+")


def fold(text: str) -> str:
    """Lower case, no accents, letters and digits only: the form headers and labels meet in."""
    decomposed = unicodedata.normalize("NFKD", text.casefold())
    plain = "".join(c for c in decomposed if not unicodedata.combining(c))
    return _NOT_ALNUM.sub("", plain)


def normal_key(text: str) -> str:
    """The form a natural key (a name, a title) is matched in: case and spacing ignored."""
    return _SPACES.sub(" ", text).strip().casefold()


def choice_table(choices: type[models.IntegerChoices]) -> dict[str, int]:
    """Every accepted spelling of each choice: its number, its name, its labels in nl and en."""
    table: dict[str, int] = {}
    for member in choices:
        value = int(member.value)
        table[str(value)] = value
        table[fold(member.name)] = value
        for language in ("en", "nl"):
            with translation.override(language):
                label = str(member.label)
            table.setdefault(fold(label), value)
            # "outing (a show, a match)", "mixed: content with ...": the head alone will do
            table.setdefault(fold(re.split(r"[(:]", label)[0]), value)
    return table
