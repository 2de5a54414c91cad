"""The pulse survey as evidence for the scenario verdict, where it is strong enough.

The verdict reads behaviour: how much time goes to content and how much to the
relationship.  A recent closed round says how the members *experience* the two tracks:
"we make progress on content" for the content track; trust and the freedom to disagree
for the relationship track.  They count as evidence only when they are strong enough:

- the round closed on or before the day of the analysis and at most
  :data:`MAX_AGE_DAYS` before it;
- at least :data:`MIN_RESPONSE_RATE` of the invited answered (the low-response
  signal's threshold: below it the survey is not reaching people);
- the figure itself was published (at least k answered that question).

Only published, whole-round figures are read (the round's stored results), so the
dashboard never says more than the results page.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Any

from django.urls import reverse

from warmnet.network.models import Network
from warmnet.surveys.models import SurveyRound
from warmnet.surveys.report import fmt

__all__ = [
    "HIGH",
    "LOW",
    "MAX_AGE_DAYS",
    "MIN_RESPONSE_RATE",
    "TrackReport",
    "VerdictEvidence",
    "track_level",
    "verdict_evidence",
]

MAX_AGE_DAYS = 365
MIN_RESPONSE_RATE = 0.4
#: A track's reported mean (1-5) at or above HIGH is high, at or below LOW is low.
HIGH = 3.5
LOW = 3.0

CONTENT_ITEMS = ("progress",)
RELATION_ITEMS = ("trust", "disagree")

#: What each scenario says the tracks look like lately: content, relationship.
EXPECTED: dict[str, tuple[str, str]] = {
    "content_first": ("high", "low"),
    "kickoff_then_content": ("high", "low"),
    "together": ("high", "high"),
    "talking_shop": ("low", "high"),
}


def track_level(mean: float | None) -> str:
    """``"high"``, ``"low"``, ``"middle"`` or ``""`` (no figure)."""
    if mean is None:
        return ""
    if mean >= HIGH:
        return "high"
    if mean <= LOW:
        return "low"
    return "middle"


@dataclass(frozen=True)
class TrackReport:
    #: "content" or "relationship".
    track: str
    #: Per question: code, published whole-round mean (formatted), number of answers.
    figures: list[tuple[str, str, int]]
    #: The mean of the questions' means, 1-5 (None when none was published).
    mean: float | None
    level: str


@dataclass
class VerdictEvidence:
    title: str
    closes_on: dt.date
    url: str
    invited: int
    respondents: int
    #: False: the round is too thin or too old to count; the reason says why.
    strong: bool
    reason: str = ""
    tracks: list[TrackReport] = field(default_factory=list)
    #: "agrees", "differs" or "" (mixed, or no scenario to compare with).
    comparison: str = ""


def _track(name: str, codes: tuple[str, ...], items: dict[str, Any]) -> TrackReport:
    figures: list[tuple[str, str, int]] = []
    means: list[float] = []
    for code in codes:
        total = (items.get(code) or {}).get("total")
        if total and total.get("mean") is not None:
            figures.append((code, fmt(total["mean"]), int(total["n"])))
            means.append(float(total["mean"]))
    mean = sum(means) / len(means) if means else None
    return TrackReport(name, figures, mean, track_level(mean))


def compare(scenario: str, content: str, relationship: str) -> str:
    expected = EXPECTED.get(scenario)
    if expected is None:
        return ""
    pairs = list(zip(expected, (content, relationship), strict=True))
    if any({want, got} == {"high", "low"} for want, got in pairs):
        return "differs"
    if all(want == got for want, got in pairs):
        return "agrees"
    return ""


def verdict_evidence(network: Network, as_of: dt.date, scenario: str) -> VerdictEvidence | None:
    """The survey's evidence for a verdict ``scenario`` (its code) judged on ``as_of``;
    None when no round closed on or before that day."""
    closed = SurveyRound.objects.filter(
        network=network, closed_at__isnull=False, closes_on__lte=as_of
    ).order_by("-closes_on", "-pk")
    survey = next((r for r in closed[:5] if r.results), None)
    if survey is None:
        return None
    results: dict[str, Any] = survey.results or {}
    invited, respondents = int(results.get("invited", 0)), int(results.get("respondents", 0))
    out = VerdictEvidence(
        survey.title,
        survey.closes_on,
        reverse("surveys:round_detail", args=[network.slug, survey.pk]),
        invited,
        respondents,
        strong=False,
    )
    if (as_of - survey.closes_on).days > MAX_AGE_DAYS:
        out.reason = "old"
        return out
    if not invited or respondents / invited < MIN_RESPONSE_RATE:
        out.reason = "response"
        return out
    items = results.get("items", {})
    content = _track("content", CONTENT_ITEMS, items)
    relationship = _track("relationship", RELATION_ITEMS, items)
    if not content.figures and not relationship.figures:
        out.reason = "too_few"
        return out
    out.strong = True
    out.tracks = [t for t in (content, relationship) if t.figures]
    out.comparison = compare(scenario, content.level, relationship.level)
    return out
