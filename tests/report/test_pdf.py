"""The demo network's PDF: read back with pypdf and checked against the analysis."""

from __future__ import annotations

import io
import re
from typing import Any

from django.utils import translation
from pypdf import PdfReader

from tests.report.conftest import DemoReport
from warmnet.dashboard import panels
from warmnet.engine.faultlines import Risk
from warmnet.insights.service import analysis_for
from warmnet.insights.texts import scenario_label
from warmnet.network.models import Member
from warmnet.report.content import build_report, proposal_choices
from warmnet.report.figures import period_totals
from warmnet.report.models import Report
from warmnet.report.pdf import render_pdf
from warmnet.report.sections import hard_moments_in
from warmnet.ui.words import confidence_word

SECTIONS = [
    "Content and relationship over time",
    "Milestones and hard moments in this period",
    "Warmth",
    "Fault lines on the open disputes",
    "Signals",
    "The relationship programme",
    "About this report",
]


def _flat(text: str) -> str:
    return re.sub(r"\s+", " ", text)


def test_the_first_page_is_a_summary_a_steering_group_reads_first(
    demo_report: DemoReport, db: Any
) -> None:
    first = _flat(demo_report.page_text(1))
    assert "report for the steering group" in first.lower()
    assert "Regio Deal Groene Delta" in first
    assert demo_report.period.label == "Q3 2026" and "Q3 2026" in first
    assert "Three things to decide or do" in first
    assert "Key figures, and the change since Q2 2026" in first
    # the sections come after the summary, not on its page
    for heading in (SECTIONS[0], SECTIONS[1], SECTIONS[3], SECTIONS[5]):
        assert heading not in first, heading
    assert len(demo_report.reader.pages) >= 3


def test_the_sections_follow_the_summary_in_order(demo_report: DemoReport, db: Any) -> None:
    rest = _flat("\n".join(p.extract_text() for p in demo_report.reader.pages[1:]))
    positions = [rest.find(h) for h in SECTIONS]
    assert all(p >= 0 for p in positions), dict(zip(SECTIONS, positions, strict=True))
    assert positions == sorted(positions)


def test_the_verdict_and_figures_are_the_dashboards_numbers(
    demo_report: DemoReport, db: Any
) -> None:
    network, period = demo_report.network, demo_report.period
    with translation.override("en"):
        analysis = analysis_for(network, period.end)
        before = analysis_for(network, period.previous().end)
        verdict = panels.verdict_view(analysis.result.scenario.overall, lambda k, v: "")
        warmth = panels.warmth_view(network, analysis, [])
    first = _flat(demo_report.page_text(1))
    assert verdict.label.capitalize() in first
    # the certainty in the dashboard's word, with its figure
    word = confidence_word(analysis.result.scenario.overall.confidence)
    assert f"{word} ({verdict.confidence_pct}% sure)" in first
    assert verdict.message in first  # the verdict in one sentence
    figures = {f.code: f for f in demo_report.content.figures}
    assert figures["warmth"].value == f"{warmth.index_pct}%"
    points = warmth.index_pct - round(100 * before.result.warmth.index)
    assert figures["warmth"].change.endswith(f"{abs(points)} points")
    assert f"Warmth index {warmth.index_pct}%" in first
    totals = period_totals(analysis.result.balance, period)
    bal = analysis.result.balance
    months = [i for i, label in enumerate(bal.labels) if label in ("2026-07", "2026-08", "2026-09")]
    assert len(months) == 3 and totals.labels == ["2026-07", "2026-08", "2026-09"]
    rel = sum(float(bal.relationship_hours[i]) for i in months)
    con = sum(float(bal.content_hours[i]) for i in months)
    assert figures["share"].value == f"{round(100 * rel / (rel + con))}%"
    assert f"Relationship share {figures['share'].value}" in first
    assert figures["content_hours"].value == f"{round(con):,}"
    assert f"Members with few warm ties {warmth.cold_total}" in first
    high = sum(1 for f in analysis.result.faultlines if f.risk is Risk.HIGH)
    assert f"Disputes at high risk {high}" in first


def test_hard_moments_in_the_period_show_what_held(demo_report: DemoReport, db: Any) -> None:
    analysis = analysis_for(demo_report.network, demo_report.period.end)
    moments = hard_moments_in(analysis, demo_report.period)
    text = _flat(demo_report.text)
    if moments:
        for h in moments:
            assert h.title in text and str(h.outcome_label) in text
    else:
        total = len(analysis.result.hard_moments)
        assert f"No hard moment in this period ({total} recorded in all)" in text
    # every open dispute with sides is in the fault-line table
    for line in demo_report.content.faultlines:
        assert line.point in text


def test_no_member_is_named_unless_the_coordinator_chooses(
    demo_report: DemoReport, db: Any
) -> None:
    text = _flat(demo_report.text)
    names = list(Member.objects.filter(network=demo_report.network).values_list("name", flat=True))
    assert len(names) > 30
    assert [n for n in names if n in text] == []
    # the cold members are counted, not listed
    assert demo_report.content.cold_count > 0 and demo_report.content.cold_names == []


def test_the_metadata_carries_the_title_and_the_network_only(
    demo_report: DemoReport, db: Any
) -> None:
    meta = demo_report.reader.metadata
    assert meta is not None
    assert meta.title == "Steering-group report Regio Deal Groene Delta, Q3 2026"
    assert meta.author == "Regio Deal Groene Delta"
    assert meta.creator == "Warmnet"
    assert set(meta) <= {"/Title", "/Author", "/Creator", "/Producer", "/Subject", "/CreationDate"}
    values = " ".join(str(v) for v in meta.values())
    names = Member.objects.filter(network=demo_report.network).values_list("name", flat=True)
    assert not [n for n in names if n in values]


def test_the_shipped_font_is_embedded(demo_report: DemoReport, db: Any) -> None:
    fonts = set()
    for page in demo_report.reader.pages[:2]:
        for font in page["/Resources"]["/Font"].values():
            fonts.add(str(font.get_object()["/BaseFont"]))
    assert fonts and all("Source-Sans-3" in f for f in fonts), fonts


def test_the_coordinators_voice_is_marked_and_people_named_when_chosen(
    demo_report: DemoReport, db: Any
) -> None:
    network, period = demo_report.network, demo_report.period
    with translation.override("en"):
        analysis = analysis_for(network, period.end)
        plain = build_report(network, period, None, demo_report.today)
    assert plain.proposals == []
    suggestion_ids = [p for p in _ids(analysis)]
    draft = Report(
        network=network,
        period_start=period.start,
        period_end=period.end,
        foreword="We zien de warmte teruglopen.\nDaarom stellen we een werkbezoek voor.",
        proposals=suggestion_ids[:1],
        include_people=True,
        updated_at=period.end,
    )
    with translation.override("en"):
        content = build_report(network, period, draft, demo_report.today)
        pdf = render_pdf(content)
    text = _flat("\n".join(p.extract_text() for p in PdfReader(io.BytesIO(pdf)).pages))
    assert "The coordinator's view" in text and "We zien de warmte teruglopen." in text
    first = _flat(PdfReader(io.BytesIO(pdf)).pages[0].extract_text()).lower()
    assert "proposal of the coordinator" in first
    assert content.steps[0].source == "coordinator"
    cold = content.cold_names
    assert cold and cold[0].split(" (")[0] in text


def _ids(analysis: Any) -> list[str]:
    return [c for c, _label in proposal_choices(analysis)]


def test_scenario_labels_are_those_of_the_dashboard(demo_report: DemoReport, db: Any) -> None:
    with translation.override("en"):
        assert demo_report.content.scenario_label == scenario_label(demo_report.content.scenario)
