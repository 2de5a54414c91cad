"""Balance by hand, and hand-written histories for each scenario and the borderlines.

Each history is a string of one letter per month, read left to right from
January 2023:  C = a content month (8 person-hours of working session, no
relationship time: share 0), T = together (8 content + 2 relationship: share
0.2, in the default band 0.15-0.50), R = relationship-heavy (2 content + 8
relationship: share 0.8, above the band), . = nothing happened.
"""

import numpy as np
import pytest

from warmnet.engine.balance import balance, find_breaks
from warmnet.engine.data import ActivityKind, MilestoneKind, PointStatus
from warmnet.engine.frame import frame
from warmnet.engine.scenario import Scenario, scenario
from warmnet.engine.settings import AnalysisSettings

from .conftest import Net


def history(months: str, milestones: dict[int, int] | None = None) -> tuple[Net, np.datetime64]:
    net = Net()
    o1, o2 = net.org("Gemeente"), net.org("Waterschap")
    a, b = net.member("a", o1), net.member("b", o2)
    net.dossier("water")
    start = np.datetime64("2023-01", "M")
    for i, letter in enumerate(months):
        day = str((start + i).astype("datetime64[D]") + 9)
        content, rel = {"C": (4.0, 0.0), "T": (4.0, 1.0), "R": (1.0, 4.0), ".": (0.0, 0.0)}[letter]
        if content:
            net.activity(day, [a, b], hours=content, kind=ActivityKind.WORKING_SESSION)
        if rel:
            net.activity(day, [a, b], hours=rel, kind=ActivityKind.INFORMAL_MEETING)
    for month, kind in (milestones or {}).items():
        net.milestone(kind, str((start + month).astype("datetime64[D]") + 14), title="Covenant")
    as_of = (start + len(months)).astype("datetime64[D]") - 1
    return net, as_of


def verdicts(months: str, milestones: dict[int, int] | None = None, progress: bool = True):
    net, as_of = history(months, milestones)
    if progress:  # a point agreed in the last month counts as content progress
        net.point("level", status=PointStatus.AGREED, opened="2023-01-01", since=str(as_of - 10))
    fr = frame(net.build(), as_of, AnalysisSettings())
    return scenario(fr, balance(fr))


def test_balance_adds_person_hours_per_month_by_relationship_share(net: Net) -> None:
    o = net.org("A")
    a, b, c = (net.member(x, o) for x in "abc")
    net.activity("2024-01-10", [a, b, c], hours=2.0)  # C 6
    net.activity("2024-01-20", [a, b], hours=1.5, kind=ActivityKind.DINNER)  # R 3
    net.activity("2024-03-05", [a, b], hours=1.0, kind=ActivityKind.MIXED)  # R 0.6, C 1.4
    fr = frame(net.build(), np.datetime64("2024-03-31"), AnalysisSettings())
    bal = balance(fr)
    assert bal.labels == ["2024-01", "2024-02", "2024-03"]
    assert bal.content_hours.tolist() == pytest.approx([6.0, 0.0, 1.4])
    assert bal.relationship_hours.tolist() == pytest.approx([3.0, 0.0, 0.6])
    assert bal.share[0] == pytest.approx(1 / 3)
    assert np.isnan(bal.share[1])
    assert bal.share[2] == pytest.approx(0.3)
    assert bal.activities.tolist() == [2, 0, 1]


def test_balance_by_quarter_sums_the_months(net: Net) -> None:
    o = net.org("A")
    a, b = net.member("a", o), net.member("b", o)
    net.activity("2024-01-10", [a, b], hours=1.0)
    net.activity("2024-03-10", [a, b], hours=1.0, kind=ActivityKind.OUTING)
    net.activity("2024-04-10", [a, b], hours=1.0)
    fr = frame(net.build(), np.datetime64("2024-04-30"), AnalysisSettings(period="quarter"))
    bal = balance(fr)
    assert bal.labels == ["2024-Q1", "2024-Q2"]
    assert bal.share.tolist() == [0.5, 0.0]


def test_a_step_in_the_share_is_found_as_a_break_point() -> None:
    series = np.array([0.4, 0.42, 0.38, 0.41, 0.05, 0.04, np.nan, 0.06, 0.05])
    assert find_breaks(series, 0.1, 3, 4) == [(4, pytest.approx(0.4025), pytest.approx(0.05))]


def test_noise_below_the_minimum_shift_makes_no_break() -> None:
    series = np.array([0.30, 0.32, 0.28, 0.31, 0.27, 0.29, 0.33, 0.30])
    assert find_breaks(series, 0.1, 3, 4) == []


def test_the_trend_is_the_slope_of_the_share_per_year() -> None:
    net, as_of = history("RRRRTTTTCCCC")
    fr = frame(net.build(), as_of, AnalysisSettings())
    assert balance(fr).trend_per_year < -1.0  # from 0.8 to 0 in a year


# --- scenarios --------------------------------------------------------------------------


def test_content_first_from_the_start() -> None:
    # Two years of content meetings only: below the band from the first month.
    result = verdicts("C" * 24)
    assert result.overall.scenario is Scenario.CONTENT_FIRST
    assert result.overall.confidence == 1.0


def test_kickoff_then_content_after_a_covenant() -> None:
    # A relationship-heavy kick-off quarter, nine months together up to the covenant in
    # month 12, then only content: the classic recipe for falling back into the trenches.
    result = verdicts("RRR" + "T" * 9 + "C" * 12, {11: MilestoneKind.COVENANT})
    assert result.overall.scenario is Scenario.KICKOFF_THEN_CONTENT
    assert result.overall.confidence > 0.5
    keys = [m.key for m in result.overall.evidence]
    assert "evidence.milestone_drop" in keys
    drop = next(m for m in result.overall.evidence if m.key == "evidence.milestone_drop")
    assert drop.params["drop_pct"] == 100
    assert drop.params["milestone_kind"] == "covenant"


def test_together_when_relationship_keeps_going() -> None:
    # Two years in the band, relationship time every month, also after the covenant.
    result = verdicts("T" * 24, {11: MilestoneKind.COVENANT})
    assert result.overall.scenario is Scenario.TOGETHER
    assert result.recent.scenario is Scenario.TOGETHER
    assert "evidence.milestone_change" in [m.key for m in result.overall.evidence]


def test_talking_shop_is_relationship_without_content_progress() -> None:
    # A year of mostly socialising, no milestone and no point moved.
    result = verdicts("R" * 12, progress=False)
    assert result.overall.scenario is Scenario.TALKING_SHOP


def test_relationship_heavy_with_progress_is_not_a_talking_shop() -> None:
    # The same year, but a point was agreed: relationship is paying off.
    result = verdicts("R" * 12, progress=True)
    assert result.overall.scenario is not Scenario.TALKING_SHOP


def test_too_short_a_history_is_insufficient_data() -> None:
    # Three months cannot tell a trend.
    result = verdicts("TTT")
    assert result.overall.scenario is Scenario.INSUFFICIENT_DATA
    assert result.overall.message.key == "scenario.insufficient_data"


def test_borderline_a_single_kickoff_month_counts_as_a_kickoff() -> None:
    # One relationship month, then nothing but content: a kick-off and a hard push is what
    # the post calls scenario 2, even when the kick-off is short.
    result = verdicts("R" + "C" * 23)
    assert result.overall.scenario is Scenario.KICKOFF_THEN_CONTENT


def test_borderline_a_long_together_history_with_a_recent_dip_drifts_only_recently() -> None:
    # Eighteen months together, then three content-only months: over the whole history
    # still together, but the recent window shows the drift into kick-off-then-content.
    result = verdicts("T" * 18 + "TTT" + "CCC")
    assert result.overall.scenario is Scenario.TOGETHER
    assert result.recent.scenario is Scenario.KICKOFF_THEN_CONTENT


def test_borderline_long_gaps_in_relationship_activity_weaken_together() -> None:
    # In the band when something happens, but months without any relationship activity
    # between: the gap factor pulls the together-score down and no template fits well.
    result = verdicts("T...T...T...T...T...T...")
    assert result.overall.scores[Scenario.TOGETHER] < 0.6
    assert result.longest_gap_weeks > 8
