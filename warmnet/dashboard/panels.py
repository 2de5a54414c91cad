"""What each part of the dashboard shows, read from an analysis into plain view objects.

No queries beyond a few bounded look-ups by id; every sentence of the engine goes
through :func:`~warmnet.insights.texts.render_message` in the active language.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass, field

import numpy as np
from django.urls import reverse
from django.utils.translation import gettext_lazy, pgettext_lazy

from warmnet.activities.models import ActivityKind
from warmnet.engine.data import ActivityKind as EngineKind
from warmnet.engine.scenario import Verdict
from warmnet.engine.signals import Signal, SignalKind
from warmnet.engine.texts import Message
from warmnet.insights.service import Analysis, Lookup, Trend
from warmnet.insights.texts import render_message, scenario_label
from warmnet.network.models import Network
from warmnet.programme.offers import acknowledged, offers, series_covered, signal_fingerprint

__all__ = [
    "MemberLink",
    "SignalGroup",
    "SignalView",
    "SuggestionGroup",
    "SuggestionView",
    "VerdictView",
    "WarmthView",
    "acknowledged_signals",
    "member_links",
    "signal_groups",
    "suggestion_groups",
    "suggestion_views",
    "verdict_view",
    "warmth_view",
]

LIST_LIMIT = 12
SIGNALS_SHOWN = 5

# What each scenario means for the network, in a sentence a steering group reads.
MEANINGS = {
    "content_first": gettext_lazy(
        "The network works on content and hardly invests in relationships. When a hard "
        "moment comes, there is little trust to fall back on."
    ),
    "kickoff_then_content": gettext_lazy(
        "The network started warm, then let the relationship programme lapse. This is the "
        "scenario in which partners fall back into their trenches at the first hard moment."
    ),
    "together": gettext_lazy(
        "Content and relationships move together. This is the scenario that holds when "
        "things get hard: keep it up."
    ),
    "talking_shop": gettext_lazy(
        "Plenty of relationship work, little content progress. Warmth without results "
        "wears out: agree on concrete content goals."
    ),
    "insufficient_data": gettext_lazy(
        "There is not enough history to judge yet. Record activities and who attended."
    ),
}
TONES = {
    "content_first": "bad",
    "kickoff_then_content": "bad",
    "together": "good",
    "talking_shop": "warn",
    "insufficient_data": "none",
}
SEVERITY_LABELS = {
    3: pgettext_lazy("severity", "high"),
    2: pgettext_lazy("severity", "medium"),
    1: pgettext_lazy("severity", "low"),
}


@dataclass(frozen=True)
class Evidence:
    text: str
    url: str = ""


@dataclass(frozen=True)
class VerdictView:
    code: str
    label: str
    tone: str
    confidence_pct: int
    message: str
    meaning: str
    evidence: list[Evidence]
    first_period: str
    last_period: str
    periods: int


@dataclass(frozen=True)
class MemberLink:
    name: str
    organisation: str
    url: str
    note: str = ""


@dataclass(frozen=True)
class SignalView:
    kind: str
    severity: int
    text: str
    action: str
    evidence: list[str]
    url: str
    fingerprint: str = ""


@dataclass(frozen=True)
class SignalGroup:
    severity: int
    label: str
    shown: list[SignalView]
    more: list[SignalView]


@dataclass(frozen=True)
class WarmthView:
    index_pct: int
    then: list[tuple[str, int | None, int | None]]  # label, index then, change in points
    active: int
    warm_ties: int
    warm_cross: int
    cold: list[MemberLink]
    cold_total: int
    newcomers: list[MemberLink]
    drifting: list[SignalView] = field(default_factory=list)


@dataclass(frozen=True)
class SuggestionView:
    kind_label: str
    track: str
    date: dt.date
    host: str
    invitees: list[str]
    more_invitees: int
    reason: str
    plan_url: str
    id: str = ""
    #: The engine's type of suggestion (bridge a dispute, two organisations, ...).
    type: str = ""


@dataclass(frozen=True)
class SuggestionGroup:
    """Suggestions of one type and kind of activity: one card, its options inside."""

    type: str
    kind_label: str
    options: list[SuggestionView]


def _pct(x: float) -> int:
    return round(100 * float(x))


def _evidence_url(message: Message, urls: Callable[[str, str], str]) -> str:
    params = message.params
    if message.key == "evidence.share_break":
        return urls("period", str(params["period"]))
    if message.key in ("evidence.milestone_drop", "evidence.milestone_change"):
        return urls("period", str(params["month"]))
    if message.key == "evidence.longest_gap":
        return urls("month", str(params["start"])[:7])
    return ""


def verdict_view(verdict: Verdict, urls: Callable[[str, str], str]) -> VerdictView:
    code = verdict.scenario.value
    return VerdictView(
        code=code,
        label=scenario_label(code),
        tone=TONES.get(code, "none"),
        confidence_pct=_pct(verdict.confidence),
        message=render_message(verdict.message),
        meaning=str(MEANINGS.get(code, "")),
        evidence=[Evidence(render_message(e), _evidence_url(e, urls)) for e in verdict.evidence],
        first_period=verdict.first_period,
        last_period=verdict.last_period,
        periods=verdict.periods,
    )


def _member_url(network: Network, lookup: Lookup, row: int) -> str:
    return reverse("network:member_detail", args=[network.slug, lookup.member_id[row]])


def member_links(network: Network, lookup: Lookup, rows: list[int]) -> list[MemberLink]:
    return [
        MemberLink(
            lookup.member(r),
            lookup.organisation(lookup.member_org[r]),
            _member_url(network, lookup, r),
        )
        for r in rows
    ]


def _signal_url(network: Network, analysis: Analysis, signal: Signal) -> str:
    subject = signal.subject
    lookup = analysis.lookup
    if subject.kind == "member" and 0 <= subject.row < len(lookup.member_id):
        return _member_url(network, lookup, subject.row)
    if subject.kind == "milestone":
        return reverse("dossiers:milestone_list", args=[network.slug])
    if subject.kind == "point" and 0 <= subject.row < len(lookup.point_id):
        return reverse("dossiers:dossier_list", args=[network.slug])
    return ""


def _signal_view(network: Network, analysis: Analysis, signal: Signal) -> SignalView:
    return SignalView(
        kind=signal.kind.value,
        severity=int(signal.severity),
        text=render_message(signal.message),
        action=render_message(signal.action),
        evidence=[render_message(e) for e in signal.evidence],
        url=_signal_url(network, analysis, signal),
        fingerprint=signal_fingerprint(signal),
    )


def acknowledged_signals(network: Network, analysis: Analysis) -> list[SignalView]:
    """The signals the coordinator acknowledged and whose evidence has not changed."""
    seen = acknowledged(network, analysis)
    return [
        _signal_view(network, analysis, s)
        for i, s in enumerate(analysis.result.signals)
        if i in seen
    ]


def signal_groups(network: Network, analysis: Analysis) -> list[SignalGroup]:
    """Open signals by severity, highest first; the first few of each shown, the rest
    folded; acknowledged ones left out (see :func:`acknowledged_signals`), and those a
    running series answers (see ``warmnet.programme.offers.series_covered``)."""
    by_severity: dict[int, list[SignalView]] = {3: [], 2: [], 1: []}
    seen = acknowledged(network, analysis) | series_covered(network, analysis)
    for i, signal in enumerate(analysis.result.signals):
        if i in seen:
            continue
        by_severity.setdefault(int(signal.severity), []).append(
            _signal_view(network, analysis, signal)
        )
    return [
        SignalGroup(
            sev, str(SEVERITY_LABELS.get(sev, sev)), views[:SIGNALS_SHOWN], views[SIGNALS_SHOWN:]
        )
        for sev, views in sorted(by_severity.items(), reverse=True)
        if views
    ]


def warmth_view(
    network: Network, analysis: Analysis, earlier: list[tuple[str, Trend]]
) -> WarmthView:
    w = analysis.result.warmth
    now = _pct(w.index)
    then: list[tuple[str, int | None, int | None]] = []
    for label, past in earlier:
        if past.active_members == 0:
            then.append((label, None, None))
        else:
            then.append((label, _pct(past.index), now - _pct(past.index)))
    cold = w.cold[np.argsort(w.strength[w.cold], kind="stable")]
    drifting = [
        _signal_view(network, analysis, s)
        for s in analysis.result.signals
        if s.kind is SignalKind.ORGANISATION_DRIFTING
    ]
    return WarmthView(
        index_pct=now,
        then=then,
        active=w.active_members,
        warm_ties=w.total_warm_ties,
        warm_cross=w.warm_cross_org_ties,
        cold=member_links(network, analysis.lookup, cold[:LIST_LIMIT].tolist()),
        cold_total=int(w.cold.size),
        newcomers=member_links(
            network, analysis.lookup, w.newcomers_unconnected[:LIST_LIMIT].tolist()
        ),
        drifting=drifting[:LIST_LIMIT],
    )


def suggestion_views(network: Network, analysis: Analysis, query: str = "") -> list[SuggestionView]:
    """The open suggestions (see ``warmnet.programme.offers``), each with its "plan this"
    link: an opaque id, never names or reasons in the URL."""
    lookup = analysis.lookup
    plan = reverse("programme:plan", args=[network.slug])
    extra = query.replace("?", "&")
    out = []
    for offer in offers(network, analysis):
        s = offer.suggestion
        kind = ActivityKind(int(EngineKind(s.activity_kind)))
        rows = s.invitees.tolist()
        names = [lookup.member_with_org(r) for r in rows[:6]]
        out.append(
            SuggestionView(
                kind_label=str(kind.label),
                track="rel",
                date=s.date.astype(object),
                host=lookup.organisation(s.host_org) if s.host_org >= 0 else "",
                invitees=names,
                more_invitees=max(0, len(rows) - len(names)),
                reason=render_message(s.reason),
                plan_url=f"{plan}?suggestion={offer.id}{extra}",
                id=offer.id,
                type=s.type.value,
            )
        )
    return out


def suggestion_groups(views: list[SuggestionView]) -> list[SuggestionGroup]:
    """Similar suggestions together: one group per type and kind of activity, in the
    order their first suggestion comes, each group's options in the engine's order (the
    most pressing first)."""
    groups: dict[tuple[str, str], list[SuggestionView]] = {}
    for view in views:
        groups.setdefault((view.type, view.kind_label), []).append(view)
    return [
        SuggestionGroup(kind_type, label, options) for (kind_type, label), options in groups.items()
    ]
