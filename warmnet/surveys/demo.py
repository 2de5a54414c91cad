"""Two closed survey rounds for the demo network, answered in keeping with its story.

The demo tells *kick-off then content*: a warm start, a covenant, then a hard moment
that sent partners back to their trenches, with a decision on a point of dispute still
ahead.  So the first round (after the covenant) is fairly positive, and the second
(after the hard moment) shows trust down, the loyalty tension up and little room to
disagree; trust falls most between two organisations on opposite sides of the coming
decision.  One pair that meets a lot reports little trust, and one pair that never
meets reports a lot: the discrepancies the results page calls out.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

import numpy as np
from django.db import transaction
from django.db.models import Min, Q
from django.utils import timezone

from warmnet.activities.models import Activity
from warmnet.dossiers.models import (
    HardMoment,
    Milestone,
    MilestoneKind,
    Point,
    PointKind,
    PointStatus,
    Position,
    Stance,
)
from warmnet.network.models import Member, Network, Organisation
from warmnet.surveys.actions import audience, close_round
from warmnet.surveys.comparison import behaviour_between
from warmnet.surveys.items import NETWORK_ITEMS, PARTNER_DIMENSIONS, TRUST_DIMENSIONS
from warmnet.surveys.models import (
    Invitation,
    OpenAnswer,
    PartnerRating,
    Response,
    SurveyRound,
    SurveySettings,
)
from warmnet.surveys.panel import disputed_decisions

__all__ = ["ensure_demo_surveys"]

DECISION_DAYS = 90

#: Mean answer per item in the first and the second round (1-5).
MOOD = {
    "first": {
        "trust": 3.9,
        "disagree": 3.5,
        "whom_to_call": 3.8,
        "progress": 3.9,
        "loyalty": 3.6,
        "torn": 2.1,
    },
    "second": {
        "trust": 3.0,
        "disagree": 2.5,
        "whom_to_call": 3.1,
        "progress": 2.5,
        "loyalty": 2.6,
        "torn": 3.4,
    },
}
OPEN_TEXTS = {
    "first": [
        "Meer tijd om elkaar buiten de vergaderingen te spreken.",
        "Het convenant is binnen; laten we nu ook de uitvoering samen oppakken.",
        "Duidelijker wie waarover beslist.",
        "Een werkbezoek bij elkaar, om te zien waar de ander mee worstelt.",
        "Minder vergaderen, meer samen doen.",
    ],
    "second": [
        "Eerst het conflict uitpraten voordat we verder gaan met het besluit.",
        "Weer eens informeel bij elkaar komen, zonder agenda.",
        "Eerlijk zeggen wat ieders achterban nodig heeft.",
        "Een onafhankelijke gespreksleider bij het lastige dossier.",
        "Ik weet niet meer wie ik kan bellen als het schuurt.",
        "Minder papier, meer ontmoeting.",
    ],
}


def _score(rng: np.random.Generator, mean: float, spread: float = 0.8) -> int:
    if rng.random() < 0.05:
        return 0  # weet ik niet
    return int(np.clip(round(rng.normal(mean, spread)), 1, 5))


def _first_day(network: Network) -> dt.date:
    first = Activity.objects.filter(network=network).aggregate(first=Min("start"))["first"]
    return timezone.localdate(first) if first else timezone.localdate() - dt.timedelta(days=730)


def _sizes(network: Network, day: dt.date) -> dict[int, int]:
    counts: dict[int, int] = {}
    for org in (
        Member.objects.filter(network=network, joined_on__lte=day)
        .filter(Q(left_on__isnull=True) | Q(left_on__gte=day))
        .exclude(email="")
        .values_list("organisation_id", flat=True)
    ):
        counts[org] = counts.get(org, 0) + 1
    return counts


def _ensure_dispute_ahead(network: Network, today: dt.date) -> None:
    """The story's hard moment sent partners back to their trenches: when no organisation
    opposes the decision ahead yet, the first party of the hard moment withdraws its
    support for that decision's point of dispute (recorded as a position)."""
    if disputed_decisions(network, today, DECISION_DAYS):
        return
    decision = (
        Milestone.objects.filter(
            network=network, kind=MilestoneKind.DECISION, date__gte=today, dossier__isnull=False
        )
        .order_by("date")
        .first()
    )
    moment = HardMoment.objects.filter(network=network).order_by("date").first()
    if decision is None or moment is None or (decision.date - today).days > DECISION_DAYS:
        return
    party = moment.parties.order_by("pk").first()
    point = (
        Point.objects.filter(dossier=decision.dossier_id, kind=PointKind.DISPUTE)
        .exclude(status=PointStatus.AGREED)
        .order_by("pk")
        .first()
    )
    if party is None or point is None:
        return
    Position.objects.create(
        network=network,
        point=point,
        organisation=party,
        stance=Stance.AGAINST,
        date=min(today, moment.date + dt.timedelta(days=20)),
        note="Steun ingetrokken na het conflict",
    )


def _pick_pairs(
    network: Network, today: dt.date, second_close: dt.date
) -> tuple[tuple[int, int] | None, tuple[int, int] | None, tuple[int, int] | None]:
    """The pair whose trust falls before the decision ahead, the pair that meets often,
    and the pair that never meets: each of organisations large enough to reach the
    minimum group."""
    size = _sizes(network, second_close)

    def people(p: tuple[int, int]) -> int:
        return size.get(p[0], 0) + size.get(p[1], 0)

    disputed = sorted(
        {
            (min(d.org_a, d.org_b), max(d.org_a, d.org_b))
            for d in disputed_decisions(network, today, DECISION_DAYS)
        },
        key=lambda p: (-people(p), p),
    )
    falling = disputed[0] if disputed else None
    behaviour = behaviour_between(network, second_close)
    big = {p: b for p, b in behaviour.items() if p != falling and people(p) >= 8}
    often = max(
        (p for p in big if big[p].warm_ties >= 3),
        key=lambda p: (big[p].warm_ties, people(p), p),
        default=None,
    )
    never = max(
        (p for p in big if big[p].warm_ties == 0 and p != often),
        key=lambda p: (people(p), p),
        default=None,
    )
    return falling, often, never


@transaction.atomic
def _round(
    network: Network,
    title: str,
    opens: dt.date,
    closes: dt.date,
    mood: str,
    special: dict[tuple[int, int], float],
    rng: np.random.Generator,
) -> SurveyRound:
    survey = SurveyRound.objects.create(
        network=network,
        title=title,
        opens_on=opens,
        closes_on=closes,
        min_group=SurveySettings.of(network).min_group,
    )
    members = [m for m in audience(survey, opens) if m.email]
    forced: dict[int, set[int]] = {}
    for a, b in special:
        forced.setdefault(a, set()).add(b)
        forced.setdefault(b, set()).add(a)
    orgs = list(Organisation.objects.filter(network=network).values_list("pk", flat=True))
    rate = 0.75 if mood == "first" else 0.65
    involved = set(forced)
    texts = list(OPEN_TEXTS[mood])
    for member in members:
        # the organisations of the pairs the story is about answer more (they have a stake)
        answered = bool(rng.random() < (0.9 if member.organisation_id in involved else rate))
        Invitation.objects.create(
            round=survey,
            member=member,
            invited_on=opens,
            reminders=0 if answered else 1,
            last_reminded_on=None if answered else opens + dt.timedelta(days=7),
            responded=answered,
        )
        if not answered:
            continue
        own = member.organisation_id
        response = Response(round=survey, organisation_id=own)
        for item in NETWORK_ITEMS:
            setattr(response, item.code, _score(rng, MOOD[mood][item.code]))
        response.save(force_insert=True)
        partners = set(forced.get(own, set()))
        pool = [o for o in orgs if o != own and o not in partners]
        extra = min(len(pool), int(rng.integers(1, 4)))
        partners |= (
            {int(o) for o in rng.choice(pool, size=extra, replace=False)} if extra else set()
        )
        for org in sorted(partners)[:5]:
            pair = (min(own, org), max(own, org))
            base = special.get(pair, 3.7 if mood == "first" else 3.2)
            values: dict[str, Any] = {}
            for dim in PARTNER_DIMENSIONS:
                mean = base if dim in TRUST_DIMENSIONS else 3.4
                values[dim.code] = _score(rng, mean, 0.6)
            PartnerRating.objects.create(response=response, organisation_id=org, **values)
        if texts and rng.random() < 0.5:
            OpenAnswer.objects.create(round=survey, text=texts.pop(int(rng.integers(len(texts)))))
    return survey


def ensure_demo_surveys(network: Network, today: dt.date | None = None, seed: int = 12) -> int:
    """Add the two closed rounds when the network has no survey rounds yet; returns how
    many rounds were added."""
    if SurveyRound.objects.filter(network=network).exists():
        return 0
    day = today or timezone.localdate()
    start = _first_day(network)
    span = max(120, (day - start).days)
    first_open = start + dt.timedelta(days=round(0.64 * span))
    second_open = day - dt.timedelta(days=40)
    second_close = second_open + dt.timedelta(days=14)
    _ensure_dispute_ahead(network, day)
    falling, often, never = _pick_pairs(network, day, second_close)
    rng = np.random.default_rng(seed)
    rounds = []
    for title, opens, mood in (
        ("Peiling na het convenant", first_open, "first"),
        ("Peiling na het conflict", second_open, "second"),
    ):
        special: dict[tuple[int, int], float] = {}
        if falling:
            special[falling] = 4.2 if mood == "first" else 2.4
        if often:
            special[often] = 2.4
        if never:
            special[never] = 4.6
        closes = opens + dt.timedelta(days=14)
        survey = _round(network, title, opens, closes, mood, special, rng)
        rounds.append(
            close_round(
                survey,
                None,
                now=timezone.make_aware(
                    dt.datetime.combine(closes + dt.timedelta(days=1), dt.time(6))
                ),
            )
        )
    return len(rounds)
