"""The dashboard's trend figures of an earlier day: equal to the whole analysis's, and
fingerprinted by exactly what they are computed from, so a write after that day lets
them be reused and a write on or before it does not."""

from __future__ import annotations

import dataclasses
import functools

import numpy as np
import pytest

from warmnet.engine import AnalysisSettings, NetworkData, analyse
from warmnet.engine.data import AttendanceStatus
from warmnet.engine.frame import frame
from warmnet.engine.ties import relational_matrix, tie_matrices
from warmnet.engine.trend import inputs_digest, trend_figures
from warmnet.generate.synth import generate_network

SETTINGS = AnalysisSettings()


@functools.cache
def _story(scenario: str) -> tuple[NetworkData, np.datetime64]:
    generated = generate_network(seed=5, size="demo", scenario=scenario)
    return generated.data, np.datetime64(generated.end, "D")


def _digest(data: NetworkData, day: np.datetime64, settings_digest: str = "s") -> str:
    return inputs_digest(frame(data, day, SETTINGS), settings_digest)


@pytest.mark.parametrize("scenario", ["together", "kickoff-then-content"])
@pytest.mark.parametrize("months_back", [0, 3, 6, 12])
def test_the_figures_are_the_whole_analysis_figures(scenario: str, months_back: int) -> None:
    data, end = _story(scenario)
    day = end - np.timedelta64(30 * months_back, "D")
    whole = analyse(data, day, SETTINGS).warmth
    figures = trend_figures(frame(data, day, SETTINGS))
    assert figures.index == whole.index
    assert figures.active_members == whole.active_members
    assert whole.active_members > 0
    fr = frame(data, day, SETTINGS)
    alone, both = relational_matrix(fr), tie_matrices(fr).relational
    for part in ("data", "indices", "indptr"):  # the same matrix, entry for entry
        assert np.array_equal(getattr(alone, part), getattr(both, part))


def _with_attendance(data: NetworkData, status: np.ndarray) -> NetworkData:
    return dataclasses.replace(data, attendance_status=status)


def test_a_change_after_the_day_leaves_the_digest_and_one_before_it_does_not() -> None:
    data, end = _story("together")
    day = end - np.timedelta64(182, "D")
    before = _digest(data, day)
    assert _digest(data, day) == before  # the same inputs, the same digest

    started = data.activity_start[data.attendance_activity].astype("datetime64[D]")
    later = np.flatnonzero(started > day + np.timedelta64(2, "D"))
    earlier = np.flatnonzero(
        (started < day - np.timedelta64(2, "D"))
        & (data.attendance_status == AttendanceStatus.ATTENDED)
    )
    assert later.size and earlier.size

    status = data.attendance_status.copy()
    status[later[0]] = AttendanceStatus.DECLINED  # someone did not come, after the day
    assert _digest(_with_attendance(data, status), day) == before

    status = data.attendance_status.copy()
    status[earlier[0]] = AttendanceStatus.DECLINED  # ... and before it
    changed = _with_attendance(data, status)
    assert _digest(changed, day) != before
    # and the figures computed from it may differ: they are computed again, not reused
    assert trend_figures(frame(changed, day, SETTINGS)).active_members > 0


def test_the_digest_does_not_depend_on_the_order_the_database_returned_the_rows() -> None:
    data, end = _story("together")
    day = end - np.timedelta64(91, "D")
    order = np.random.default_rng(1).permutation(data.attendance_member.size)
    shuffled = dataclasses.replace(
        data,
        attendance_member=data.attendance_member[order],
        attendance_activity=data.attendance_activity[order],
        attendance_status=data.attendance_status[order],
    )
    assert _digest(shuffled, day) == _digest(data, day)
    assert trend_figures(frame(shuffled, day, SETTINGS)) == trend_figures(
        frame(data, day, SETTINGS)
    )


def test_a_member_who_joins_later_leaves_the_digest_one_there_that_day_does_not() -> None:
    data, end = _story("together")
    day = end - np.timedelta64(182, "D")
    active = frame(data, day, SETTINGS).member_active
    joined = data.member_joined.copy()
    newcomer = int(np.flatnonzero(active & (data.member_org >= 0))[0])
    joined[newcomer] = day + np.timedelta64(30, "D")  # now they join a month after the day
    base = dataclasses.replace(data, member_joined=joined)
    assert _digest(base, day) != _digest(data, day)  # one member fewer that day
    before = _digest(base, day)

    org = base.member_org.copy()
    org[newcomer] = (org[newcomer] + 1) % base.n_orgs  # the later member moves
    assert _digest(dataclasses.replace(base, member_org=org), day) == before

    org = base.member_org.copy()
    there = int(np.flatnonzero(active & (base.member_org >= 0))[1])
    org[there] = (org[there] + 1) % base.n_orgs  # a member there that day moves
    assert _digest(dataclasses.replace(base, member_org=org), day) != before


def test_other_settings_make_another_digest() -> None:
    data, end = _story("together")
    day = end - np.timedelta64(91, "D")
    assert _digest(data, day, "a") != _digest(data, day, "b")
    assert _digest(data, day) != _digest(data, day - np.timedelta64(1, "D"))
