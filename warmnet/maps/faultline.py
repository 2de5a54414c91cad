"""The fault-line picture of one point of dispute: who stands where, which ties cross.

The sides are the engine's (:class:`warmnet.engine.faultlines.FaultLine`); the neutral
members are found by the engine's rule (own latest position, else their
organisation's) from the point's positions, which are few.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

import numpy as np
import numpy.typing as npt
import scipy.sparse as sp

from warmnet.dossiers.models import Point, Position, Stance
from warmnet.engine.faultlines import FaultLine
from warmnet.engine.suggestions import Suggestion, SuggestionType
from warmnet.engine.warmth import tie_band
from warmnet.insights.service import Analysis
from warmnet.insights.texts import RISK_LABELS
from warmnet.maps.queries import active_mask
from warmnet.network.models import Member

__all__ = [
    "SIDE_COLOURS",
    "FaultPicture",
    "Person",
    "RiskSummary",
    "Tie",
    "fault_line_of",
    "faultline_picture",
    "risk_by_point",
]

IntArray = npt.NDArray[np.int64]
#: Paul Tol's "vibrant" blue and orange and a grey: told apart with any colour vision;
#: the sides also stand in their own columns, so colour is never the only cue.
SIDE_COLOURS = {"for": "#0077BB", "neutral": "#8C8C8C", "against": "#EE7733"}
WIDTH = 960.0
ROW = 22.0
PER_COLUMN = 24
#: At most this many people of a side are drawn (the lists below name them all).
MAX_DRAWN = 4 * PER_COLUMN
BANDS = {"for": (30.0, 330.0), "neutral": (400.0, 560.0), "against": (630.0, 930.0)}


@dataclass(frozen=True)
class Person:
    pk: int
    name: str
    organisation: str
    side: str
    x: float
    y: float
    bridge: bool = False
    drawn: bool = True


@dataclass(frozen=True)
class Tie:
    a: Person
    b: Person
    strength: float
    warm: bool
    width: float
    kind: str  # "across" (for - against) or "bridge" (a neutral bridge to a side)
    #: strong, medium, weak or none (:func:`warmnet.engine.warmth.tie_band`).
    band: str = "none"


@dataclass
class FaultPicture:
    line: FaultLine
    sides: dict[str, list[Person]]
    ties: list[Tie]
    height: float
    #: Every warm tie across the line (drawn or not), for the table.
    warm_across: list[Tie] = field(default_factory=list)
    #: Pairs across the line who know each other a little (weak tie), strongest first.
    weak_pairs: list[Tie] = field(default_factory=list)
    suggestion: Suggestion | None = None
    #: People of each side left out of the drawing (they are in the lists).
    hidden: dict[str, int] = field(default_factory=dict)
    #: The mean tie across the sides and within a side, as words (strong ... none).
    across_band: str = "none"
    within_band: str = "none"


def fault_line_of(analysis: Analysis, point_pk: int) -> FaultLine | None:
    """The engine's fault line of the point, if it is an open dispute on the day."""
    for line in analysis.result.faultlines:
        if analysis.lookup.point_id[line.point] == point_pk:
            return line
    return None


def neutral_members(point: Point, as_of: dt.date, member_pks: set[int]) -> set[int]:
    """Ids of the members (among ``member_pks``) whose stance on the day is neutral."""
    latest_member: dict[int, int] = {}
    latest_org: dict[int, int] = {}
    rows = Position.objects.filter(point=point, date__lte=as_of).order_by("date", "pk")
    for member_id, org_id, held in rows.values_list("member_id", "organisation_id", "stance"):
        if member_id is not None:
            latest_member[member_id] = held
        elif org_id is not None:
            latest_org[org_id] = held
    from_orgs = (
        Member.objects.filter(
            network_id=point.network_id, organisation_id__in=latest_org
        ).values_list("pk", "organisation_id")
        if latest_org
        else []
    )
    stance = {pk: latest_org[org] for pk, org in from_orgs}
    stance.update(latest_member)
    return {pk for pk, s in stance.items() if s == Stance.NEUTRAL and pk in member_pks}


def _place(rows: list[int], band: tuple[float, float]) -> list[tuple[float, float]]:
    columns = max(1, -(-len(rows) // PER_COLUMN))
    left, right = band
    step = (right - left) / columns
    return [
        (left + step * (i // PER_COLUMN) + 8, 56 + ROW * (i % PER_COLUMN)) for i in range(len(rows))
    ]


def faultline_picture(analysis: Analysis, point: Point, line: FaultLine) -> FaultPicture:
    lookup, result = analysis.lookup, analysis.result
    ids = np.asarray(lookup.member_id, dtype=np.int64)
    active = active_mask(point.network, lookup.member_id, analysis.as_of)
    neutral_pks = neutral_members(point, analysis.as_of, set(ids[active].tolist()))
    neutral = np.flatnonzero(np.isin(ids, list(neutral_pks)))
    bridges = set(line.bridges.tolist())

    def sort_rows(rows: IntArray) -> list[int]:
        return sorted(
            rows.tolist(),
            key=lambda r: (lookup.organisation(lookup.member_org[r]), lookup.member_name[r]),
        )

    people: dict[int, Person] = {}
    sides: dict[str, list[Person]] = {}
    for side, rows in (
        ("for", line.for_members),
        ("neutral", neutral),
        ("against", line.against_members),
    ):
        ordered = sort_rows(rows)
        sides[side] = []
        places = _place(ordered[:MAX_DRAWN], BANDS[side])
        places += [(0.0, 0.0)] * (len(ordered) - len(places))
        for i, (row, (x, y)) in enumerate(zip(ordered, places, strict=True)):
            person = Person(
                pk=int(ids[row]),
                name=lookup.member_name[row],
                organisation=lookup.organisation(lookup.member_org[row]),
                side=side,
                x=round(x, 1),
                y=round(y, 1),
                bridge=row in bridges,
                drawn=i < MAX_DRAWN,
            )
            people[row] = person
            sides[side].append(person)

    threshold = result.settings.warm_threshold
    strong = result.warmth.strong_threshold
    ties: sp.csr_matrix = result.ties
    across = ties[line.for_members][:, line.against_members].tocoo()
    a_rows = line.for_members[across.row]
    b_rows = line.against_members[across.col]
    warm = across.data >= threshold

    def both_drawn(a: int, b: int) -> bool:
        return people[a].drawn and people[b].drawn

    def tie(a: int, b: int, strength: float, kind: str) -> Tie:
        is_warm = strength >= threshold
        width = 2.0 + 4.0 * min(1.0, strength / (4 * threshold)) if is_warm else 0.8
        band = tie_band(strength, threshold, strong)
        return Tie(people[a], people[b], round(strength, 2), is_warm, round(width, 1), kind, band)

    drawn = [
        tie(int(a), int(b), float(s), "across")
        for a, b, s in zip(a_rows[warm], b_rows[warm], across.data[warm], strict=True)
    ]
    warm_drawn = [t for t in drawn if t.a.drawn and t.b.drawn]
    weak_order = np.argsort(-across.data[~warm], kind="stable")
    weak_pairs = [
        tie(int(a), int(b), float(s), "across")
        for a, b, s in zip(
            a_rows[~warm][weak_order],
            b_rows[~warm][weak_order],
            across.data[~warm][weak_order],
            strict=True,
        )
    ]
    on_a_side = set(np.concatenate([line.for_members, line.against_members]).tolist())
    for b in sorted(bridges):
        if b not in people:
            continue
        row_ties = ties[b]
        for col, s in zip(row_ties.indices.tolist(), row_ties.data.tolist(), strict=True):
            if s >= threshold and col in on_a_side and both_drawn(b, col):
                warm_drawn.append(tie(b, col, s, "bridge"))

    suggestion = next(
        (
            s
            for s in result.suggestions
            if s.type is SuggestionType.BRIDGE_DISPUTE and s.subject.row == line.point
        ),
        None,
    )
    longest = min(max((len(v) for v in sides.values()), default=0), MAX_DRAWN)
    height = 56 + ROW * min(longest, PER_COLUMN) + 20
    return FaultPicture(
        line=line,
        sides=sides,
        ties=warm_drawn + [t for t in weak_pairs[:300] if t.a.drawn and t.b.drawn],
        warm_across=drawn,
        hidden={side: max(0, len(v) - MAX_DRAWN) for side, v in sides.items()},
        height=height,
        weak_pairs=weak_pairs[:10],
        suggestion=suggestion,
        across_band=tie_band(line.mean_across, threshold, strong),
        within_band=tie_band(line.mean_within, threshold, strong),
    )


@dataclass(frozen=True)
class RiskSummary:
    """A point of dispute's sides and fault-line risk, for lists."""

    code: str
    label: str
    for_count: int
    against_count: int
    neutral: int
    warm_across: int


def risk_by_point(analysis: Analysis) -> dict[int, RiskSummary]:
    """Fault-line summary of every open point of dispute, by point id."""
    return {
        analysis.lookup.point_id[line.point]: RiskSummary(
            code=line.risk.value,
            label=str(RISK_LABELS[line.risk.value]),
            for_count=int(line.for_members.size),
            against_count=int(line.against_members.size),
            neutral=line.neutral,
            warm_across=line.warm_across,
        )
        for line in analysis.result.faultlines
    }
