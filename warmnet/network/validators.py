"""Validators every network form applies to its text fields (see ``warmnet.lib.text``)."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

from warmnet.lib.text import CONTROL, INVISIBLE, text_problem

__all__ = ["MAX_TEXT", "check_text", "text_message"]

#: The longest free text a form accepts: the import's cell limit, so what a form
#: saved always reads back in.
MAX_TEXT = 100_000


def text_message(problem: str) -> str:
    if problem == CONTROL:
        return _("This contains control characters (such as a line break); remove them.")
    if problem == INVISIBLE:
        return _("This holds only invisible characters.")
    return ""


def check_text(value: str, *, multiline: bool = False) -> None:
    problem = text_problem(value or "", multiline=multiline)
    if problem:
        raise ValidationError(text_message(problem), code=problem)
