"""The survey layer of the organisation map: reported trust and value between partners,
side by side with the warm ties the map draws.

It reads only a closed round's stored results (the same snapshot the survey pages
read), so the map can never say more than the results page: a pair of organisations
rated by fewer than k people is shown as "too few answers", never with a value, and a
pair nobody rated looks exactly the same (so the map does not even tell 0 raters from
1..k-1).  The round is the latest one closed on or before the map's day that asked
about partner organisations.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from django.urls import reverse

from warmnet.network.models import Network
from warmnet.surveys.comparison import Behaviour, discrepancy
from warmnet.surveys.items import PARTNER_ITEM
from warmnet.surveys.models import SurveyRound
from warmnet.surveys.panel import pair_score
from warmnet.surveys.report import DISCREPANCY_LABELS, fmt

__all__ = ["LayerPair", "SurveyLayer", "latest_round_with_partners", "survey_layer"]

#: Rows of the side-by-side table beyond the published pairs (the warmest first).
MAX_UNPUBLISHED_ROWS = 30


@dataclass(frozen=True)
class LayerPair:
    a: str
    b: str
    warm_ties: int
    #: False: "too few answers" (fewer than k raters, or none: the map does not say).
    published: bool
    trust: str = ""
    value: str = ""
    raters: int = 0
    #: Reported trust on 1-5 (for the line's colour), None when not shown.
    trust_score: float | None = None
    discrepancy: str = ""
    discrepancy_label: str = ""
    x1: float = 0.0
    y1: float = 0.0
    x2: float = 0.0
    y2: float = 0.0

    @property
    def trust_band(self) -> str:
        if self.trust_score is None:
            return ""
        if self.trust_score >= 4.0:
            return "high"
        if self.trust_score <= 3.0:
            return "low"
        return "mid"


@dataclass(frozen=True)
class SurveyLayer:
    title: str
    closes_on: dt.date
    min_group: int
    url: str
    #: Published pairs between organisations on the map (discrepancies first).
    pairs: list[LayerPair]
    #: Pairs with warm ties but too few raters (the warmest first, at most a few dozen).
    too_few: list[LayerPair]
    #: Every other pair of organisations on the map: too few answers as well.
    too_few_others: int

    @property
    def discrepancies(self) -> list[LayerPair]:
        return [p for p in self.pairs if p.discrepancy]


def latest_round_with_partners(network: Network, as_of: dt.date) -> SurveyRound | None:
    """The latest round closed on or before ``as_of`` that asked about partners and has
    published figures."""
    rounds = SurveyRound.objects.filter(
        network=network, closed_at__isnull=False, closes_on__lte=as_of
    ).order_by("-closes_on", "-pk")
    for survey in rounds:
        if survey.results and survey.has(PARTNER_ITEM):
            return survey
    return None


def survey_layer(network: Network, picture: Any) -> SurveyLayer | None:
    """The layer for an organisation map ``picture`` (a ``warmnet.maps`` ``OrgMap``),
    or None when no closed round on or before its day asked about partners."""
    survey = latest_round_with_partners(network, picture.as_of)
    if survey is None:
        return None
    results: dict[str, Any] = survey.results or {}
    nodes = {n.pk: n for n in picture.nodes}
    warm: dict[tuple[int, int], int] = {}
    # the map's edges name their organisations; match them back through the nodes
    by_name = {n.name: n.pk for n in picture.nodes}
    for e in picture.edges:
        a, b = by_name.get(e.a), by_name.get(e.b)
        if a is not None and b is not None:
            warm[(min(a, b), max(a, b))] = e.warm_ties

    published: dict[tuple[int, int], dict[str, Any]] = {}
    for pair in results.get("pairs", []):
        a, b = int(pair["a"]), int(pair["b"])
        published[(min(a, b), max(a, b))] = pair

    def line(a: int, b: int) -> dict[str, Any]:
        na, nb = nodes[a], nodes[b]
        return {"x1": na.x, "y1": na.y, "x2": nb.x, "y2": nb.y}

    def names(a: int, b: int) -> tuple[str, str]:
        first, second = sorted((nodes[a].name, nodes[b].name), key=str.lower)
        return first, second

    shown: list[LayerPair] = []
    for (a, b), pair in published.items():
        if a not in nodes or b not in nodes:
            continue
        ties = warm.get((a, b), 0)
        trust = pair_score(pair, "trust")
        code = discrepancy(trust, Behaviour(ties, 0.0))
        first, second = names(a, b)
        shown.append(
            LayerPair(
                first,
                second,
                ties,
                True,
                trust=fmt(trust),
                value=fmt(pair_score(pair, "value")),
                raters=int(pair["raters"]),
                trust_score=trust,
                discrepancy=code,
                discrepancy_label=str(DISCREPANCY_LABELS.get(code, "")),
                **line(a, b),
            )
        )
    shown.sort(key=lambda p: (p.discrepancy == "", p.a.lower(), p.b.lower()))

    unpublished_warm = sorted(
        (
            (ties, pair)
            for pair, ties in warm.items()
            if pair not in published and pair[0] in nodes and pair[1] in nodes
        ),
        key=lambda tp: (-tp[0], tp[1]),
    )
    too_few = [
        LayerPair(names(a, b)[0], names(a, b)[1], ties, False, **line(a, b))
        for ties, (a, b) in unpublished_warm[:MAX_UNPUBLISHED_ROWS]
    ]
    n = len(nodes)
    all_pairs = n * (n - 1) // 2
    return SurveyLayer(
        title=survey.title,
        closes_on=survey.closes_on,
        min_group=int(results.get("min_group", survey.min_group)),
        url=reverse("surveys:round_detail", args=[network.slug, survey.pk]),
        pairs=shown,
        too_few=too_few,
        too_few_others=max(0, all_pairs - len(shown) - len(too_few)),
    )
