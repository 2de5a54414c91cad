"""Template helpers of the design system.

``{% tie_strength band hours %}`` says how strong a tie is in a word, the hours in its
tooltip.

``{% icon "users" %}`` puts a vendored Lucide icon inline (an ``<svg>`` that takes the
text colour, hidden from screen readers: an icon always stands beside a word).
Inline SVG needs no request and is allowed by the content security policy.
"""

from __future__ import annotations

import re
from functools import cache
from pathlib import Path

from django import template
from django.utils.formats import number_format
from django.utils.html import format_html
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext as _
from django.utils.translation import pgettext_lazy

from warmnet.ui.words import change_phrase, confidence_word, period_name, share_phrase

register = template.Library()

ICONS = Path(__file__).resolve().parents[2] / "static" / "warmnet" / "vendor" / "lucide"
_NAME = re.compile(r"^[a-z0-9-]+$")
_BODY = re.compile(r"<svg[^>]*>(.*)</svg>", re.S)


@cache
def _icon_body(name: str) -> str:
    if not _NAME.match(name):
        raise template.TemplateSyntaxError(f"Not an icon name: {name!r}")
    path = ICONS / f"{name}.svg"
    if not path.exists():
        raise template.TemplateSyntaxError(f"No such icon: {name!r} (vendor it into {ICONS})")
    match = _BODY.search(path.read_text(encoding="utf-8"))
    assert match is not None, path
    return " ".join(match.group(1).split())


@register.simple_tag
def icon(name: str, css: str = "") -> SafeString:
    """An inline icon, decorative: ``aria-hidden`` and not focusable."""
    classes = f"icon icon-{name} {css}".strip()
    return format_html(
        '<svg class="{}" viewBox="0 0 24 24" fill="none" stroke="currentColor" '
        'stroke-linecap="round" stroke-linejoin="round" aria-hidden="true" '
        'focusable="false">{}</svg>',
        classes,
        mark_safe(_icon_body(name)),  # a vendored file of the package
    )


#: The words of the tie strength bands (see :func:`warmnet.engine.warmth.tie_band`).
TIE_WORDS = {
    "none": pgettext_lazy("tie strength", "none yet"),
    "weak": pgettext_lazy("tie strength", "weak"),
    "medium": pgettext_lazy("tie strength", "medium"),
    "strong": pgettext_lazy("tie strength", "strong"),
}


def _hours(hours: float) -> str:
    """Hours with one decimal (two below one hour), rounded (``number_format`` cuts)."""
    digits = 1 if hours >= 1 else 2
    return number_format(round(float(hours), digits), digits)


@register.simple_tag
def tie_strength(band: str, hours: float | None = None) -> SafeString:
    """A tie's strength as a word (*sterk*, *gemiddeld*, *zwak*, *nog geen*), the hours
    behind it in a tooltip and, for screen readers, in the text itself."""
    word = TIE_WORDS.get(band, TIE_WORDS["none"])
    if hours is None or band == "none":
        return format_html('<span class="tie-band tie-{}">{}</span>', band, word)
    detail = _("%(hours)s hours together in relationship activities, recent time counting most") % {
        "hours": _hours(hours)
    }
    return format_html(
        '<span class="tie-band tie-{}" title="{}">{}'
        '<span class="visually-hidden"> ({})</span></span>',
        band,
        detail,
        word,
        detail,
    )


@register.simple_tag
def tie_word(band: str) -> str:
    """A tie's strength as a plain word, for an SVG title or an attribute."""
    return str(TIE_WORDS.get(band, TIE_WORDS["none"]))


@register.filter
def change(value: float | None, unit: str = "percent") -> str:
    """``{{ -13|change }}`` -> "daalde met 13%"; ``{{ 21|change:"points" }}`` -> "steeg met
    21 procentpunten" (:func:`warmnet.ui.words.change_phrase`)."""
    return change_phrase(value, unit)


@register.filter
def share_words(share: float | None) -> str:
    """``{{ 0.3|share_words }}`` -> "30% relatie, 70% inhoud"."""
    return share_phrase(share)


@register.simple_tag
def confidence(pct: int | float | None) -> SafeString:
    """How sure a verdict is in a word (*duidelijk*, *waarschijnlijk*, *onzeker*), the
    figure in a tooltip and, for screen readers, in the text."""
    if pct is None:
        return format_html("{}", "—")
    figure = _("%(pct)s%% sure, by how much better this scenario fits than the next") % {
        "pct": round(float(pct))
    }
    return format_html(
        '<span class="confidence-word" title="{}">{}'
        '<span class="visually-hidden"> ({})</span></span>',
        figure,
        confidence_word(float(pct) / 100),
        figure,
    )


@register.filter
def percent(share: float | None) -> str:
    """``{{ 0.3|percent }}`` -> "30%": a share 0-1 as a whole percentage."""
    if share is None or share == "":
        return "—"
    return f"{round(100 * float(share))}%"


@register.filter
def period(label: str | None) -> str:
    """``{{ "2025-03"|period }}`` -> "maart 2025" (:func:`warmnet.ui.words.period_name`)."""
    return period_name(label)
