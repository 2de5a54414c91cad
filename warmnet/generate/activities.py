"""Activities and their attendance, vectorised: no Python loop per attendance row.

Kinds are allocated month by month so that each month's relationship share of
person-hours follows the scenario's target (``story``).  Attendees are drawn from the
activity's pool - its working group, its dossier, the whole network or the core team -
weighted by each member's engagement, with some drawn from anywhere (people do cross
over), only among members in the network on that day, without repeats.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from zoneinfo import ZoneInfo

import numpy as np
import numpy.typing as npt

from warmnet.engine.data import (
    DEFAULT_RELATIONSHIP_SHARE,
    ActivityKind,
    AttendanceStatus,
    MemberRole,
    OrganisationKind,
)
from warmnet.generate import vocab
from warmnet.generate.people import Members, Organisations
from warmnet.generate.story import Plot, relationship_target

__all__ = ["Activities", "make_activities"]

IntArray = npt.NDArray[np.int64]
K = ActivityKind
TZ = ZoneInfo("Europe/Amsterdam")

CONTENT_KINDS = np.array([K.WORKING_SESSION, K.NEGOTIATION, K.STEERING_GROUP])
CONTENT_MIX = np.array([0.70, 0.12, 0.18])
RELATIONSHIP_KINDS = np.array(
    [K.INFORMAL_MEETING, K.WORK_VISIT, K.OUTING, K.PEER_CONSULTATION, K.DINNER]
)
RELATIONSHIP_MIX = np.array([0.35, 0.20, 0.15, 0.15, 0.15])
#: A content-first network's rare relationship moments are small: a coffee, a peer consultation.
SPARSE_RELATIONSHIP_MIX = np.array([0.55, 0.15, 0.0, 0.30, 0.0])

#: Attendance rows per activity (invited included), uniform in [lo, hi].
GROUP = {
    K.WORKING_SESSION: (6, 14),
    K.NEGOTIATION: (5, 10),
    K.STEERING_GROUP: (6, 12),
    K.INFORMAL_MEETING: (8, 22),
    K.WORK_VISIT: (8, 20),
    K.OUTING: (10, 26),
    K.PEER_CONSULTATION: (5, 8),
    K.DINNER: (8, 20),
    K.MIXED: (8, 16),
}
#: Durations in minutes.
MINUTES = {
    K.WORKING_SESSION: (90, 120, 150, 180),
    K.NEGOTIATION: (60, 90, 120, 180),
    K.STEERING_GROUP: (90, 120),
    K.INFORMAL_MEETING: (60, 90, 120),
    K.WORK_VISIT: (180, 240, 300),
    K.OUTING: (180, 210, 240),
    K.PEER_CONSULTATION: (90, 120),
    K.DINNER: (150, 180, 210),
    K.MIXED: (120, 150, 180),
}
#: Local start times, minutes after midnight.
STARTS = {
    K.WORKING_SESSION: (540, 600, 780, 840),
    K.NEGOTIATION: (570, 840),
    K.STEERING_GROUP: (540, 960),
    K.INFORMAL_MEETING: (720, 960, 1020),
    K.WORK_VISIT: (540, 780),
    K.OUTING: (1140, 1170, 1200),
    K.PEER_CONSULTATION: (600, 840, 900),
    K.DINNER: (1080, 1110),
    K.MIXED: (540, 780),
}
#: Where the attendees come from: probabilities of (team, dossier, everyone, core team).
POOLS = {
    K.WORKING_SESSION: (0.75, 0.25, 0, 0),
    K.NEGOTIATION: (0, 0.6, 0, 0.4),
    K.STEERING_GROUP: (0, 0, 0, 1),
    K.INFORMAL_MEETING: (0.2, 0.3, 0.5, 0),
    K.WORK_VISIT: (0, 0.6, 0.4, 0),
    K.OUTING: (0, 0.3, 0.7, 0),
    K.PEER_CONSULTATION: (0.7, 0.3, 0, 0),
    K.DINNER: (0, 0.4, 0.6, 0),
    K.MIXED: (0.5, 0.5, 0, 0),
}
#: Of each activity's attendance rows, this fraction is drawn from the whole network.
CROSSOVER = 0.15
#: Share of past activities whose attendance was never recorded (only RSVPs are known).
UNRECORDED = 0.10
#: Days of planned activities after the story's end.
PLANNED_DAYS = 42


@dataclass
class Activities:
    kind: npt.NDArray[np.int8]
    share: npt.NDArray[np.float64]
    share_override: npt.NDArray[np.float64]
    start: npt.NDArray[np.datetime64]  # datetime64[s], UTC
    minutes: IntArray
    host_org: IntArray
    dossier: IntArray
    title: list[str]
    location: list[str]
    att_member: IntArray
    att_activity: IntArray
    att_status: npt.NDArray[np.int8]


def _day_weights(days: npt.NDArray[np.datetime64]) -> npt.NDArray[np.float64]:
    """Working days, quieter in the summer holidays and around Christmas."""
    weekday = (days.astype(np.int64) + 3) % 7  # 0 = Monday
    w = np.array([1.0, 1.0, 1.0, 1.0, 0.6, 0.0, 0.0])[weekday]
    month = days.astype("datetime64[M]").astype(np.int64) % 12 + 1
    day_of_month = (days - days.astype("datetime64[M]").astype("datetime64[D]")).astype(np.int64)
    w = w * np.where(month == 7, 0.5, 1.0) * np.where(month == 8, 0.35, 1.0)
    return w * np.where((month == 12) & (day_of_month >= 20), 0.15, 1.0)


def _person_hours(kinds: npt.NDArray[np.int64], mix: npt.NDArray[np.float64], cap: float) -> float:
    """Expected person-hours of an activity drawn from ``kinds`` with ``mix``."""
    return float(
        sum(
            p * min(cap, sum(GROUP[K(k)]) / 2) * np.mean(MINUTES[K(k)]) / 60
            for k, p in zip(kinds, mix, strict=True)
        )
    )


def _allocate_kinds(
    days: npt.NDArray[np.datetime64], p: Plot, cap: float, rng: np.random.Generator
) -> npt.NDArray[np.int64]:
    """A kind per activity such that each month's relationship share follows the plot."""
    target = relationship_target(p, days, rng)
    rel_mix = SPARSE_RELATIONSHIP_MIX if p.scenario == "content-first" else RELATIONSHIP_MIX
    w_r = _person_hours(RELATIONSHIP_KINDS, rel_mix, cap)
    w_c = _person_hours(CONTENT_KINDS, CONTENT_MIX, cap)
    w_m = _person_hours(np.array([K.MIXED]), np.array([1.0]), cap)
    rho_m = DEFAULT_RELATIONSHIP_SHARE[K.MIXED]
    p_m = np.full(days.size, p.mixed_share)
    # solve share = (p_r w_r + rho_m p_m w_m) / (p_r w_r + p_m w_m + p_c w_c) for p_r
    p_r = (target * (1 - p_m) * w_c + (target - rho_m) * p_m * w_m) / (
        w_r * (1 - target) + target * w_c
    )
    p_r = np.clip(p_r, 0.0, 1.0 - p_m)

    month = days.astype("datetime64[M]").astype(np.int64)
    months, inverse = np.unique(month, return_inverse=True)

    def stochastic_count(expected: npt.NDArray[np.float64]) -> IntArray:
        per_month = np.bincount(inverse, weights=expected, minlength=months.size)
        base = np.floor(per_month)
        return (base + (rng.random(months.size) < per_month - base)).astype(np.int64)

    n_rel = stochastic_count(p_r)
    n_mix = stochastic_count(p_m)
    order = np.lexsort((rng.random(days.size), inverse))
    first = np.searchsorted(inverse[order], np.arange(months.size))
    rank = np.empty(days.size, dtype=np.int64)
    rank[order] = np.arange(days.size) - first[inverse[order]]

    kind = CONTENT_KINDS[rng.choice(3, size=days.size, p=CONTENT_MIX)].astype(np.int64)
    is_rel = rank < n_rel[inverse]
    is_mix = ~is_rel & (rank < (n_rel + n_mix)[inverse])
    kind[is_rel] = RELATIONSHIP_KINDS[rng.choice(5, size=int(is_rel.sum()), p=rel_mix)]
    kind[is_mix] = K.MIXED
    return kind


def _utc_offsets(days: npt.NDArray[np.datetime64]) -> IntArray:
    """Amsterdam's UTC offset in minutes at noon of each day (one zoneinfo call per day)."""
    unique, inverse = np.unique(days, return_inverse=True)
    offsets = np.array(
        [
            TZ.utcoffset(datetime.fromisoformat(f"{d}T12:00:00")).total_seconds() // 60  # type: ignore[union-attr]
            for d in unique.astype(str)
        ],
        dtype=np.int64,
    )
    return offsets[inverse]


def _per_kind(
    kind: IntArray, table: dict[K, tuple[int, ...]], rng: np.random.Generator
) -> IntArray:
    out = np.empty(kind.size, dtype=np.int64)
    for k, options in table.items():
        sel = kind == k
        out[sel] = rng.choice(np.array(options), size=int(sel.sum()))
    return out


@dataclass
class _Pools:
    members: IntArray  # concatenated pools
    start: IntArray
    size: IntArray
    cum: npt.NDArray[np.float64]  # cumulative engagement over ``members``
    n_teams: int
    n_dossiers: int

    @property
    def everyone(self) -> int:
        return self.n_teams + self.n_dossiers

    @property
    def core(self) -> int:
        return self.n_teams + self.n_dossiers + 1


def _pools(mem: Members, n_dossiers: int) -> _Pools:
    m = mem.org.size
    n_teams = int(mem.team_dossier.size)
    everyone = np.arange(m)
    core = np.flatnonzero(np.isin(mem.role, [MemberRole.COORDINATOR, MemberRole.CORE_TEAM]))
    by_team = np.argsort(mem.team, kind="stable")
    by_dossier = np.argsort(mem.dossier, kind="stable")
    members = np.concatenate([by_team, by_dossier, everyone, core])
    size = np.concatenate(
        [
            np.bincount(mem.team, minlength=n_teams),
            np.bincount(mem.dossier, minlength=n_dossiers),
            [m, core.size],
        ]
    ).astype(np.int64)
    start = np.concatenate([[0], np.cumsum(size)[:-1]]).astype(np.int64)
    cum = np.cumsum(mem.engagement[members])
    return _Pools(members, start, size, cum, n_teams, n_dossiers)


def _draw(pools: _Pools, pool: IntArray, rng: np.random.Generator) -> IntArray:
    """One member per entry of ``pool``, weighted by engagement within that pool."""
    lo = pools.start[pool]
    hi = lo + pools.size[pool] - 1
    before = np.where(lo > 0, pools.cum[lo - 1], 0.0)
    total = pools.cum[hi] - before
    idx = np.searchsorted(pools.cum, before + rng.random(pool.size) * total, side="right")
    return pools.members[np.clip(idx, lo, hi)]


def make_activities(
    n_total: int,
    p: Plot,
    orgs: Organisations,
    mem: Members,
    dossiers: list[vocab.Dossier],
    regions: list[vocab.Region],
    network_name: str,
    attendance_target: int | None,
    rng: np.random.Generator,
) -> Activities:
    m = mem.org.size
    n_dossiers = len(dossiers)
    pools = _pools(mem, n_dossiers)

    # --- when ---------------------------------------------------------------------------
    history = np.arange(p.start, p.end + 1, dtype="datetime64[D]")
    planned = np.arange(p.end + 1, p.end + 1 + PLANNED_DAYS, dtype="datetime64[D]")
    n_planned = max(3, round(n_total * PLANNED_DAYS / (history.size + PLANNED_DAYS)))
    n_history = n_total - n_planned
    w = _day_weights(history)
    w[: min(60, w.size)] *= 0.7  # a network starts slowly
    day = np.sort(rng.choice(history, size=n_history, p=w / w.sum()))
    # the opening comes first, on the network's fifth working day
    day[0] = history[np.flatnonzero(w > 0)[min(4, int((w > 0).sum()) - 1)]]
    day[1:] = np.maximum(day[1:], day[0] + 1)
    wp = _day_weights(planned)
    day = np.concatenate([day, np.sort(rng.choice(planned, size=n_planned, p=wp / wp.sum()))])
    n = day.size

    # --- what ---------------------------------------------------------------------------
    cap = float(min(30, 0.8 * m / max(1, n_dossiers)))
    kind = _allocate_kinds(day, p, cap, rng)
    special: dict[int, str] = {}
    if p.scenario == "content-first":
        kind[0], special[0] = K.WORKING_SESSION, "Startbijeenkomst {network}"
    else:
        kind[0], special[0] = K.INFORMAL_MEETING, "Kick-off {network}"
    if p.scenario == "kickoff-then-content":
        early_rel = np.flatnonzero(
            (day < p.start + 30 * p.kickoff_months)
            & np.isin(kind, RELATIONSHIP_KINDS)
            & (np.arange(n) > 0)
        )
        for early, (k, title) in zip(early_rel, vocab.KICKOFF_TITLES[1:], strict=False):
            kind[early], special[int(early)] = k, title

    share_override = np.full(n, np.nan)
    mixed = np.flatnonzero(kind == K.MIXED)
    tweak = mixed[rng.random(mixed.size) < 0.3]
    share_override[tweak] = rng.choice(np.array([0.2, 0.4, 0.5]), size=tweak.size)
    default = np.array([DEFAULT_RELATIONSHIP_SHARE[K(k)] for k in range(len(K))])
    share = np.where(np.isnan(share_override), default[kind], share_override)

    minutes = _per_kind(kind, MINUTES, rng)
    local = _per_kind(kind, STARTS, rng)
    start = day.astype("datetime64[s]") + ((local - _utc_offsets(day)) * 60).astype(
        "timedelta64[s]"
    )

    # --- who ----------------------------------------------------------------------------
    probs = np.array([POOLS[K(k)] for k in range(len(K))], dtype=np.float64)
    u = rng.random(n)
    pool_kind = (u[:, None] > np.cumsum(probs[kind], axis=1)).sum(axis=1)
    team = rng.integers(0, pools.n_teams, size=n)
    act_dossier = rng.integers(0, n_dossiers, size=n)
    pool = np.select(
        [pool_kind == 0, pool_kind == 1, pool_kind == 2],
        [team, pools.n_teams + act_dossier, np.full(n, pools.everyone)],
        np.full(n, pools.core),
    )
    dossier = np.where(pool_kind == 0, mem.team_dossier[team], act_dossier)
    social = np.isin(kind, RELATIONSHIP_KINDS)
    dossier = np.where(social & (pool_kind >= 2), -1, dossier)

    lo = np.array([GROUP[K(k)][0] for k in range(len(K))])[kind]
    hi = np.array([GROUP[K(k)][1] for k in range(len(K))])[kind]
    base = rng.integers(lo, hi + 1).astype(np.float64)
    ceiling = np.minimum(30, np.maximum(3, 0.8 * pools.size[pool]))
    group = np.clip(np.round(base), 3, ceiling).astype(np.int64)
    if attendance_target:  # scale, then once more for what the ceilings cut off
        factor = attendance_target / base.sum()
        for _ in range(2):
            group = np.clip(np.round(base * factor), 3, ceiling).astype(np.int64)
            factor *= attendance_target / group.sum()
    pool[0] = pools.everyone
    group[0] = np.int64(min(30, max(3, int(0.7 * m))))
    for row in special:
        if row and kind[row] != K.WORK_VISIT:
            pool[row], group[row] = pools.everyone, np.int64(min(26, max(3, int(0.6 * m))))
        if kind[row] in RELATIONSHIP_KINDS:
            dossier[row] = -1

    # oversample, drop members not in the network that day and repeats, keep ``group`` each
    draws = 2 * group + 2
    row_act = np.repeat(np.arange(n), draws)
    row_pool = np.where(rng.random(row_act.size) < CROSSOVER, pools.everyone, pool[row_act])
    member = _draw(pools, row_pool, rng)
    row_day = day[row_act]
    active = (mem.joined[member] <= row_day) & (
        np.isnat(mem.left[member]) | (mem.left[member] > row_day)
    )
    key = row_act[active] * m + member[active]
    _, first = np.unique(key, return_index=True)
    first = np.sort(first)  # rows come in activity order, random within each
    kept = key[first]
    kept_act = kept // m
    rank = np.arange(kept.size) - np.searchsorted(kept_act, kept_act, side="left")
    kept = np.sort(kept[rank < group[kept_act]])
    att_activity = kept // m
    att_member = kept % m

    # --- how it went --------------------------------------------------------------------
    future = day > p.end
    unrecorded = (rng.random(n) < UNRECORDED + 0.05 * social) & ~future
    s = AttendanceStatus
    r = rng.random(kept.size)
    recorded_status = np.select([r < 0.84, r < 0.95], [s.ATTENDED, s.DECLINED], s.INVITED)
    rsvp_status = np.select([r < 0.83, r < 0.95], [s.ACCEPTED, s.DECLINED], s.INVITED)
    planned_status = np.where(r < 0.45, s.ACCEPTED, s.INVITED)
    status = np.where(
        future[att_activity],
        planned_status,
        np.where(unrecorded[att_activity], rsvp_status, recorded_status),
    ).astype(np.int8)

    # --- where and what it is called ----------------------------------------------------
    host_w = np.where(
        np.isin(
            orgs.kind,
            [
                OrganisationKind.PROVINCE,
                OrganisationKind.MUNICIPALITY,
                OrganisationKind.WATER_BOARD,
            ],
        ),
        2.0,
        1.0,
    )
    host = rng.choice(len(orgs.name), size=n, p=host_w / host_w.sum())
    titles, locations = _titles(
        kind, host, dossier, team, day, special, orgs, mem, dossiers, regions, network_name, rng
    )
    return Activities(
        kind=kind.astype(np.int8),
        share=share.astype(np.float64),
        share_override=share_override,
        start=start,
        minutes=minutes,
        host_org=host.astype(np.int64),
        dossier=dossier.astype(np.int64),
        title=titles,
        location=locations,
        att_member=att_member.astype(np.int64),
        att_activity=att_activity.astype(np.int64),
        att_status=status,
    )


def _titles(
    kind: IntArray,
    host: IntArray,
    dossier: IntArray,
    team: IntArray,
    day: npt.NDArray[np.datetime64],
    special: dict[int, str],
    orgs: Organisations,
    mem: Members,
    dossiers: list[vocab.Dossier],
    regions: list[vocab.Region],
    network_name: str,
    rng: np.random.Generator,
) -> tuple[list[str], list[str]]:
    """Dutch titles and places, cycling through the templates (one format per activity)."""
    visits = [v for r in regions for v in r.work_visits]
    outings = [o.split("|") for r in regions for o in r.outings]
    restaurants = [x for r in regions for x in r.restaurants]
    team_label = []
    for t, d in enumerate(mem.team_dossier):
        number = int((mem.team_dossier[:t] == d).sum()) + 1
        label = dossiers[d].short
        team_label.append(label if (mem.team_dossier == d).sum() == 1 else f"{label} {number}")
    n = kind.size
    pick = rng.integers(0, 1 << 30, size=(n, 4))
    counters = dict.fromkeys(range(len(K)), 0)
    titles: list[str] = []
    locations: list[str] = []
    for i in range(n):
        k = int(kind[i])
        counters[k] += 1
        d = dossiers[dossier[i]] if dossier[i] >= 0 else dossiers[pick[i, 3] % len(dossiers)]
        outing = outings[pick[i, 1] % len(outings)]
        visit = visits[pick[i, 1] % len(visits)]
        restaurant = restaurants[pick[i, 1] % len(restaurants)]
        templates = vocab.ACTIVITY_TITLES[k]
        template = special.get(i) or templates[pick[i, 0] % len(templates)]
        titles.append(
            template.format(
                short=d.short,
                topic=d.topics[pick[i, 2] % len(d.topics)],
                visit=visit,
                team=team_label[team[i]],
                org=orgs.name[host[i]],
                n=counters[k],
                outing=outing[0],
                restaurant=restaurant,
                network=network_name,
            )[:200]
        )
        if k == K.WORK_VISIT:
            locations.append(visit[0].upper() + visit[1:])
        elif k == K.OUTING:
            locations.append(outing[1])
        elif k == K.DINNER:
            locations.append(restaurant)
        else:
            locations.append(orgs.location[host[i]])
    # Title plus date names an activity in spreadsheets (import matches on it), so a
    # second session of the same name on one day gets a number, as people write it.
    seen: dict[tuple[str, object], int] = {}
    for i, title in enumerate(titles):
        key = (title, day[i])
        seen[key] = seen.get(key, 0) + 1
        if seen[key] > 1:
            titles[i] = f"{title[:194]} ({seen[key]})"
    return titles, locations
