"""Which survey figures may be published: the rules that keep answers anonymous.

Pure Python (no Django): plain numbers in, plain figures out, so the rules can be
tested the way an attacker would probe them.

The rules (reasons in docs/survey.md):

1. A figure describes a group of at least ``k`` respondents, never fewer.
2. Within one item, the groups (respondents' organisations) add up to the whole.  When
   the hidden groups together hold 1 to ``k - 1`` respondents, the whole minus the
   shown groups would give them away, so the smallest shown group is hidden too
   (complementary suppression); the hidden remainder then always holds 0 or at least
   ``k`` respondents.
3. A pair of organisations is shown only when at least ``k`` different people rated
   that pair (in either direction).  No totals are published over pairs, so no pair
   can be found as a difference.
4. Every figure is about one round.  Nothing adds up answers of several rounds, so two
   rounds cannot be subtracted from each other: each round's answers are new answers.
5. A group's "weet ik niet" answers count towards its size and are shown with it; a
   question left blank does not count.
"""

from __future__ import annotations

from collections.abc import Hashable, Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any, TypeVar

__all__ = [
    "Figures",
    "GroupedFigures",
    "PairFigures",
    "figures",
    "publish_groups",
    "publish_pairs",
]

K = TypeVar("K", bound=Hashable)

DONT_KNOW = 0
SCORES = (1, 2, 3, 4, 5)


@dataclass(frozen=True)
class Figures:
    """The answers of one group to one question."""

    #: Respondents who answered (a score or "weet ik niet").
    n: int
    #: How many answered 1, 2, 3, 4 and 5.
    counts: tuple[int, int, int, int, int]
    dont_know: int

    @property
    def scored(self) -> int:
        return sum(self.counts)

    @property
    def mean(self) -> float | None:
        """The mean score (1-5) of those who gave one; None when nobody did."""
        if not self.scored:
            return None
        return sum(s * c for s, c in zip(SCORES, self.counts, strict=True)) / self.scored

    def to_dict(self) -> dict[str, Any]:
        mean = self.mean
        return {
            "n": self.n,
            "counts": list(self.counts),
            "dont_know": self.dont_know,
            "mean": None if mean is None else round(mean, 2),
        }


def figures(values: Iterable[int | None]) -> Figures:
    """Figures of a list of answers (1-5, 0 for "weet ik niet", None for blank)."""
    counts = [0, 0, 0, 0, 0]
    dont_know = 0
    for v in values:
        if v is None:
            continue
        if v == DONT_KNOW:
            dont_know += 1
        elif 1 <= v <= 5:
            counts[v - 1] += 1
        else:
            raise ValueError(f"not an answer on the 1-5 scale: {v!r}")
    return Figures(
        sum(counts) + dont_know, (counts[0], counts[1], counts[2], counts[3], counts[4]), dont_know
    )


@dataclass(frozen=True)
class GroupedFigures:
    """One question's published figures: the whole (None when too few answered) and the
    groups that may be shown; ``hidden`` lists the groups with answers that may not."""

    total: Figures | None
    shown: dict[Any, Figures]
    hidden: frozenset[Any]


def publish_groups(answers: Mapping[K, Sequence[int | None]], k: int) -> GroupedFigures:
    """Apply rules 1 and 2 to one question: ``answers`` maps each group to its
    respondents' answers."""
    if k < 1:
        raise ValueError("k must be positive")
    per_group = {g: figures(values) for g, values in answers.items()}
    per_group = {g: f for g, f in per_group.items() if f.n > 0}
    everyone = figures(v for values in answers.values() for v in values)
    if everyone.n < k:
        return GroupedFigures(None, {}, frozenset(per_group))
    shown = {g: f for g, f in per_group.items() if f.n >= k}
    hidden = {g for g in per_group if g not in shown}
    remainder = sum(per_group[g].n for g in hidden)
    if 0 < remainder < k and shown:
        # the smallest shown group joins the hidden ones (ties: the first in sorted order)
        smallest = min(shown, key=lambda g: (shown[g].n, repr(g)))
        hidden.add(smallest)
        del shown[smallest]
    return GroupedFigures(everyone, shown, frozenset(hidden))


@dataclass(frozen=True)
class PairFigures:
    """How the people of two organisations rate each other (both directions together)."""

    a: Any
    b: Any
    #: Different people who rated the pair.
    raters: int
    #: Per dimension, the figures when at least ``k`` raters answered it.
    dimensions: dict[str, Figures]


def publish_pairs(
    ratings: Iterable[tuple[Hashable, Any, Any, Mapping[str, int | None]]],
    dimensions: Sequence[str],
    k: int,
) -> tuple[list[PairFigures], int]:
    """Apply rule 3: ``ratings`` are (respondent, rater's organisation, rated organisation,
    scores per dimension).  Returns the pairs that may be shown and how many pairs were
    rated but are hidden."""
    people: dict[tuple[Any, Any], set[Hashable]] = {}
    scores: dict[tuple[Any, Any], dict[str, list[int | None]]] = {}
    for respondent, rater_org, rated_org, values in ratings:
        if rater_org is None or rated_org is None or rater_org == rated_org:
            continue
        pair = (
            (rater_org, rated_org) if repr(rater_org) < repr(rated_org) else (rated_org, rater_org)
        )
        if respondent in people.setdefault(pair, set()):
            continue  # one rating per person per pair (a direction, not both)
        people[pair].add(respondent)
        bucket = scores.setdefault(pair, {d: [] for d in dimensions})
        for d in dimensions:
            bucket[d].append(values.get(d))
    shown: list[PairFigures] = []
    hidden = 0
    for pair in sorted(people, key=repr):
        raters = len(people[pair])
        if raters < k:
            hidden += 1
            continue
        dims = {d: figures(v) for d, v in scores[pair].items()}
        shown.append(
            PairFigures(pair[0], pair[1], raters, {d: f for d, f in dims.items() if f.n >= k})
        )
    return shown, hidden
