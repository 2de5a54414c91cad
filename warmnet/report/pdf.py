"""The report as a PDF: the print page's HTML and stylesheet through WeasyPrint.

Nothing is fetched from outside the project: the stylesheet and the fonts it names are
read from the static files, and any other address (an image, a web font) is refused.
The document's metadata is its title, the network as author and Warmnet as creator —
no user's name.
"""

from __future__ import annotations

import importlib
from types import ModuleType

from django.template.loader import render_to_string
from django.utils.translation import gettext as _

from warmnet.report.content import ReportContent

__all__ = [
    "STYLESHEET",
    "PdfUnavailable",
    "document_title",
    "filename",
    "render_html",
    "render_pdf",
]

STYLESHEET = "report/report.css"


class PdfUnavailable(Exception):
    """WeasyPrint cannot run here: it or the system's pango library is missing."""


def _engine() -> ModuleType:
    """The WeasyPrint side (``warmnet.report.weasy``), loaded on first use: WeasyPrint
    needs the system's pango, and a machine without it still runs everything else (the
    print page included)."""
    try:
        return importlib.import_module("warmnet.report.weasy")
    except (ImportError, OSError) as exc:
        raise PdfUnavailable(
            _(
                "The PDF cannot be made on this server: the pango library is missing "
                "(apt-get install libpango-1.0-0 libpangoft2-1.0-0). The print page works."
            )
        ) from exc


def document_title(r: ReportContent) -> str:
    return _("Steering-group report %(network)s, %(period)s") % {
        "network": r.network,
        "period": r.period.label,
    }


def filename(r: ReportContent, network_slug: str) -> str:
    code = r.period.quarter or f"{r.period.start:%Y%m%d}-{r.period.end:%Y%m%d}"
    # Translators: the start of the PDF's file name; no spaces
    stem = _("steering-group-report")
    return f"{stem}-{network_slug}-{code}.pdf"


def render_html(r: ReportContent) -> str:
    return render_to_string("report/document.html", {"r": r, "title": document_title(r)})


def render_pdf(r: ReportContent) -> bytes:
    """The PDF of ``r`` in the active language (raises :class:`PdfUnavailable`)."""
    return _engine().write_pdf(render_html(r), STYLESHEET)  # type: ignore[no-any-return]
