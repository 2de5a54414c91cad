"""Figures in plain words, one place for each way of saying them.

- a change: "fell by 13%" / "rose by 5%" / "stayed the same" (:func:`change_phrase`), not
  "changed by -13%"; in percentage points for shares ("rose by 21 percentage points");
- a direction between two figures: "fell" / "rose" (:func:`direction_word`);
- how sure a verdict is: "clear" / "likely" / "uncertain" (:func:`confidence_word`), the
  figure beside it in a tooltip;
- a relationship share: "30% relationship, 70% content" (:func:`share_phrase`), not 0.30;
- a period of the analysis: "maart 2025", "1e kwartaal 2025" (:func:`period_name`), not
  "2025-03".

The templates reach them through the ``ui`` tag library; the analysis' sentences through
:func:`warmnet.insights.texts.render_message`.
"""

from __future__ import annotations

import datetime as dt
import re

from django.utils.formats import date_format, number_format
from django.utils.translation import gettext as _
from django.utils.translation import pgettext

__all__ = [
    "CONFIDENCE_CLEAR",
    "CONFIDENCE_LIKELY",
    "change_phrase",
    "confidence_word",
    "direction_word",
    "period_name",
    "share_phrase",
    "tie_time_phrase",
]

#: Confidence (0-1) from which a verdict is *clear*, and from which it is *likely*: at
#: 0.5 two scenarios fit about equally (docs/analysis.md, "Confidence").
CONFIDENCE_CLEAR = 0.75
CONFIDENCE_LIKELY = 0.5


def _number(value: float) -> str:
    return number_format(round(abs(value)), 0)


def change_phrase(value: float | None, unit: str = "percent") -> str:
    """A signed change as words: ``-13`` -> "fell by 13%", ``5`` -> "rose by 5%", ``0`` ->
    "stayed the same"; ``unit="points"`` for a change of a percentage ("rose by 21
    percentage points")."""
    if value is None:
        return ""
    size = _number(value)
    if size == "0":
        return pgettext("a change", "stayed the same")
    if unit == "points":
        if value < 0:
            return _("fell by %(n)s percentage points") % {"n": size}
        return _("rose by %(n)s percentage points") % {"n": size}
    if value < 0:
        return _("fell by %(n)s%%") % {"n": size}
    return _("rose by %(n)s%%") % {"n": size}


def direction_word(before: float, after: float) -> str:
    """How a figure moved from ``before`` to ``after``: "fell", "rose" or "stayed"."""
    if after < before:
        return pgettext("a figure", "fell")
    if after > before:
        return pgettext("a figure", "rose")
    return pgettext("a figure", "stayed")


def confidence_word(confidence: float) -> str:
    """How sure a verdict is, from its confidence 0-1: "clear", "likely" or "uncertain"."""
    if confidence >= CONFIDENCE_CLEAR:
        return pgettext("confidence", "clear")
    if confidence >= CONFIDENCE_LIKELY:
        return pgettext("confidence", "likely")
    return pgettext("confidence", "uncertain")


def share_phrase(share: float | None) -> str:
    """A relationship share 0-1 as words: "all content", "all relationship", or
    "30% relationship, 70% content"."""
    if share is None:
        return "—"
    pct = round(100 * float(share))
    if pct <= 0:
        return _("all content, no relationship time")
    if pct >= 100:
        return _("all relationship, no content time")
    return _("%(rel)s%% relationship, %(con)s%% content") % {"rel": pct, "con": 100 - pct}


def tie_time_phrase(relational: float, familiarity: float) -> str:
    """The two tie layers as one share: of the time members spent together lately, how
    much was relationship time (what warmth counts) — instead of mean hours per pair, a
    number nobody can picture."""
    total = float(relational) + float(familiarity)
    if total <= 0:
        return _("Lately members have spent no time together in recorded activities.")
    return _(
        "Of the time members spent together lately: %(share)s. Warmth counts only the "
        "relationship time; time at the same table builds working familiarity."
    ) % {"share": share_phrase(float(relational) / total)}


_MONTH = re.compile(r"^(\d{4})-(\d{2})$")
_QUARTER = re.compile(r"^(\d{4})-Q([1-4])$")


def period_name(label: str | None) -> str:
    """A balance period's label in words of the active language: ``"2025-03"`` -> "maart
    2025" / "March 2025", ``"2025-Q1"`` -> "1e kwartaal 2025" / "Q1 2025"; anything else
    as it is."""
    text = str(label or "")
    if match := _MONTH.match(text):
        year, month = int(match.group(1)), int(match.group(2))
        if 1 <= month <= 12:
            return date_format(dt.date(year, month, 1), "F Y")
    if match := _QUARTER.match(text):
        return _("quarter %(q)s %(year)s") % {"q": match.group(2), "year": match.group(1)}
    return text
