"""Everything one report shows, gathered once for the page, the PDF and the e-mail.

:func:`build_report` reads the analysis as of the report's last day (or today, for a
period still running) — the same cached analysis the dashboard shows — and the one as
of the last day of the period before, for the changes.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.utils import timezone

from warmnet.activities.models import ActivityKind
from warmnet.dashboard.charts import TracksChart, period_start, tracks_chart
from warmnet.dashboard.panels import MEANINGS, TONES
from warmnet.dossiers.models import HardMoment, Milestone
from warmnet.engine.data import ActivityKind as EngineKind
from warmnet.insights.hardmoments import HardMomentView
from warmnet.insights.service import Analysis, analysis_for
from warmnet.insights.story import coming_moment
from warmnet.insights.texts import scenario_label
from warmnet.network.models import Network
from warmnet.programme.offers import acknowledged, public_id, suggestion_key
from warmnet.report.figures import KeyFigure, PeriodTotals, key_figures, period_totals
from warmnet.report.models import Report
from warmnet.report.periods import Period
from warmnet.report.sections import (
    FaultLineView,
    MilestoneView,
    ProgrammeView,
    SignalLine,
    SurveyView,
    faultline_views,
    hard_moments_in,
    milestone_views,
    programme_view,
    signal_lines,
    survey_view,
)
from warmnet.report.story import Step, next_steps, say, verdict_sentence
from warmnet.ui.words import confidence_word, tie_time_phrase

__all__ = ["Proposal", "ReportContent", "build_report", "proposal_choices"]


@dataclass(frozen=True)
class Proposal:
    id: str
    kind: str
    day: dt.date
    host: str
    reason: str
    people: list[str]


@dataclass(frozen=True)
class Highlight:
    """Where the report's period lies on the chart (SVG units)."""

    x: float
    width: float
    y: float
    height: float


@dataclass(frozen=True)
class ReportContent:
    network: str
    period: Period
    previous: Period
    as_of: dt.date
    made_on: dt.date
    include_people: bool
    # the summary
    scenario: str
    scenario_label: str
    tone: str
    confidence_pct: int
    confidence_word: str
    verdict: str
    meaning: str
    previous_scenario_label: str
    steps: list[Step]
    figures: list[KeyFigure]
    # the coordinator's voice
    foreword: str
    proposals: list[Proposal]
    # the sections
    chart: TracksChart
    highlight: Highlight | None
    totals: PeriodTotals
    previous_totals: PeriodTotals
    rows: list[tuple[str, float, float, int | None, bool]]  # label, C, R, share %, counted
    milestones: list[MilestoneView]
    milestones_ahead: list[MilestoneView]
    hard_moments: list[HardMomentView]
    hard_moments_total: int
    warmth_pct: int
    warmth_before_pct: int | None
    active_members: int
    warm_ties: int
    warm_cross: int
    mean_relational: float
    mean_familiarity: float

    @property
    def tie_time(self) -> str:
        """The two tie layers as the share of time together that was relationship time."""
        return tie_time_phrase(self.mean_relational, self.mean_familiarity)

    cold_count: int
    cold_names: list[str]
    newcomers: int
    silos: bool
    groups: int
    faultlines: list[FaultLineView]
    signals: list[SignalLine]
    programme: ProgrammeView
    survey: SurveyView | None
    band_low_pct: int
    band_high_pct: int
    window_months: int

    @property
    def title(self) -> str:
        return self.network


def _suggestion_views(analysis: Analysis, include_people: bool) -> list[Proposal]:
    lookup = analysis.lookup
    out = []
    for s in analysis.result.suggestions:
        kind = ActivityKind(int(EngineKind(s.activity_kind)))
        people = [lookup.member_with_org(r) for r in s.invitees.tolist()] if include_people else []
        out.append(
            Proposal(
                id=public_id(suggestion_key(s, lookup)),
                kind=str(kind.label),
                day=s.date.astype(object),
                host=lookup.organisation(s.host_org) if s.host_org >= 0 else "",
                reason=say(s.reason, include_people),
                people=people,
            )
        )
    return out


def proposal_choices(analysis: Analysis) -> list[tuple[str, str]]:
    """The analysis's suggestions as choices for the coordinator (people named: only
    coordinators and the core team see this form)."""
    seen: set[str] = set()
    out = []
    for p in _suggestion_views(analysis, include_people=True):
        if p.id in seen:
            continue
        seen.add(p.id)
        out.append((p.id, f"{p.kind}, {p.day:%Y-%m-%d}: {p.reason}"))
    return out


def _chart(
    network: Network, analysis: Analysis, period: Period
) -> tuple[TracksChart, Highlight | None]:
    first = analysis.as_of - dt.timedelta(days=40 * 31)
    milestones = Milestone.objects.filter(
        network=network, date__gte=first, date__lte=analysis.as_of
    ).values_list("date", "title")
    moments = HardMoment.objects.filter(
        network=network, date__gte=first, date__lte=analysis.as_of
    ).values_list("date", "title")
    st = analysis.result.settings
    chart = tracks_chart(
        analysis.result.balance,
        (st.band_low, st.band_high),
        list(milestones[:60]),
        list(moments[:60]),
        lambda label: "",
    )
    inside = [b for b in chart.bars if period.start <= period_start(b.label) <= period.end]
    if not inside:
        return chart, None
    step = (chart.plot_w / len(chart.bars)) if chart.bars else 0
    left = inside[0].cx - step / 2
    top = chart.hours_top - 22
    return chart, Highlight(
        round(left, 1), round(step * len(inside), 1), top, chart.share_bottom - top
    )


def _rows(
    analysis: Analysis, totals: PeriodTotals
) -> list[tuple[str, float, float, int | None, bool]]:
    bal = analysis.result.balance
    wanted = set(totals.labels)
    rows = []
    for i, label in enumerate(bal.labels):
        if label not in wanted:
            continue
        share = float(bal.share[i])
        rows.append(
            (
                label,
                float(bal.content_hours[i]),
                float(bal.relationship_hours[i]),
                None if share != share else round(100 * share),
                bool(bal.counted[i]) if bal.counted.size > i else True,
            )
        )
    return rows


def report_day(period: Period, today: dt.date) -> dt.date:
    """The day the report is analysed as of: its last day, or today while it runs."""
    return min(period.end, today)


def build_report(
    network: Network, period: Period, draft: Report | None, today: dt.date | None = None
) -> ReportContent:
    today = today or timezone.localdate()
    as_of = report_day(period, today)
    previous = period.previous()
    analysis = analysis_for(network, as_of)
    before = analysis_for(network, previous.end) if previous.end >= dt.date(1900, 1, 1) else None
    include_people = bool(draft and draft.include_people)
    result = analysis.result
    overall = result.scenario.overall
    totals = period_totals(result.balance, period)
    previous_totals = period_totals(result.balance, previous)

    seen = acknowledged(network, analysis)
    open_signals = [s for i, s in enumerate(result.signals) if i not in seen]
    chosen = list(draft.proposals) if draft else []
    by_id = {p.id: p for p in _suggestion_views(analysis, include_people)}
    proposals = [by_id[i] for i in chosen if i in by_id]
    steps = [Step(p.kind + ": " + p.reason, "coordinator") for p in proposals]
    moment = coming_moment(network, as_of)
    if moment is not None:  # the next decision first, with its countdown, as on the dashboard
        steps.append(Step(moment.text, "analysis"))
    steps += next_steps(
        analysis, open_signals, include_people=include_people, limit=2 if moment else 3
    )
    chart, highlight = _chart(network, analysis, period)
    w = result.warmth
    lookup = analysis.lookup
    cold_order = w.cold[w.strength[w.cold].argsort(kind="stable")].tolist()
    moments = hard_moments_in(analysis, period)
    prev_code = before.result.scenario.overall.scenario.value if before is not None else ""
    return ReportContent(
        network=network.name,
        period=period,
        previous=previous,
        as_of=as_of,
        made_on=today,
        include_people=include_people,
        scenario=overall.scenario.value,
        scenario_label=scenario_label(overall.scenario.value),
        tone=TONES.get(overall.scenario.value, "none"),
        confidence_pct=round(100 * float(overall.confidence)),
        confidence_word=confidence_word(float(overall.confidence)),
        verdict=verdict_sentence(analysis),
        meaning=str(MEANINGS.get(overall.scenario.value, "")),
        previous_scenario_label=scenario_label(prev_code)
        if prev_code and prev_code != overall.scenario.value
        else "",
        steps=steps[:3],
        figures=key_figures(analysis, before, totals, previous_totals),
        foreword=draft.foreword if draft else "",
        proposals=proposals,
        chart=chart,
        highlight=highlight,
        totals=totals,
        previous_totals=previous_totals,
        rows=_rows(analysis, totals),
        milestones=milestone_views(network, period.start, period.end),
        milestones_ahead=milestone_views(
            network, as_of + dt.timedelta(days=1), as_of + dt.timedelta(days=183)
        ),
        hard_moments=moments,
        hard_moments_total=len(result.hard_moments),
        warmth_pct=round(100 * float(w.index)),
        warmth_before_pct=round(100 * float(before.result.warmth.index))
        if before is not None and before.result.warmth.active_members
        else None,
        active_members=int(w.active_members),
        warm_ties=int(w.total_warm_ties),
        warm_cross=int(w.warm_cross_org_ties),
        mean_relational=float(w.mean_relational),
        mean_familiarity=float(w.mean_familiarity),
        cold_count=int(w.cold.size),
        cold_names=[lookup.member_with_org(r) for r in cold_order[:30]] if include_people else [],
        newcomers=int(w.newcomers_unconnected.size),
        silos=bool(result.groups.silos),
        groups=result.groups.count,
        faultlines=faultline_views(analysis, include_people),
        signals=signal_lines(analysis, include_people),
        programme=programme_view(network, period, as_of, include_people),
        survey=survey_view(network, as_of),
        band_low_pct=round(100 * result.settings.band_low),
        band_high_pct=round(100 * result.settings.band_high),
        window_months=result.settings.hard_moment_window_months,
    )
