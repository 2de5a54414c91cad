"""The pure generator: deterministic, realistic in shape, and internally consistent."""

from __future__ import annotations

import subprocess
import sys
from datetime import date

import numpy as np
import pytest

from warmnet.engine.data import (
    AttendanceStatus,
    HardMomentOutcome,
    MemberRole,
    MilestoneKind,
)
from warmnet.generate.result import SCENARIOS, GeneratedNetwork
from warmnet.generate.sizes import SIZES, SizeError
from warmnet.generate.synth import generate_network

SMALL = {"organisations": 8, "members": 40, "activities": 200, "years": 2.0}


def _same(a: GeneratedNetwork, b: GeneratedNetwork) -> bool:
    da, db = a.data, b.data
    for name in vars(da):
        x, y = getattr(da, name), getattr(db, name)
        if isinstance(x, np.ndarray):
            if not np.array_equal(x, y, equal_nan=x.dtype.kind in "fmM"):
                return False
        elif x != y:
            return False
    return a.member_email == b.member_email and a.activity_location == b.activity_location


def test_it_is_pure_python_without_django() -> None:
    code = (
        "import sys; import warmnet.generate.synth; "
        "bad = [m for m in sys.modules if m == 'django' or m.startswith('django.')]; "
        "sys.exit(1 if bad else 0)"
    )
    assert subprocess.run([sys.executable, "-c", code], check=False).returncode == 0


@pytest.mark.parametrize("scenario", SCENARIOS)
def test_the_same_seed_gives_the_same_network(scenario: str) -> None:
    assert _same(generate_network(7, SMALL, scenario), generate_network(7, SMALL, scenario))


def test_another_seed_gives_another_network() -> None:
    assert not _same(generate_network(1, SMALL, "together"), generate_network(2, SMALL, "together"))


def test_the_demo_size_is_what_the_demo_promises() -> None:
    for seed in range(5):
        g = generate_network(seed, "demo", "kickoff-then-content")
        assert 8 <= g.data.n_orgs <= 12
        assert 40 <= g.data.n_members <= 60
        assert (g.end - g.start).days in (730, 731)
        assert g.data.dossier_id.size == 3


def test_start_sets_the_timeline() -> None:
    g = generate_network(1, SMALL, "together", start=date(2023, 3, 1), years=1.5)
    assert g.start == date(2023, 3, 1)
    first = g.data.activity_start.min().astype("datetime64[D]")
    assert np.datetime64("2023-03-01") <= first < np.datetime64("2023-04-01")


@pytest.mark.parametrize("scenario", SCENARIOS)
def test_every_row_refers_to_valid_rows(scenario: str) -> None:
    g = generate_network(3, "demo", scenario)
    d = g.data
    m, a, o = d.n_members, d.n_activities, d.n_orgs
    assert np.array_equal(d.member_id, np.arange(1, m + 1))
    assert ((d.member_org >= 0) & (d.member_org < o)).all()
    assert ((d.attendance_member >= 0) & (d.attendance_member < m)).all()
    assert ((d.attendance_activity >= 0) & (d.attendance_activity < a)).all()
    pairs = d.attendance_activity * m + d.attendance_member
    assert np.unique(pairs).size == pairs.size, "one attendance row per member per activity"
    assert ((d.activity_host_org >= -1) & (d.activity_host_org < o)).all()
    assert ((d.activity_dossier >= -1) & (d.activity_dossier < d.dossier_id.size)).all()
    assert (d.contact_a != d.contact_b).all()
    assert ((d.point_dossier >= 0) & (d.point_dossier < d.dossier_id.size)).all()
    assert ((d.position_point >= 0) & (d.position_point < d.point_id.size)).all()
    by_member = d.position_member >= 0
    assert (by_member != (d.position_org >= 0)).all(), "a member or an organisation, never both"
    assert (d.position_member[by_member] < m).all() and (d.position_org[~by_member] < o).all()
    assert ((g.hard_moment_party_org >= 0) & (g.hard_moment_party_org < o)).all()
    assert (d.point_status_since >= d.point_opened).all()


@pytest.mark.parametrize("scenario", SCENARIOS)
def test_members_are_plausible(scenario: str) -> None:
    g = generate_network(4, "demo", scenario)
    d = g.data
    assert len(set(g.member_email)) == d.n_members
    assert all("@" in e and e.endswith(".example") for e in g.member_email)
    left = ~np.isnat(d.member_left)
    assert (d.member_left[left] >= d.member_joined[left]).all()
    assert (d.member_role == MemberRole.COORDINATOR).sum() == 1
    assert (d.member_joined > np.datetime64(g.start) + 60).sum() >= 2, "a few newcomers"
    assert np.bincount(d.member_org, minlength=d.n_orgs).min() >= 1
    assert len(set(d.org_name)) == d.n_orgs
    # attendees were in the network on the day
    day = d.activity_start.astype("datetime64[D]")[d.attendance_activity]
    joined, gone = d.member_joined[d.attendance_member], d.member_left[d.attendance_member]
    assert ((joined <= day) & (np.isnat(gone) | (gone > day))).all()


def test_activities_are_realistic() -> None:
    g = generate_network(5, "typical", "together")
    d = g.data
    sizes = np.bincount(d.attendance_activity, minlength=d.n_activities)
    assert sizes.min() >= 3 and sizes.max() <= 30
    assert 5 <= np.median(sizes) <= 20
    assert (g.activity_minutes >= 60).all() and (g.activity_minutes <= 300).all()
    assert np.allclose(d.activity_hours, g.activity_minutes / 60)
    assert len(set(d.activity_title)) > 100
    assert any(t.startswith("Intervisie") for t in d.activity_title)
    assert any(t.startswith("Werkbezoek aan") for t in d.activity_title)


def test_attendance_statuses_tell_past_from_planned() -> None:
    g = generate_network(6, "demo", "together")
    d = g.data
    future = d.activity_start.astype("datetime64[D]") > np.datetime64(g.end)
    assert future.any()
    row_future = future[d.attendance_activity]
    s = AttendanceStatus
    assert set(np.unique(d.attendance_status[row_future])) <= {s.INVITED, s.ACCEPTED}
    past = d.attendance_status[~row_future]
    assert (past == s.ATTENDED).mean() > 0.7
    attended = np.bincount(
        d.attendance_activity[d.attendance_status == s.ATTENDED], minlength=d.n_activities
    )
    unrecorded = ~future & (attended == 0)
    assert unrecorded.any(), "some activities only have RSVPs"


@pytest.mark.parametrize("scenario", SCENARIOS)
def test_the_content_track_has_its_milestones_and_a_hard_moment(scenario: str) -> None:
    g = generate_network(8, "demo", scenario)
    d = g.data
    kinds = set(d.milestone_kind.tolist())
    assert {
        MilestoneKind.SHARED_VISION,
        MilestoneKind.LETTER_OF_INTENT,
        MilestoneKind.COVENANT,
    } <= kinds
    assert d.hard_moment_id.size >= 1
    outcome = HardMomentOutcome(int(d.hard_moment_outcome[0]))
    if scenario == "together":
        assert outcome == HardMomentOutcome.HELD_TOGETHER
    else:
        assert outcome in (HardMomentOutcome.DAMAGED, HardMomentOutcome.BROKE_APART)
    # positions change over time: some holder has more than one dated position on a point
    holder = d.position_point * 10_000 + np.where(
        d.position_member >= 0, d.position_member, 5_000 + d.position_org
    )
    if scenario != "content-first":
        assert np.unique(holder).size < holder.size


def _monthly_share(g: GeneratedNetwork) -> np.ndarray:
    d = g.data
    s = d.attendance_status
    act = d.attendance_activity
    has_attended = np.bincount(act[s == AttendanceStatus.ATTENDED], minlength=d.n_activities) > 0
    eff = (s == AttendanceStatus.ATTENDED) | ((s == AttendanceStatus.ACCEPTED) & ~has_attended[act])
    n = np.bincount(act[eff], minlength=d.n_activities)
    hours = n * d.activity_hours
    day = d.activity_start.astype("datetime64[D]")
    keep = day <= np.datetime64(g.end)
    month = day.astype("datetime64[M]").astype(np.int64)
    month -= month.min()
    rel = np.bincount(month[keep], weights=(hours * d.activity_share)[keep])
    tot = np.bincount(month[keep], weights=hours[keep])
    return rel / np.maximum(tot, 1e-9)


def test_the_three_stories_differ_in_relationship_share() -> None:
    cf = _monthly_share(generate_network(11, "typical", "content-first"))
    ko = _monthly_share(generate_network(11, "typical", "kickoff-then-content"))
    tg = _monthly_share(generate_network(11, "typical", "together"))
    assert cf.max() < 0.15
    assert ko[:2].min() > 0.3 and ko[6:].max() < 0.15 and ko[-12:].mean() < 0.03
    assert np.median(tg) > 0.25 and (tg > 0.15).mean() > 0.9


def test_the_large_size_is_the_benchmark_network_size() -> None:
    large = SIZES["large"]
    assert (large.members, large.activities, large.attendance) == (10_000, 200_000, 2_000_000)
    assert large.years == 5.0


def test_bad_sizes_and_scenarios_are_refused() -> None:
    with pytest.raises(SizeError):
        generate_network(1, "huge", "together")
    with pytest.raises(SizeError):
        generate_network(1, {"members": 3}, "together")
    with pytest.raises(ValueError):
        generate_network(1, "demo", "talking-shop")
