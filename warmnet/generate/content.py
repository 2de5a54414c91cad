"""The content track of a generated network: dossiers, points, positions, milestones and the
hard moment, written so that the ending fits the scenario.

* together: opponents move towards each other before the covenant, the hard moment is
  weathered and the points end agreed or converging;
* kick-off then content: positions converge on paper for the covenant, then the hard
  moment sends everyone back to their trenches (positions revert, points deadlock) and
  the party that broke off leaves;
* content first: positions never move, points stay open or deadlock.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np
import numpy.typing as npt

from warmnet.engine.data import (
    HardMomentOutcome,
    MemberRole,
    MilestoneKind,
    OrganisationKind,
    PointKind,
    PointStatus,
    Stance,
)
from warmnet.generate import vocab
from warmnet.generate.people import Members, Organisations
from warmnet.generate.story import Plot

__all__ = ["Content", "make_content"]

Day = np.datetime64


@dataclass
class Content:
    dossier_name: list[str] = field(default_factory=list)
    dossier_description: list[str] = field(default_factory=list)

    point_dossier: list[int] = field(default_factory=list)
    point_kind: list[int] = field(default_factory=list)
    point_status: list[int] = field(default_factory=list)
    point_opened: list[Day] = field(default_factory=list)
    point_status_since: list[Day] = field(default_factory=list)
    point_title: list[str] = field(default_factory=list)
    point_description: list[str] = field(default_factory=list)

    position_point: list[int] = field(default_factory=list)
    position_member: list[int] = field(default_factory=list)
    position_org: list[int] = field(default_factory=list)
    position_stance: list[int] = field(default_factory=list)
    position_date: list[Day] = field(default_factory=list)
    position_note: list[str] = field(default_factory=list)

    milestone_kind: list[int] = field(default_factory=list)
    milestone_date: list[Day] = field(default_factory=list)
    milestone_dossier: list[int] = field(default_factory=list)
    milestone_title: list[str] = field(default_factory=list)

    hard_moment_date: list[Day] = field(default_factory=list)
    hard_moment_outcome: list[int] = field(default_factory=list)
    hard_moment_title: list[str] = field(default_factory=list)
    hard_moment_description: list[str] = field(default_factory=list)
    party_moment: list[int] = field(default_factory=list)
    party_org: list[int] = field(default_factory=list)

    def position(self, point: int, member: int, org: int, stance: int, day: Day, note: str) -> None:
        self.position_point.append(point)
        self.position_member.append(member)
        self.position_org.append(org)
        self.position_stance.append(stance)
        self.position_date.append(day)
        self.position_note.append(note)


def _active(mem: Members, day: Day) -> npt.NDArray[np.bool_]:
    return (mem.joined <= day) & (np.isnat(mem.left) | (mem.left > day))


def make_content(
    p: Plot,
    dossiers: list[vocab.Dossier],
    orgs: Organisations,
    mem: Members,
    network_name: str,
    rng: np.random.Generator,
) -> Content:
    """Build the content track; also sets ``mem.left`` for those who leave after the hard
    moment (so call it before drawing attendance)."""
    c = Content()
    days = int((p.end - p.start).astype(np.int64))
    n_org = len(orgs.name)
    for d in dossiers:
        c.dossier_name.append(d.name)
        c.dossier_description.append(d.description)

    # the parties of the hard moment: one of the first dispute's opponents, one proponent
    candidates = np.flatnonzero(orgs.kind != OrganisationKind.PROVINCE)
    if candidates.size < 2:
        candidates = np.arange(n_org)
    party_a, party_b = (int(x) for x in rng.choice(candidates, size=2, replace=False))

    for di, d in enumerate(dossiers):
        items = [(PointKind.DISPUTE, t) for t in d.disputes] + [
            (PointKind.AGREEMENT, t) for t in d.agreements
        ]
        for pi, (kind, title) in enumerate(items):
            row = len(c.point_title)
            first_of_all = di == 0 and pi == 0
            lo, hi = (0.0, 0.3) if kind == PointKind.DISPUTE else (0.05, 0.35)
            opened = p.start + int(rng.uniform(lo, hi) * days)
            if first_of_all:
                opened = p.start + int(0.05 * days)
            status, since = _status(p, kind, di, opened, rng)
            c.point_dossier.append(di)
            c.point_kind.append(int(kind))
            c.point_status.append(int(status))
            c.point_opened.append(opened)
            c.point_status_since.append(max(since, opened))
            c.point_title.append(title)
            c.point_description.append(f"{d.name}: {title.lower()}.")
            _positions(
                c, p, row, kind, di, opened, orgs, mem, first_of_all, (party_a, party_b), rng
            )

    # milestones (the last one is planned: the next hard content deadline)
    d0, d1 = dossiers[0], dossiers[min(1, len(dossiers) - 1)]
    d_last = len(dossiers) - 1
    for m_kind, day, dossier, title in (
        (MilestoneKind.SHARED_VISION, p.shared_vision, -1, f"Gedeelde visie {network_name}"),
        (MilestoneKind.LETTER_OF_INTENT, p.letter_of_intent, 0, f"Intentieverklaring {d0.name}"),
        (MilestoneKind.COVENANT, p.covenant, 0, f"Convenant {d0.name}"),
        (MilestoneKind.DECISION, p.decision, min(1, d_last), f"Besluit: {d1.agreements[0]}"),
        (
            MilestoneKind.DECISION,
            p.planned_decision,
            d_last,
            f"Besluit: {dossiers[d_last].disputes[0]}",
        ),
    ):
        c.milestone_kind.append(int(m_kind))
        c.milestone_date.append(day)
        c.milestone_dossier.append(dossier)
        c.milestone_title.append(title)

    title, description = vocab.HARD_MOMENTS[int(rng.integers(len(vocab.HARD_MOMENTS)))]
    names = {"org": orgs.name[party_a], "other": orgs.name[party_b]}
    c.hard_moment_date.append(p.hard_moment)
    c.hard_moment_outcome.append(p.outcome)
    c.hard_moment_title.append(title.format(**names)[:200])
    c.hard_moment_description.append(description.format(**names))
    c.party_moment += [0, 0]
    c.party_org += [party_a, party_b]

    # who leaves because of it: everyone of a partner that broke off, some if damaged
    leave_share = {HardMomentOutcome.BROKE_APART: 1.0, HardMomentOutcome.DAMAGED: 0.4}.get(
        HardMomentOutcome(p.outcome), 0.0
    )
    of_party = np.flatnonzero(
        (mem.org == party_a) & _active(mem, p.hard_moment) & (mem.role != MemberRole.COORDINATOR)
    )
    leaving = of_party[rng.random(of_party.size) < leave_share]
    mem.left[leaving] = p.hard_moment + rng.integers(14, 60, size=leaving.size)
    mem.left[leaving] = np.minimum(mem.left[leaving], p.end)
    return c


def _status(
    p: Plot, kind: PointKind, dossier: int, opened: Day, rng: np.random.Generator
) -> tuple[PointStatus, Day]:
    s = PointStatus
    after_hm = p.hard_moment + int(rng.integers(7, 40))
    if kind == PointKind.AGREEMENT:
        if p.scenario == "content-first" and rng.random() < 0.5:
            return s.CONVERGING, p.letter_of_intent
        return s.AGREED, p.covenant
    if p.scenario == "together":
        return (s.AGREED, p.decision) if rng.random() < 0.5 else (s.CONVERGING, p.covenant)
    if p.scenario == "kickoff-then-content":
        if dossier == 0:
            return s.DEADLOCKED, after_hm
        return (s.OPEN, opened) if rng.random() < 0.5 else (s.CONVERGING, p.letter_of_intent)
    # content first: nothing moves, and the hard moment locks some
    return (s.DEADLOCKED, after_hm) if rng.random() < 0.5 else (s.OPEN, opened)


def _positions(
    c: Content,
    p: Plot,
    point: int,
    kind: PointKind,
    dossier: int,
    opened: Day,
    orgs: Organisations,
    mem: Members,
    with_parties: bool,
    parties: tuple[int, int],
    rng: np.random.Generator,
) -> None:
    n_org = len(orgs.name)
    k = min(n_org, int(rng.integers(4, 9)))
    chosen = [int(x) for x in rng.choice(n_org, size=k, replace=False)]
    if kind == PointKind.AGREEMENT:
        stances = [Stance.FOR if rng.random() < 0.8 else Stance.NEUTRAL for _ in chosen]
    else:
        stances = [Stance(int(x)) for x in rng.choice([1, 1, 1, -1, -1, -1, 0, 0], size=k)]
    if with_parties:  # the first dispute is the one the hard moment will be about
        chosen = [parties[0], parties[1], *[o for o in chosen if o not in parties][: k - 2]]
        stances = [Stance.AGAINST, Stance.FOR, *stances[2 : len(chosen)]]
    first_day = opened + int(rng.integers(0, 30))
    active = _active(mem, first_day)
    for org, stance in zip(chosen, stances, strict=False):
        c.position(point, -1, org, int(stance), first_day, "")
        # one delegate speaks for themself; a quarter of them not quite on the line of their
        # own organisation (the loyalty conflict of the two-level game)
        people = np.flatnonzero((mem.org == org) & active)
        delegate = -1
        if people.size:
            home = people[mem.dossier[people] == dossier]
            delegate = int(rng.choice(home if home.size else people))
            own = Stance.NEUTRAL if stance != Stance.NEUTRAL and rng.random() < 0.25 else stance
            c.position(point, delegate, -1, int(own), first_day, "")
        if kind != PointKind.DISPUTE or stance != Stance.AGAINST:
            continue
        _moves(c, p, point, dossier, org, delegate, first_day, rng)


def _moves(
    c: Content,
    p: Plot,
    point: int,
    dossier: int,
    org: int,
    delegate: int,
    since: Day,
    rng: np.random.Generator,
) -> None:
    """How an opponent's position changes over the story."""
    span = int((p.covenant - since).astype(np.int64))
    if span < 14:
        return
    moved = since + int(rng.integers(7, span))
    if p.scenario == "together" and rng.random() < 0.8:
        stance = Stance.FOR if rng.random() < 0.4 else Stance.NEUTRAL
        c.position(point, -1, org, int(stance), moved, "Bijgedraaid na de gezamenlijke werksessies")
        if delegate >= 0:
            c.position(point, delegate, -1, int(stance), moved, "")
    elif p.scenario == "kickoff-then-content":
        c.position(point, -1, org, int(Stance.FOR), moved, "Akkoord in aanloop naar het convenant")
        if dossier == 0:
            back = min(p.hard_moment + int(rng.integers(3, 30)), p.end)
            c.position(
                point, -1, org, int(Stance.AGAINST), back, "Terug in de loopgraven na het conflict"
            )
            if delegate >= 0:
                c.position(point, delegate, -1, int(Stance.AGAINST), back, "")
    elif p.scenario == "content-first" and rng.random() < 0.3:
        c.position(
            point, -1, org, int(Stance.AGAINST), min(p.hard_moment + 10, p.end), "Standpunt verhard"
        )
