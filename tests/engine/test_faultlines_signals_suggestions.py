import json
from types import SimpleNamespace

import holidays
import numpy as np
import pytest

from warmnet.engine import AnalysisSettings, analyse
from warmnet.engine.data import ActivityKind, MilestoneKind, PointStatus, Stance
from warmnet.engine.faultlines import Risk, faultlines
from warmnet.engine.frame import frame
from warmnet.engine.signals import SignalKind, Subject
from warmnet.engine.suggestions import (
    Suggestion,
    SuggestionType,
    spread,
    suggest_date,
    working_day,
)
from warmnet.engine.texts import Message
from warmnet.engine.ties import tie_matrices, tie_matrix
from warmnet.engine.warmth import warm_graph, warmth

from .conftest import Net

AS_OF = np.datetime64("2024-06-30", "D")


def dispute(cross_hours: float) -> tuple[Net, dict[str, int]]:
    """Two partners on opposite sides of one dispute.  Each side meets warmly inside;
    ``cross_hours`` of informal time link the first member of each side."""
    net = Net()
    gem, ws = net.org("Gemeente"), net.org("Waterschap")
    p = {name: net.member(name, gem if name < "c" else ws) for name in "abcd"}
    net.dossier("dijken")
    point = net.point("Dike height", status=PointStatus.DEADLOCKED, since="2023-06-01")
    net.position(point, Stance.FOR, org=gem, day="2023-06-01")
    net.position(point, Stance.AGAINST, org=ws, day="2023-06-01")
    net.activity("2024-06-20", [p["a"], p["b"]], hours=3.0, kind=ActivityKind.DINNER)
    net.activity("2024-06-20", [p["c"], p["d"]], hours=3.0, kind=ActivityKind.DINNER)
    if cross_hours:
        net.activity(
            "2024-06-25", [p["a"], p["c"]], hours=cross_hours, kind=ActivityKind.INFORMAL_MEETING
        )
    return net, p


def lines_of(net: Net):
    fr = frame(net.build(), AS_OF, AnalysisSettings())
    ties = tie_matrix(fr)
    return faultlines(fr, ties, warm_graph(ties, 1.0))


def test_sides_come_from_the_organisations_position_and_no_warm_tie_crossing_is_high_risk() -> None:
    net, p = dispute(cross_hours=0)
    (line,) = lines_of(net)
    assert line.for_members.tolist() == [p["a"], p["b"]]
    assert line.against_members.tolist() == [p["c"], p["d"]]
    assert line.warm_across == 0
    assert line.risk is Risk.HIGH


def test_a_members_own_position_overrides_their_organisations() -> None:
    net, p = dispute(cross_hours=0)
    net.position(0, Stance.NEUTRAL, member=p["b"], day="2024-01-01")
    net.position(0, Stance.FOR, member=p["d"], day="2025-01-01")  # after the date: ignored
    (line,) = lines_of(net)
    assert line.for_members.tolist() == [p["a"]]
    assert line.against_members.tolist() == [p["c"], p["d"]]
    assert line.neutral == 1


def test_one_warm_tie_across_lowers_the_risk_and_the_means_are_per_pair() -> None:
    # relational: within a-b and c-d each 3 h / 1 = 3, five days before the network's last
    # active day (25 June); across a-c 1 h that day.  The point is deadlocked: one step up.
    net, _ = dispute(cross_hours=1.0)
    (line,) = lines_of(net)
    decay = lambda days: 2 ** (-days / 90)  # noqa: E731
    assert line.warm_across == 1
    assert line.mean_across == pytest.approx(1.0 / 4)
    assert line.mean_within == pytest.approx(3 * decay(5))
    assert line.tie_risk is Risk.MEDIUM
    assert line.raised_by == ("deadlocked",) and line.risk is Risk.HIGH


def test_a_dispute_with_no_warm_bridge_raises_a_signal_and_a_bridging_suggestion() -> None:
    net, p = dispute(cross_hours=0)
    net.milestone(MilestoneKind.DECISION, "2024-08-15", title="Council decision")
    result = analyse(net.build(), AS_OF)
    kinds = {s.kind for s in result.signals}
    assert SignalKind.FAULTLINE_WITHOUT_BRIDGES in kinds
    assert SignalKind.POINT_STUCK in kinds
    bridge = next(s for s in result.suggestions if s.type is SuggestionType.BRIDGE_DISPUTE)
    assert set(bridge.invitees.tolist()) == set(p.values())
    # planned two weeks ahead of the decision, not after it
    assert bridge.date == np.datetime64("2024-08-01")
    assert bridge.before == np.datetime64("2024-08-15")


def test_a_deadline_too_close_still_gets_a_date_before_it() -> None:
    net, _ = dispute(cross_hours=0)
    net.milestone(MilestoneKind.COVENANT, "2024-07-04")
    result = analyse(net.build(), AS_OF)
    for s in result.suggestions:
        assert AS_OF < s.date < np.datetime64("2024-07-04")


def test_the_host_is_the_invitees_organisation_that_hosted_least() -> None:
    net, p = dispute(cross_hours=0)
    net.activity("2024-05-01", [p["a"]], hours=1.0, host=0)  # the Gemeente hosted once
    result = analyse(net.build(), AS_OF)
    bridge = next(s for s in result.suggestions if s.type is SuggestionType.BRIDGE_DISPUTE)
    assert bridge.host_org == 1


def test_a_cold_member_gets_a_buddy_from_another_organisation_on_the_same_dossier() -> None:
    net = Net()
    gem, ws, prov = net.org("Gemeente"), net.org("Waterschap"), net.org("Provincie")
    a, b, c = net.member("a", gem), net.member("b", gem), net.member("c", ws)
    d, lonely = net.member("d", prov), net.member("lonely", gem)
    water, roads = net.dossier("water"), net.dossier("roads")
    for day in ("2024-06-01", "2024-06-10", "2024-06-20"):
        net.activity(day, [a, b, c, d], hours=3.0, kind=ActivityKind.DINNER, dossier=roads)
    net.activity("2024-06-21", [lonely, c, a, b, d], hours=0.5, dossier=water)
    result = analyse(net.build(), AS_OF)
    assert lonely in result.warmth.cold.tolist()
    buddy = next(s for s in result.suggestions if s.type is SuggestionType.BUDDY)
    assert buddy.invitees[0] == lonely
    assert buddy.invitees[1] in (c, d)  # another organisation, shares the water dossier
    assert buddy.reason.params["dossier"] == "water"


def test_no_relationship_activity_for_weeks_is_signalled_with_peer_consultation_suggested() -> None:
    net = Net()
    o1, o2 = net.org("A"), net.org("B")
    a, b, c = net.member("a", o1), net.member("b", o2), net.member("c", o2)
    net.activity("2024-01-10", [a, b], kind=ActivityKind.OUTING)
    net.activity("2024-06-01", [a, b, c])
    result = analyse(net.build(), AS_OF)
    gap = next(s for s in result.signals if s.kind is SignalKind.RELATIONSHIP_GAP)
    assert gap.message.params == {"weeks": 24, "since": "2024-01-10"}
    peer = next(s for s in result.suggestions if s.type is SuggestionType.PEER_CONSULTATION)
    assert peer.activity_kind is ActivityKind.PEER_CONSULTATION
    assert peer.invitees.tolist() == [a, b, c]


def test_newcomers_without_a_warm_tie_are_signalled_as_such_not_as_cold() -> None:
    net = Net()
    o = net.org("A")
    old, new = net.member("old", o), net.member("new", o, joined="2024-06-01")
    net.activity("2024-06-10", [old, new], hours=0.5)
    result = analyse(net.build(), AS_OF)
    by_kind = {(s.kind, s.subject.row) for s in result.signals}
    assert (SignalKind.NEWCOMER_NOT_CONNECTED, new) in by_kind
    assert (SignalKind.COLD_MEMBER, new) not in by_kind
    assert (SignalKind.COLD_MEMBER, old) in by_kind


def test_warm_and_cold_members_and_the_warmth_index_by_hand() -> None:
    net = Net()
    o1, o2 = net.org("A"), net.org("B")
    a, b, c, d = (net.member(x, o) for x, o in zip("abcd", (o1, o1, o2, o2), strict=True))
    net.activity("2024-06-30", [a, b, c], hours=2.0, kind=ActivityKind.DINNER)  # 1.0 each pair
    net.activity("2024-06-30", [c, d], hours=0.25, kind=ActivityKind.INFORMAL_MEETING)  # weak
    net.activity("2024-06-30", [a, d], hours=8.0)  # content: familiarity, not warmth
    fr = frame(net.build(), AS_OF, AnalysisSettings())
    layers = tie_matrices(fr)
    w = warmth(fr, layers.relational, layers.familiarity)
    assert w.warm_ties.tolist() == [2, 2, 2, 0]
    assert w.warm_cross_ties.tolist() == [1, 1, 2, 0]
    assert w.cold.tolist() == [d]
    assert w.isolated.tolist() == []
    assert w.index == 0.25  # only c has two warm ties outside their organisation
    assert w.org_warm_ties.tolist() == [[1, 2], [2, 0]]
    assert w.org_ties.tolist() == [[1, 2], [2, 1]]  # any tie: a-b; a-c, b-c; c-d
    assert w.org_mean_tie[0, 1] == pytest.approx((1.0 + 1.0 + 0 + 0) / 4)
    assert w.familiarity_strength.tolist() == [8.0, 0.0, 0.0, 8.0]


def test_partners_without_a_warm_tie_are_bridged_through_their_strongest_weak_ties() -> None:
    net = Net()
    o1, o2, o3 = net.org("A"), net.org("B"), net.org("C")
    a1, a2, a3 = (net.member(x, o1) for x in ("a1", "a2", "a3"))
    b1, b2 = net.member("b1", o2), net.member("b2", o2)
    c1 = net.member("c1", o3)
    informal = ActivityKind.INFORMAL_MEETING
    net.activity("2024-06-30", [a2, b2], hours=0.1, kind=informal)  # weak ties A-B
    net.activity("2024-06-30", [a1, b1], hours=0.3, kind=informal)  # (the weaker first)
    net.activity("2024-06-30", [a3, c1], hours=2.0, kind=informal)  # A-C warm: no suggestion
    result = analyse(net.build(), AS_OF)
    bridges = [s for s in result.suggestions if s.type is SuggestionType.BRIDGE_ORGANISATIONS]
    assert len(bridges) == 1
    assert bridges[0].subject.row == o1
    assert bridges[0].invitees.tolist() == [a1, a2, b1, b2]
    assert result.warmth.org_ties.tolist() == [[0, 2, 1], [2, 0, 0], [1, 0, 0]]


def test_an_organisation_whose_attendance_falls_is_drifting_away() -> None:
    net = Net()
    o1, o2 = net.org("Trouw"), net.org("Weg")
    a, b = net.member("a", o1), net.member("b", o2)
    start = np.datetime64("2023-01-01")
    for week in range(78):
        day = start + 7 * week
        people = [a] if day > AS_OF - 100 else [a, b]
        net.activity(str(day), people, hours=1.0)
    result = analyse(net.build(), AS_OF)
    drift = [s for s in result.signals if s.kind is SignalKind.ORGANISATION_DRIFTING]
    assert [s.subject.row for s in drift] == [o2]
    assert drift[0].message.params["drop_pct"] == 100


def test_relationship_investment_falling_after_a_milestone_is_signalled() -> None:
    net = Net()
    o1, o2 = net.org("A"), net.org("B")
    a, b = net.member("a", o1), net.member("b", o2)
    for month in range(18):
        day = (np.datetime64("2023-01", "M") + month).astype("datetime64[D]") + 5
        net.activity(str(day), [a, b], hours=4.0)
        if month < 12:
            net.activity(str(day + 1), [a, b], hours=2.0, kind=ActivityKind.DINNER)
    net.milestone(MilestoneKind.COVENANT, "2023-12-20", title="Covenant")
    result = analyse(net.build(), AS_OF)
    drop = next(s for s in result.signals if s.kind is SignalKind.MILESTONE_DROP)
    assert drop.message.params["drop_pct"] == 100
    assert drop.message.params["month"] == "2023-12"


def test_the_whole_result_renders_and_serialises_to_json() -> None:
    net, _ = dispute(cross_hours=0.2)
    net.milestone(MilestoneKind.COVENANT, "2024-03-01")
    result = analyse(net.build(), AS_OF)
    doc = json.loads(json.dumps(result.to_dict()))
    assert doc["as_of"] == "2024-06-30"
    assert doc["timings"][0]["stage"] == "frame"
    for signal in result.signals:
        signal.message.render()
        signal.action.render()
    for suggestion in result.suggestions:
        suggestion.reason.render()


def _is_working_day(day: np.datetime64) -> bool:
    """Monday to Friday, no Dutch public holiday, outside every region's Christmas and
    summer school holidays (the oracle: the ``holidays`` package read directly)."""
    date = day.astype(object)
    if date.weekday() >= 5 or date in holidays.country_holidays("NL", years=date.year):
        return False
    for region in ("Noord", "Midden", "Zuid"):
        school = holidays.country_holidays(
            "NL", subdiv=region, years=date.year, categories=("school",)
        )
        if school.get(date) in ("Christmas Break", "Summer Break"):
            return False
    return True


def test_suggested_dates_are_working_days_before_the_deadline() -> None:
    """Every day of a year as the analysis date, deadlines near and far: the suggestion is
    after the analysis day, never after the deadline, and a working day whenever one fits."""
    base = AnalysisSettings()
    for offset in range(366):
        as_of = np.datetime64("2026-01-01") + np.timedelta64(offset, "D")
        fr = SimpleNamespace(as_of=as_of, settings=base)
        earliest = as_of + np.timedelta64(base.min_notice_days, "D")
        for ahead in (3, 10, 30, 45, 90):
            deadline = as_of + np.timedelta64(ahead, "D")
            chosen = suggest_date(fr, deadline)  # type: ignore[arg-type]
            assert as_of < chosen <= deadline, (as_of, deadline, chosen)
            room = [
                earliest + np.timedelta64(i, "D")
                for i in range(int((deadline - earliest).astype(int)))
            ]
            if any(_is_working_day(d) for d in room):
                assert _is_working_day(chosen), (as_of, deadline, chosen)
        assert _is_working_day(suggest_date(fr, np.datetime64("NaT")))  # type: ignore[arg-type]


def test_new_years_eve_moves_to_the_last_working_day_before_the_christmas_holidays() -> None:
    # the school Christmas holidays of 2026 start on Saturday 19 December
    assert working_day(np.datetime64("2026-12-31"), np.datetime64("2026-12-01")) == np.datetime64(
        "2026-12-18"
    )
    # Easter Monday and King's Day are public holidays; the summer holidays are closed
    assert working_day(np.datetime64("2026-04-06"), np.datetime64("2026-03-01")) == np.datetime64(
        "2026-04-02"
    )
    assert working_day(np.datetime64("2026-04-27"), np.datetime64("2026-03-01")) == np.datetime64(
        "2026-04-24"
    )
    assert working_day(np.datetime64("2026-08-10"), np.datetime64("2026-06-01")) == np.datetime64(
        "2026-07-03"
    )
    # a Saturday with no earlier room left: the Monday after
    assert working_day(np.datetime64("2026-11-28"), np.datetime64("2026-11-28")) == np.datetime64(
        "2026-11-30"
    )


def _suggestion(day: str, before: str) -> Suggestion:
    return Suggestion(
        SuggestionType.BRIDGE_ORGANISATIONS,
        ActivityKind.WORK_VISIT,
        np.datetime64(day, "D"),
        np.datetime64(before, "D") if before else np.datetime64("NaT", "D"),
        np.array([0, 1]),
        -1,
        Subject("network"),
        Message("suggestion.peer_consultation", {"days": 1, "invitees": 2, "last_met": "x"}),
    )


def test_eleven_suggestions_before_one_deadline_take_eleven_working_days() -> None:
    """The demo's picture: eleven suggestions ahead of a decision on 15 January, all put
    on 23 December, two days before Christmas.  Now each has a day of its own, none in
    the Christmas holidays, none on a weekend, all after the notice and before the
    deadline, in the order given, latest first."""
    as_of = np.datetime64("2026-11-25", "D")
    fr = SimpleNamespace(as_of=as_of, settings=AnalysisSettings())
    found = [_suggestion("2026-12-23", "2027-01-15") for _ in range(11)]
    spread(fr, found)  # type: ignore[arg-type]
    days = [s.date for s in found]
    assert len(set(days)) == 11
    assert all(_is_working_day(d) for d in days), days
    earliest = as_of + np.timedelta64(AnalysisSettings().min_notice_days, "D")
    assert all(earliest <= d < np.datetime64("2027-01-15") for d in days)
    assert days[0] == np.datetime64("2026-12-18")
    assert days == sorted(days, reverse=True)


def test_spreading_moves_past_the_holidays_when_there_is_no_room_before() -> None:
    """Notice reaches into the Christmas holidays: the days after them, before the
    deadline, are used; a day already taken is not taken twice."""
    as_of = np.datetime64("2026-12-14", "D")
    fr = SimpleNamespace(as_of=as_of, settings=AnalysisSettings())
    found = [_suggestion("2026-12-21", "2027-01-15") for _ in range(3)]
    spread(fr, found)  # type: ignore[arg-type]
    days = [str(s.date) for s in found]
    assert days == ["2027-01-04", "2027-01-05", "2027-01-06"]
