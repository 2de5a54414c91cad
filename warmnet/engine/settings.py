"""The analysis's thresholds, in one place.

Every threshold the analysis uses lives in :class:`AnalysisSettings`, with a
documented default.  A network can override any of them (the Django side keeps
the overrides in a JSON field); :meth:`AnalysisSettings.from_dict` reads such a
mapping and rejects unknown names and badly typed values with a clear message.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

__all__ = ["AnalysisSettings", "SettingsError"]


class SettingsError(ValueError):
    """An override names an unknown setting or gives it a value of the wrong type."""


@dataclass(frozen=True)
class AnalysisSettings:
    """Thresholds and windows of the analysis.  See ``docs/analysis.md``."""

    # --- balance ---------------------------------------------------------------
    #: "month" or "quarter": the period the balance table is cut into.
    period: str = "month"
    #: Lowest relationship share (R / (R + C)) of a healthy period.
    band_low: float = 0.15
    #: Highest relationship share of a healthy period; above it the network mostly socialises.
    band_high: float = 0.50
    #: A break point in the share is kept when the mean share differs by at least this much
    #: (share units, 0.10 = ten percentage points) on either side of it.
    break_min_shift: float = 0.10
    #: ... and each side holds at least this many periods.
    break_min_periods: int = 3
    #: Most break points reported.
    break_max: int = 4

    # --- scenario --------------------------------------------------------------
    #: Fewer periods with activity than this: the verdict is "insufficient data".
    min_periods: int = 4
    #: Winning score below this: the verdict is "insufficient data".
    min_score: float = 0.45
    #: Length of the recent window, in months, that gets its own verdict.
    recent_months: int = 6
    #: An activity counts as relationship activity when its relationship share is at least this.
    relationship_activity_min_share: float = 0.3
    #: Longest healthy stretch without relationship activity, in weeks.
    max_gap_weeks: int = 8
    #: Months before and after a milestone compared for a drop in relationship investment.
    milestone_window_months: int = 6
    #: A fall in relationship person-hours of at least this fraction after a milestone is a drop.
    milestone_drop: float = 0.5
    #: A drop of at least this fraction is severe.
    milestone_drop_severe: float = 0.8

    # --- warmth ----------------------------------------------------------------
    #: Half-life of a shared activity's contribution to a tie, in days.
    half_life_days: float = 90.0
    #: Tie weight of a pure content activity, per hour per other attendee.
    content_tie_weight: float = 1.0
    #: Tie weight of a pure relationship activity (informal kinds weigh more).
    relationship_tie_weight: float = 2.0
    #: Hours of one-to-one time one 1:1 contact counts as (weighted as a relationship activity).
    contact_hours: float = 1.0
    #: A tie at or above this strength (effective hours) is warm.
    warm_threshold: float = 1.0
    #: A tie above zero but below the warm threshold is weak; ties below this are ignored
    #: for groups (effective hours).
    group_min_tie: float = 0.1
    #: A member with fewer warm ties than this is cold.
    cold_max_warm_ties: int = 2
    #: The network warmth index counts members with at least this many warm ties outside
    #: their own organisation.
    index_min_cross_ties: int = 2
    #: A member who joined within this many days is a newcomer.
    newcomer_days: int = 90
    #: Sources sampled for betweenness (exact below this many members).
    broker_samples: int = 512
    #: Members reported as brokers.
    broker_top: int = 10
    #: Community detection resolution (modularity, 1.0 = classic).
    group_resolution: float = 1.0
    #: Leiden passes (-1: until nothing changes; two reach within a fraction of a percent).
    group_iterations: int = 2
    #: Groups reproduce the organisations (silos) when their normalised mutual information
    #: with the organisations is at least this.
    silo_nmi: float = 0.6

    # --- fault lines -----------------------------------------------------------
    #: Cross-side warmth below this fraction of within-side warmth raises the risk to medium.
    faultline_ratio_medium: float = 0.5

    # --- signals ---------------------------------------------------------------
    #: A point open or deadlocked for this many months without a change is stuck.
    stuck_months: int = 6
    #: Months compared with the baseline when looking for organisations drifting away.
    drift_recent_months: int = 3
    #: Months of baseline before the recent window.
    drift_baseline_months: int = 9
    #: A fall in an organisation's monthly attendance of at least this fraction is drifting.
    drift_drop: float = 0.5
    #: Least monthly attendance in the baseline for an organisation to be judged at all.
    drift_min_baseline: float = 2.0
    #: At most this many signals of one per-member kind (cold member, newcomer).
    max_member_signals: int = 25

    # --- suggestions -----------------------------------------------------------
    #: A suggested activity is planned this many days ahead of the next hard deadline.
    lead_days: int = 14
    #: ... and no sooner than this many days after the analysis date.
    min_notice_days: int = 7
    #: Without a deadline ahead, suggestions fall this many days after the analysis date.
    default_horizon_days: int = 21
    #: Suggest a peer consultation when none took place in this many days.
    peer_consultation_interval_days: int = 90
    #: At most this many suggestions of each type.
    max_suggestions: int = 5
    #: Invitees per side (or per organisation) of a bridging activity.
    invitees_per_side: int = 3
    #: Months looked back for how often each organisation hosted.
    host_lookback_months: int = 24

    #: Per-kind multiplier of the tie weight, by ``ActivityKind`` name (1.0 when absent).
    kind_tie_factor: dict[str, float] = field(default_factory=dict)

    def __post_init__(self) -> None:
        if self.period not in ("month", "quarter"):
            raise SettingsError(f"period: expected 'month' or 'quarter', got {self.period!r}")
        if not 0.0 <= self.band_low <= self.band_high <= 1.0:
            raise SettingsError("band_low and band_high: need 0 <= band_low <= band_high <= 1")
        if self.half_life_days <= 0:
            raise SettingsError("half_life_days: must be positive")

    @classmethod
    def from_dict(cls, overrides: Mapping[str, Any] | None) -> AnalysisSettings:
        """Defaults with ``overrides`` applied; unknown names and wrong types raise."""
        if not overrides:
            return cls()
        fields = {f.name: f for f in dataclasses.fields(cls)}
        defaults = cls()
        values: dict[str, Any] = {}
        for name, value in overrides.items():
            if name not in fields:
                raise SettingsError(f"{name}: unknown analysis setting")
            default = getattr(defaults, name)
            values[name] = _coerce(name, value, default)
        return cls(**values)

    def to_dict(self) -> dict[str, Any]:
        return dataclasses.asdict(self)


def _coerce(name: str, value: Any, default: Any) -> Any:
    if isinstance(default, bool):
        if not isinstance(value, bool):
            raise SettingsError(f"{name}: expected true or false, got {value!r}")
        return value
    if isinstance(default, int):
        if isinstance(value, bool) or not isinstance(value, int):
            raise SettingsError(f"{name}: expected a whole number, got {value!r}")
        return value
    if isinstance(default, float):
        if isinstance(value, bool) or not isinstance(value, int | float):
            raise SettingsError(f"{name}: expected a number, got {value!r}")
        return float(value)
    if isinstance(default, str):
        if not isinstance(value, str):
            raise SettingsError(f"{name}: expected text, got {value!r}")
        return value
    if isinstance(default, dict):
        if not isinstance(value, dict) or not all(
            isinstance(k, str) and isinstance(v, int | float) for k, v in value.items()
        ):
            raise SettingsError(f"{name}: expected a mapping of names to numbers")
        return {k: float(v) for k, v in value.items()}
    return value
