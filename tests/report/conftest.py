"""The demo network's report, made once per test module that asks for it.

``demo_report`` writes a demo-size network (the same story as ``warmnet demo``) into
the test database outside any test's transaction, renders its PDF once, and deletes
the network when the module is done; tests read from it and write nothing.
"""

from __future__ import annotations

import datetime as dt
import io
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

import pytest
from django.core.cache import cache
from django.utils import translation
from pypdf import PdfReader

from warmnet.generate.management.commands.demo import DEMO_NAME, DEMO_SCENARIO, DEMO_SEED
from warmnet.generate.synth import generate_network
from warmnet.generate.writer import write_network
from warmnet.insights.service import forget_recent
from warmnet.network.models import Member, Network
from warmnet.report.content import ReportContent, build_report
from warmnet.report.pdf import render_pdf
from warmnet.report.periods import Period, quarter_of

START = dt.date(2024, 11, 1)


@dataclass
class DemoReport:
    network: Network
    #: The day the history ends: the report is made as if on this day.
    today: dt.date
    period: Period
    content: ReportContent
    pdf: bytes

    @property
    def reader(self) -> PdfReader:
        return PdfReader(io.BytesIO(self.pdf))

    def page_text(self, number: int) -> str:
        return self.reader.pages[number - 1].extract_text()

    @property
    def text(self) -> str:
        return "\n".join(p.extract_text() for p in self.reader.pages)


def write_demo(slug: str) -> tuple[Network, dt.date]:
    g = generate_network(DEMO_SEED, "demo", DEMO_SCENARIO, start=START, years=2.0, name=DEMO_NAME)
    return write_network(g, slug).network, g.end


@pytest.fixture(scope="module")
def demo_report(django_db_setup: Any, django_db_blocker: Any) -> Iterator[DemoReport]:
    with django_db_blocker.unblock():
        network, today = write_demo("report-demo")
        period = quarter_of(today - dt.timedelta(days=45))
        try:
            with translation.override("en"):
                content = build_report(network, period, None, today)
                pdf = render_pdf(content)
            yield DemoReport(network, today, period, content, pdf)
        finally:
            # members first: organisations are protected while they have members
            Member.objects.filter(network=network).delete()
            network.delete()
            cache.clear()
            forget_recent()


@pytest.fixture(autouse=True)
def english(settings: Any) -> Iterator[None]:
    """Assert on the English msgids, whatever the catalogue says in Dutch."""
    settings.LANGUAGE_CODE = "en"
    with translation.override("en"):
        yield
