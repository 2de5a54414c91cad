"""The calendar import's limits are settings, checked at start-up."""

from __future__ import annotations

from django.test import override_settings

from warmnet.transfer.calendar.checks import check_calendar_settings


def test_the_defaults_pass_the_check() -> None:
    assert check_calendar_settings() == []


@override_settings(WARMNET_CALENDAR_MAX_EVENTS=0, WARMNET_CALENDAR_HORIZON_DAYS=-5)
def test_a_limit_below_one_is_refused_by_name() -> None:
    problems = check_calendar_settings()
    assert [p.id for p in problems] == ["warmnet.E101", "warmnet.E101"]
    assert "WARMNET_CALENDAR_MAX_EVENTS=0" in problems[0].msg
    assert "WARMNET_CALENDAR_HORIZON_DAYS=-5" in problems[1].msg
