"""The chart's geometry, without a database."""

from __future__ import annotations

import datetime as dt

import numpy as np
import pytest

from warmnet.dashboard.charts import HOURS_BOTTOM, MAX_PERIODS, period_bounds, tracks_chart
from warmnet.engine.balance import Balance


def _balance(con: list[float], rel: list[float], first: str = "2025-01") -> Balance:
    c, r = np.array(con, float), np.array(rel, float)
    total = c + r
    with np.errstate(invalid="ignore", divide="ignore"):
        share = np.where(total > 0, r / total, np.nan)
    start = np.datetime64(first, "M").astype(np.int64)
    numbers = np.arange(start, start + len(con))
    labels = [str(np.datetime64(int(n), "M")) for n in numbers]
    return Balance("month", labels, numbers, c, r, share, np.ones(len(con), np.int64), 0.0, 0.0)


@pytest.mark.parametrize(
    ("label", "start", "end"),
    [
        ("2025-03", dt.date(2025, 3, 1), dt.date(2025, 4, 1)),
        ("2025-12", dt.date(2025, 12, 1), dt.date(2026, 1, 1)),
        ("2025-Q4", dt.date(2025, 10, 1), dt.date(2026, 1, 1)),
    ],
)
def test_a_period_label_has_its_days(label: str, start: dt.date, end: dt.date) -> None:
    assert period_bounds(label) == (start, end)


@pytest.mark.parametrize("label", ["2025-13", "2025-Q5", "x", ""])
def test_a_bad_period_label_is_refused(label: str) -> None:
    with pytest.raises(ValueError):
        period_bounds(label)


def test_bars_stack_content_below_relationship() -> None:
    chart = tracks_chart(_balance([100, 0, 50], [0, 40, 50]), (0.15, 0.5), [], [], str)
    first, empty_content, mixed = chart.bars
    assert first.rel_h == 0 and first.con_h > 0
    assert empty_content.con_h == 0 and empty_content.rel_h > 0
    assert mixed.con_y + mixed.con_h == pytest.approx(HOURS_BOTTOM)
    assert mixed.rel_y + mixed.rel_h == pytest.approx(mixed.con_y)
    assert mixed.share_pct == 50
    assert first.url == "2025-01"


def test_the_share_line_breaks_where_nothing_happened() -> None:
    chart = tracks_chart(_balance([10, 10, 0, 10, 10], [5, 5, 0, 5, 5]), (0.15, 0.5), [], [], str)
    assert len(chart.share_paths) == 2
    assert chart.bars[2].share_y is None


def test_marks_fall_on_their_day_and_outside_ones_are_dropped() -> None:
    chart = tracks_chart(
        _balance([10] * 4, [5] * 4),
        (0.15, 0.5),
        [(dt.date(2025, 2, 1), "Convenant"), (dt.date(2030, 1, 1), "Later")],
        [(dt.date(2025, 3, 16), "Ruzie")],
        str,
    )
    assert [m.label for m in chart.marks] == ["Convenant", "Ruzie"]
    step = (chart.right - chart.left) / 4
    assert chart.marks[0].x == pytest.approx(chart.left + step, abs=0.1)
    assert chart.band_h > 0


def test_a_long_history_shows_its_last_periods() -> None:
    chart = tracks_chart(_balance([1.0] * 50, [1.0] * 50, "2020-01"), (0.15, 0.5), [], [], str)
    assert len(chart.bars) == MAX_PERIODS
    assert chart.hidden_periods == 50 - MAX_PERIODS
    assert chart.bars[-1].label == "2024-02"
