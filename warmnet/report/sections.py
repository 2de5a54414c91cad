"""The report's sections after the summary, read into plain view objects.

Only what the steering group may see: figures, organisations, points of dispute and
the network's shared records (milestones, hard moments, activities).  People are named
only when the coordinator chose to (``include_people``).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Any

from django.db.models import Count, Q
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from warmnet.activities.models import RELATIONSHIP_KINDS, Activity, AttendanceStatus
from warmnet.dashboard.panels import SEVERITY_LABELS
from warmnet.dossiers.models import Milestone
from warmnet.engine.faultlines import Risk
from warmnet.engine.signals import SignalKind
from warmnet.engine.texts import Message
from warmnet.insights.hardmoments import HardMomentView, hard_moment_views
from warmnet.insights.service import Analysis
from warmnet.insights.texts import RISK_LABELS
from warmnet.network.models import Network
from warmnet.programme.outcomes import Outcome, outcomes
from warmnet.report.periods import Period
from warmnet.report.story import say
from warmnet.surveys.items import NETWORK_ITEMS
from warmnet.surveys.models import SurveyRound
from warmnet.surveys.report import fmt

__all__ = [
    "FaultLineView",
    "MilestoneView",
    "ProgrammeView",
    "SignalLine",
    "SurveyView",
    "faultline_views",
    "hard_moments_in",
    "milestone_views",
    "programme_view",
    "signal_lines",
    "survey_view",
]

#: Kinds of signal that are about one person: the report counts them unless people
#: are named.
PERSONAL_SIGNALS = {SignalKind.COLD_MEMBER, SignalKind.NEWCOMER_NOT_CONNECTED}
LIST_LIMIT = 12
RAISED_LABELS = {
    "deadlocked": gettext_lazy("deadlocked"),
    "long_open": gettext_lazy("open without change for months"),
    "hard_moment": gettext_lazy("a recent hard moment among its parties"),
}


def _day_start(day: dt.date) -> dt.datetime:
    return timezone.make_aware(dt.datetime.combine(day, dt.time.min))


@dataclass(frozen=True)
class MilestoneView:
    day: dt.date
    kind: str
    title: str
    dossier: str


def milestone_views(network: Network, start: dt.date, end: dt.date) -> list[MilestoneView]:
    rows = (
        Milestone.objects.filter(network=network, date__gte=start, date__lte=end)
        .select_related("dossier")
        .order_by("date", "pk")[:LIST_LIMIT]
    )
    return [
        MilestoneView(
            m.date, str(m.get_kind_display()), m.title, m.dossier.name if m.dossier else ""
        )
        for m in rows
    ]


def hard_moments_in(analysis: Analysis, period: Period) -> list[HardMomentView]:
    """The hard moments of the period, oldest first, with the warmth before each."""
    views = [h for h in hard_moment_views(analysis) if period.start <= h.day <= period.end]  # type: ignore[operator]
    return list(reversed(views))


@dataclass(frozen=True)
class FaultLineView:
    point: str
    status: str
    risk: str
    risk_label: str
    for_count: int
    against_count: int
    neutral: int
    warm_across: int
    bridges: int
    raised_by: list[str]
    bridge_names: list[str] = field(default_factory=list)


def faultline_views(analysis: Analysis, include_people: bool) -> list[FaultLineView]:
    """Every open dispute with two sides, highest risk first."""
    order = {Risk.HIGH: 0, Risk.MEDIUM: 1, Risk.LOW: 2, Risk.NONE: 3}
    lookup = analysis.lookup
    out = []
    for f in sorted(analysis.result.faultlines, key=lambda f: (order[f.risk], f.point)):
        out.append(
            FaultLineView(
                point=lookup.point(f.point),
                status=str(f.status.name.lower()),
                risk=f.risk.value,
                risk_label=str(RISK_LABELS[f.risk.value]),
                for_count=int(f.for_members.size),
                against_count=int(f.against_members.size),
                neutral=int(f.neutral),
                warm_across=int(f.warm_across),
                bridges=int(f.bridges.size),
                raised_by=[str(RAISED_LABELS.get(r, r)) for r in f.raised_by],
                bridge_names=[lookup.member_with_org(r) for r in f.bridges.tolist()[:6]]
                if include_people
                else [],
            )
        )
    return out


@dataclass(frozen=True)
class SignalLine:
    severity: int
    severity_label: str
    text: str
    action: str
    #: More signals of the same kind folded into this line (about people, unnamed).
    count: int = 1


def signal_lines(analysis: Analysis, include_people: bool) -> list[SignalLine]:
    """The open signals by severity; those about one person counted per kind unless
    people are named."""
    out: list[SignalLine] = []
    folded: dict[SignalKind, list[Any]] = {}
    for s in analysis.result.signals:
        if s.kind in PERSONAL_SIGNALS and not include_people:
            folded.setdefault(s.kind, []).append(s)
            continue
        out.append(
            SignalLine(
                int(s.severity),
                str(SEVERITY_LABELS.get(int(s.severity), "")),
                say(s.message, include_people),
                say(s.action, include_people),
            )
        )
    for kind, group in folded.items():
        sev = max(int(s.severity) for s in group)
        text = (
            _("%(n)s members have fewer than two warm ties in the network.")
            if kind is SignalKind.COLD_MEMBER
            else _("%(n)s newcomers have no warm tie yet.")
        ) % {"n": len(group)}
        out.append(
            SignalLine(
                sev,
                str(SEVERITY_LABELS.get(sev, "")),
                text,
                say(group[0].action, False),
                len(group),
            )
        )
    out.sort(key=lambda s: -s.severity)
    return out


@dataclass(frozen=True)
class ActivityLine:
    day: dt.date
    kind: str
    title: str
    people: int


@dataclass(frozen=True)
class OutcomeLine:
    what: str
    outcome: Outcome


@dataclass(frozen=True)
class ProgrammeView:
    held: list[ActivityLine]
    held_total: int
    planned: list[ActivityLine]
    outcomes: list[OutcomeLine]


def _outcome_line(o: Outcome, include_people: bool) -> OutcomeLine:
    reason = o.record.reason or {}
    if reason.get("key"):
        what = say(Message(reason["key"], reason.get("params", {})), include_people)
    else:
        what = o.record.kind
    return OutcomeLine(what, o)


def _relationship(network: Network, start: dt.date, end: dt.date) -> Any:
    rel = Q(relationship_share__gte=0.5) | Q(
        relationship_share__isnull=True, kind__in=sorted(RELATIONSHIP_KINDS)
    )
    return (
        Activity.objects.filter(
            rel,
            network=network,
            start__gte=_day_start(start),
            start__lt=_day_start(end + dt.timedelta(days=1)),
        )
        .annotate(
            came=Count("attendances", filter=Q(attendances__status=AttendanceStatus.ATTENDED)),
            coming=Count("attendances", filter=Q(attendances__status=AttendanceStatus.ACCEPTED)),
            invited=Count("attendances"),
        )
        .order_by("start", "pk")
    )


def _line(a: Any, held: bool) -> ActivityLine:
    people = (a.came or a.coming) if held else a.invited
    return ActivityLine(
        timezone.localtime(a.start).date(), str(a.get_kind_display()), a.title, int(people)
    )


def programme_view(
    network: Network, period: Period, as_of: dt.date, include_people: bool
) -> ProgrammeView:
    """Relationship activities held in the period, those planned in the four months
    after the report's day, and what came of the analysis's suggestions."""
    held = _relationship(network, period.start, min(period.end, as_of))
    planned = _relationship(network, as_of + dt.timedelta(days=1), as_of + dt.timedelta(days=120))
    return ProgrammeView(
        held=[_line(a, True) for a in held[:LIST_LIMIT]],
        held_total=held.count(),
        planned=[_line(a, False) for a in planned[:LIST_LIMIT]],
        outcomes=[_outcome_line(o, include_people) for o in outcomes(network)],
    )


@dataclass(frozen=True)
class SurveyItemLine:
    text: str
    mean: str
    n: int
    previous: str


@dataclass(frozen=True)
class SurveyView:
    title: str
    closes_on: dt.date
    respondents: int
    invited: int
    min_group: int
    items: list[SurveyItemLine]
    previous_title: str = ""


def survey_view(network: Network, as_of: dt.date) -> SurveyView | None:
    """The latest closed round up to the report's day: its whole-network means as its
    own pages publish them (groups below the minimum size are never shown), beside the
    round before it."""
    rounds = list(
        SurveyRound.objects.filter(
            network=network, closed_at__isnull=False, closes_on__lte=as_of
        ).order_by("-closes_on", "-pk")[:2]
    )
    if not rounds:
        return None
    latest = rounds[0]
    results = latest.results or {}
    before = (rounds[1].results or {}) if len(rounds) > 1 else {}
    lines = []
    for item in NETWORK_ITEMS:
        total = (results.get("items", {}).get(item.code) or {}).get("total")
        old = (before.get("items", {}).get(item.code) or {}).get("total")
        if total is None:
            continue
        lines.append(
            SurveyItemLine(
                str(item.text), fmt(total["mean"]), int(total["n"]), fmt(old["mean"]) if old else ""
            )
        )
    return SurveyView(
        latest.title,
        latest.closes_on,
        int(results.get("respondents", 0)),
        int(results.get("invited", 0)),
        int(results.get("min_group", latest.min_group)),
        lines,
        rounds[1].title if len(rounds) > 1 else "",
    )
