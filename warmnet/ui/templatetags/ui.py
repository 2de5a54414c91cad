"""Template helpers of the design system.

``{% icon "users" %}`` puts a vendored Lucide icon inline (an ``<svg>`` that takes the
text colour, hidden from screen readers: an icon always stands beside a word).
Inline SVG needs no request and is allowed by the content security policy.
"""

from __future__ import annotations

import re
from functools import cache
from pathlib import Path

from django import template
from django.utils.html import format_html
from django.utils.safestring import SafeString, mark_safe

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
