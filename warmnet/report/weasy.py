"""WeasyPrint, imported only where a PDF is made (see :func:`warmnet.report.pdf._engine`).

Nothing is fetched from outside the project: the stylesheet and the fonts it names are
read from the static files, and any other address (an image, a web font) is refused.
"""

from __future__ import annotations

import posixpath
from pathlib import Path
from typing import Any

from django.contrib.staticfiles import finders
from weasyprint import CSS, HTML
from weasyprint.text.fonts import FontConfiguration
from weasyprint.urls import URLFetcher, URLFetcherResponse

__all__ = ["write_pdf"]

#: The address the document and its stylesheet are read under: every file they name is
#: looked up among the static files (wherever they are installed), nothing else.
BASE = "file:///warmnet-static/"
TYPES = {".css": "text/css", ".woff2": "font/woff2", ".woff": "font/woff", ".ttf": "font/ttf"}


class StaticOnly(URLFetcher):
    """Fetch static files of the project only; refuse every other address."""

    def __init__(self) -> None:
        super().__init__(allowed_protocols=["file"], allow_redirects=False)

    def fetch(self, url: str, headers: Any = None) -> Any:
        path = url.split("?")[0].split("#")[0]
        if not path.startswith(BASE):
            raise ValueError(f"not fetched: {url[:80]}")
        relative = posixpath.normpath(path.removeprefix(BASE))
        found = finders.find(relative) if not relative.startswith(("..", "/")) else None
        kind = TYPES.get(Path(relative).suffix)
        if not found or kind is None:
            raise ValueError(f"not fetched: {url[:80]}")
        return URLFetcherResponse(url, Path(str(found)).read_bytes(), {"Content-Type": kind})


def write_pdf(html: str, stylesheet: str) -> bytes:
    """``html`` with the static ``stylesheet`` as a PDF."""
    fetcher = StaticOnly()
    document = HTML(string=html, base_url=BASE, url_fetcher=fetcher)
    fonts = FontConfiguration()
    css = CSS(url=BASE + stylesheet, url_fetcher=fetcher, font_config=fonts)
    pdf = document.write_pdf(stylesheets=[css], font_config=fonts)
    assert pdf is not None
    return bytes(pdf)
