"""Benchmark of the analysis engine: prints time and peak memory per stage.

    .venv/bin/python bench/bench_engine.py            # typical and large network
    .venv/bin/python bench/bench_engine.py --quick    # typical only, smaller baseline

The networks are synthetic, built here in numpy (seeded): members belong to
organisations of uneven size and sit in one to three working groups of 5-30
people that mix organisations with a bias to their own; each activity belongs to
one group and most of the group attends.  Figures, not assertions.
"""

from __future__ import annotations

import argparse
import resource
import sys
import time
import tracemalloc
from pathlib import Path

import networkx as nx
import numpy as np
import scipy.stats

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from warmnet.engine import AnalysisSettings, analyse
from warmnet.engine.data import (
    DEFAULT_RELATIONSHIP_SHARE,
    ActivityKind,
    AttendanceStatus,
    NetworkData,
)
from warmnet.engine.frame import frame
from warmnet.engine.graphs import betweenness, upper_edges
from warmnet.engine.ties import activity_tie_weights, tie_matrices


def synthetic_network(
    members: int, activities: int, orgs: int, years: float = 5.0, seed: int = 0
) -> NetworkData:
    rng = np.random.default_rng(seed)
    start = np.datetime64("2021-01-01", "D")
    span_days = int(365.25 * years)
    end = start + span_days

    # organisations of uneven size (a few large partners, many small ones)
    org_weight = rng.pareto(1.2, orgs) + 1.0
    member_org = rng.choice(orgs, size=members, p=org_weight / org_weight.sum())
    joined = start + rng.integers(-365, span_days - 30, members).clip(0)
    left = np.full(members, np.datetime64("NaT"), dtype="datetime64[D]")
    leaving = rng.random(members) < 0.1
    left[leaving] = joined[leaving] + rng.integers(60, 900, leaving.sum())
    left[left > end] = np.datetime64("NaT")

    # working groups: 5-30 seats, filled with members sorted by organisation so groups
    # lean to a few organisations, plus random members from elsewhere
    group_sizes = rng.integers(5, 31, max(1, members * 2 // 17))
    seats = int(group_sizes.sum())
    by_org = np.argsort(member_org + rng.random(members) * 3.0, kind="stable")
    local = by_org[np.arange(seats) % members]
    anywhere = rng.integers(0, members, seats)
    group_members = np.where(rng.random(seats) < 0.7, local, anywhere)
    group_ptr = np.concatenate([[0], np.cumsum(group_sizes)])

    # activities: a group, a kind, a day, a duration
    group = rng.integers(0, group_sizes.size, activities)
    kinds = np.array(list(DEFAULT_RELATIONSHIP_SHARE), dtype=np.int8)
    kind_p = np.array([0.45, 0.1, 0.1, 0.08, 0.04, 0.03, 0.03, 0.04, 0.13])
    kind = rng.choice(kinds, size=activities, p=kind_p / kind_p.sum())
    share = np.array([DEFAULT_RELATIONSHIP_SHARE[ActivityKind(k)] for k in kinds])[
        np.searchsorted(kinds, kind)
    ]
    day = start + np.sort(rng.integers(0, span_days, activities))
    seconds = day.astype("datetime64[s]") + rng.integers(8, 18, activities) * 3600
    hours = rng.choice([1.0, 1.5, 2.0, 3.0, 4.0], size=activities)

    # attendance: each seat of the activity's group, kept with probability 0.6
    size = group_sizes[group]
    act_rows = np.repeat(np.arange(activities), size)
    offsets = np.arange(act_rows.size) - np.repeat(np.cumsum(size) - size, size)
    member = group_members[group_ptr[group][act_rows] + offsets]
    keep = rng.random(act_rows.size) < 0.6
    act_rows, member = act_rows[keep], member[keep]
    status = np.full(act_rows.size, AttendanceStatus.ATTENDED, dtype=np.int8)
    unrecorded = rng.random(activities) < 0.1  # only RSVPs were kept for these
    status[unrecorded[act_rows]] = AttendanceStatus.ACCEPTED
    status[rng.random(act_rows.size) < 0.05] = AttendanceStatus.DECLINED

    n_contacts = members * 2
    ca = rng.integers(0, members, n_contacts)
    cb = group_members[rng.integers(0, seats, n_contacts)]
    cdate = start + rng.integers(0, span_days, n_contacts)

    dossiers = max(2, orgs // 5)
    points = dossiers * 5
    point_kind = (rng.random(points) < 0.6).astype(np.int8) * 0  # mostly disputes
    point_kind[rng.random(points) < 0.4] = 1
    point_status = rng.integers(0, 4, points).astype(np.int8)
    point_opened = start + rng.integers(0, span_days // 2, points)
    point_since = point_opened + rng.integers(0, span_days // 2, points)
    pos_point = np.repeat(np.arange(points), orgs)
    pos_org = np.tile(np.arange(orgs), points)
    take = rng.random(pos_point.size) < 0.3
    pos_point, pos_org = pos_point[take], pos_org[take]
    member_pos_point = rng.integers(0, points, members // 10)
    member_pos_member = rng.integers(0, members, members // 10)
    n_pos = pos_point.size + member_pos_point.size
    milestones = 10

    return NetworkData(
        org_id=np.arange(orgs, dtype=np.int64),
        org_kind=rng.integers(0, 8, orgs).astype(np.int8),
        org_name=[f"Organisation {i}" for i in range(orgs)],
        member_id=np.arange(members, dtype=np.int64),
        member_org=member_org.astype(np.int64),
        member_role=np.full(members, 2, dtype=np.int8),
        member_joined=joined,
        member_left=left,
        member_name=[f"Member {i}" for i in range(members)],
        activity_id=np.arange(activities, dtype=np.int64),
        activity_kind=kind,
        activity_share=share,
        activity_start=seconds,
        activity_hours=hours,
        activity_host_org=rng.integers(-1, orgs, activities),
        activity_dossier=rng.integers(-1, dossiers, activities),
        activity_title=[""] * activities,
        attendance_member=member.astype(np.int64),
        attendance_activity=act_rows.astype(np.int64),
        attendance_status=status,
        contact_a=ca.astype(np.int64),
        contact_b=cb.astype(np.int64),
        contact_date=cdate,
        dossier_id=np.arange(dossiers, dtype=np.int64),
        dossier_name=[f"Dossier {i}" for i in range(dossiers)],
        point_id=np.arange(points, dtype=np.int64),
        point_dossier=rng.integers(0, dossiers, points),
        point_kind=point_kind,
        point_status=point_status,
        point_opened=point_opened,
        point_status_since=point_since,
        point_title=[f"Point {i}" for i in range(points)],
        position_point=np.concatenate([pos_point, member_pos_point]),
        position_member=np.concatenate([np.full(pos_point.size, -1), member_pos_member]),
        position_org=np.concatenate([pos_org, np.full(member_pos_point.size, -1)]),
        position_stance=rng.integers(-1, 2, n_pos).astype(np.int8),
        position_date=start + rng.integers(0, span_days, n_pos),
        milestone_id=np.arange(milestones, dtype=np.int64),
        milestone_kind=rng.integers(0, 4, milestones).astype(np.int8),
        milestone_date=start + np.sort(rng.integers(0, span_days + 120, milestones)),
        milestone_dossier=rng.integers(-1, dossiers, milestones),
        milestone_title=[f"Milestone {i}" for i in range(milestones)],
    )


def rss_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024.0


def run_engine(label: str, data: NetworkData, repeats: int = 3) -> float:
    print(
        f"\n== {label}: {data.n_members:,} members, {data.n_activities:,} activities, "
        f"{data.attendance_member.size:,} attendance rows, {data.n_orgs} organisations"
    )
    analyse(data)  # warm-up (imports, caches)
    best = None
    for _ in range(repeats):
        start = time.perf_counter()
        result = analyse(data)
        total = time.perf_counter() - start
        if best is None or total < best[0]:
            best = (total, result)
    assert best is not None
    total, result = best
    tracemalloc.start()
    traced = analyse(data)
    tracemalloc.stop()
    print(
        f"{'stage':<12} {'seconds':>8} {'peak MB':>8}   (time: best of {repeats}; "
        "memory: traced in a separate run)"
    )
    for timing, mem in zip(result.timings, traced.timings, strict=True):
        peak = (mem.peak_bytes or 0) / 2**20
        print(f"{timing.stage:<12} {timing.seconds:8.3f} {peak:8.1f}")
    print(f"{'total':<12} {total:8.3f}   process peak RSS so far {rss_mb():.0f} MB")
    verdict = result.scenario.overall
    print(
        f"scenario {verdict.scenario.value} ({verdict.confidence:.2f}); warmth index "
        f"{result.warmth.index:.2f}; {result.groups.count} groups, modularity "
        f"{result.groups.modularity:.3f}, AMI with organisations "
        f"{result.groups.ami_with_orgs:.2f}; {len(result.signals)} signals, "
        f"{len(result.suggestions)} suggestions"
    )
    return total


def baseline(data: NetworkData, seed: int = 0) -> None:
    """The straightforward way on the same input: pairs added one by one into a networkx
    graph, networkx Louvain and exact betweenness; against the engine's ties, groups and
    brokers on the same slice."""
    settings = AnalysisSettings()
    as_of = None
    print(
        f"\n== baseline on {data.n_members:,} members, {data.n_activities:,} activities, "
        f"{data.attendance_member.size:,} attendance rows"
    )
    start = time.perf_counter()
    result = analyse(data, as_of, settings, seed)
    engine = time.perf_counter() - start

    start = time.perf_counter()
    fr = frame(data, as_of, settings)
    relational, familiarity = activity_tie_weights(fr)
    weights = relational + familiarity
    attendees: dict[int, list[int]] = {}
    for member, activity in zip(fr.att_member.tolist(), fr.att_activity.tolist(), strict=True):
        if fr.member_active[member]:
            attendees.setdefault(activity, []).append(member)
    g = nx.Graph()
    for activity, people in attendees.items():
        w, r = float(weights[activity]), float(relational[activity])
        if w <= 0:
            continue
        for i, a in enumerate(people):
            for b in people[i + 1 :]:
                if g.has_edge(a, b):
                    g[a][b]["weight"] += w
                    g[a][b]["relational"] += r
                else:
                    g.add_edge(a, b, weight=w, relational=r)
    built = time.perf_counter() - start
    strong = nx.Graph()
    strong.add_weighted_edges_from(
        (a, b, d["weight"]) for a, b, d in g.edges(data=True) if d["weight"] >= 0.1
    )
    nx.community.louvain_communities(strong, weight="weight", seed=seed)
    threshold = settings.warm_threshold
    warm = nx.Graph((a, b) for a, b, d in g.edges(data=True) if d["relational"] >= threshold)
    nx.betweenness_centrality(warm, normalized=False)
    naive = time.perf_counter() - start
    print(f"engine (everything)     {engine:8.3f} s")
    print(f"baseline ties only      {built:8.3f} s")
    print(f"baseline ties+groups+brokers {naive:8.3f} s   ratio {naive / engine:.0f}x")
    del result


def betweenness_accuracy(data: NetworkData, samples: int, seed: int = 0) -> None:
    settings = AnalysisSettings()
    fr = frame(data, None, settings)
    ties = tie_matrices(fr).relational
    u, v, _ = upper_edges(ties, settings.warm_threshold)
    n = data.n_members
    start = time.perf_counter()
    exact, _ = betweenness(n, u, v)
    t_exact = time.perf_counter() - start
    start = time.perf_counter()
    estimate, _ = betweenness(n, u, v, samples=samples, seed=seed)
    t_est = time.perf_counter() - start
    connected = np.bincount(np.concatenate([u, v]), minlength=n) > 0
    rho = scipy.stats.spearmanr(exact[connected], estimate[connected]).statistic
    print(
        f"\n== sampled betweenness, {samples} sources, on {connected.sum():,} members with a "
        f"warm tie ({u.size:,} warm ties)"
    )
    print(f"exact {t_exact:.2f} s, sampled {t_est:.2f} s; Spearman rank correlation {rho:.3f}")
    for k in (10, 50):
        top_exact = set(np.argsort(-exact)[:k].tolist())
        top_est = set(np.argsort(-estimate)[:k].tolist())
        print(f"top-{k} brokers in common: {len(top_exact & top_est)}/{k}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="typical network only")
    args = parser.parse_args()
    print(f"python {sys.version.split()[0]}, numpy {np.__version__}")

    start = time.perf_counter()
    typical = synthetic_network(200, 5_000, 12, seed=1)
    print(f"built typical network in {time.perf_counter() - start:.2f} s")
    run_engine("typical", typical, repeats=5)
    if not args.quick:
        start = time.perf_counter()
        large = synthetic_network(10_000, 200_000, 100, seed=1)
        print(f"built large network in {time.perf_counter() - start:.2f} s")
        run_engine("large", large)
        del large
    baseline(synthetic_network(2_000, 20_000 if not args.quick else 8_000, 30, seed=2))
    accuracy_net = synthetic_network(3_000, 40_000, 40, seed=3)
    for samples in (128, 512):
        betweenness_accuracy(accuracy_net, samples=samples)


if __name__ == "__main__":
    main()
