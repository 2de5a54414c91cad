"""The survey's signals for a network: published figures and the disputes ahead, read
from the database into :func:`warmnet.surveys.signals.survey_signals`.

Also the small dashboard panel (``surveys/_dashboard_signals.html``).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from django.urls import reverse

from warmnet.dossiers.models import (
    Milestone,
    MilestoneKind,
    Point,
    PointKind,
    PointStatus,
    Position,
    Stance,
)
from warmnet.network.models import Network, Organisation
from warmnet.surveys.items import TRUST_DIMENSIONS, VALUE_DIMENSIONS
from warmnet.surveys.models import Response, SurveyRound
from warmnet.surveys.signals import (
    DisputedDecision,
    RoundFigures,
    SignalSettings,
    SurveySignal,
    survey_signals,
)
from warmnet.surveys.texts import render

__all__ = [
    "SignalView",
    "disputed_decisions",
    "pair_score",
    "round_figures",
    "survey_dashboard",
    "survey_signal_views",
]


def pair_score(pair: dict[str, Any], kind: str) -> float | None:
    """Trust or value of a published pair: the mean of its three dimensions' means, when
    all three are published."""
    dims = TRUST_DIMENSIONS if kind == "trust" else VALUE_DIMENSIONS
    found = [(pair["dimensions"].get(d.code) or {}).get("mean") for d in dims]
    means = [float(m) for m in found if m is not None]
    if len(means) < len(dims):
        return None
    return sum(means) / len(means)


def round_figures(survey: SurveyRound) -> RoundFigures:
    results = survey.results
    if survey.closed_at is not None and results:
        means = {
            code: item["total"]["mean"]
            for code, item in results["items"].items()
            if item["total"] is not None and item["total"]["mean"] is not None
        }
        trust = {}
        for pair in results["pairs"]:
            score = pair_score(pair, "trust")
            if score is not None:
                a, b = sorted((int(pair["a"]), int(pair["b"])))
                trust[(a, b)] = score
        return RoundFigures(
            survey.title,
            survey.opens_on,
            survey.closes_on,
            True,
            int(results["invited"]),
            int(results["respondents"]),
            means,
            trust,
        )
    return RoundFigures(
        survey.title,
        survey.opens_on,
        survey.closes_on,
        False,
        survey.invitations.count(),
        Response.objects.filter(round=survey).count(),
    )


def disputed_decisions(network: Network, today: dt.date, days: int) -> list[DisputedDecision]:
    """Decisions in the next ``days`` whose dossier holds an unsettled point of dispute
    with organisations on both sides (their latest recorded stance)."""
    ahead = Milestone.objects.filter(
        network=network,
        kind=MilestoneKind.DECISION,
        date__gte=today,
        date__lte=today + dt.timedelta(days=days),
        dossier__isnull=False,
    ).order_by("date")
    out = []
    for milestone in ahead:
        points = Point.objects.filter(dossier=milestone.dossier_id, kind=PointKind.DISPUTE).exclude(
            status=PointStatus.AGREED
        )
        for point in points:
            latest: dict[int, int] = {}
            for org, stance in (
                Position.objects.filter(point=point, organisation__isnull=False, date__lte=today)
                .order_by("date", "pk")
                .values_list("organisation_id", "stance")
            ):
                latest[org] = stance
            pro = [o for o, s in latest.items() if s == Stance.FOR]
            con = [o for o, s in latest.items() if s == Stance.AGAINST]
            out += [
                DisputedDecision(a, b, milestone.title, milestone.date) for a in pro for b in con
            ]
    return out


def _signals(network: Network, today: dt.date) -> list[SurveySignal]:
    rounds = list(
        SurveyRound.objects.filter(network=network, opens_on__lte=today).order_by("closes_on", "pk")
    )
    if not rounds:
        return []
    st = SignalSettings()
    names = dict(Organisation.objects.filter(network=network).values_list("pk", "name"))
    return survey_signals(
        [round_figures(r) for r in rounds],
        disputed_decisions(network, today, st.decision_days),
        names,
        today,
        st,
    )


@dataclass(frozen=True)
class SignalView:
    kind: str
    severity: int
    text: str
    action: str
    evidence: list[str]


def survey_signal_views(network: Network, today: dt.date) -> list[SignalView]:
    return [
        SignalView(
            s.kind.value,
            int(s.severity),
            render(s.message),
            render(s.action),
            [render(e) for e in s.evidence],
        )
        for s in _signals(network, today)
    ]


def survey_dashboard(network: Network, today: dt.date) -> dict[str, Any]:
    """The context of the dashboard's survey panel."""
    return {
        "signals": survey_signal_views(network, today),
        "url": reverse("surveys:round_list", args=[network.slug]),
        "has_rounds": SurveyRound.objects.filter(network=network).exists(),
    }
