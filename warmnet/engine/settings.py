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


#: Settings of the first pass that no longer exist; an override of one is ignored (not
#: refused), so a network that set one keeps working.  See docs/analysis.md.
RETIRED = frozenset(
    {"content_tie_weight", "relationship_tie_weight", "group_iterations", "silo_nmi"}
)


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
    #: ... and each side holds at least this many periods with enough volume ...
    break_min_periods: int = 3
    #: ... and the difference is significant: Welch's t of the two sides' volume-weighted
    #: shares at least this (about 3: one chance in several hundred of noise).
    break_min_t: float = 3.0
    #: Most break points reported.
    break_max: int = 4

    #: A period counts (for the verdict, its fractions and break points) when its
    #: person-hours are at least this fraction of the median period with activity.
    period_min_volume: float = 0.25
    #: Each period is judged on the share of the last this many periods pooled
    #: (relationship person-hours over all person-hours), so that a programme that meets
    #: every six weeks is not "below" in the months between.
    smooth_periods: int = 3
    #: A period weighs its own person-hours in the verdict, capped at this many times the
    #: median period (one huge month does not outvote the rest).
    period_weight_cap: float = 2.0
    #: The network's calendar: every day, month and gap is counted in this time zone.
    time_zone: str = "Europe/Amsterdam"
    #: When the records end more than this many days before the day asked for, the pages
    #: say so and offer the last recorded day (see docs/analysis.md, "as of").
    stale_records_days: int = 90

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
    #: A drop is judged only when at least this many relationship activities (two or more
    #: attendees) fell in the window before the milestone.
    milestone_min_baseline: int = 3

    # --- warmth ----------------------------------------------------------------
    #: Half-life of a shared activity's contribution to a tie, in days.
    half_life_days: float = 90.0
    #: Hours of one-to-one relationship time one 1:1 contact counts as.
    contact_hours: float = 1.0
    #: A relational tie at or above this strength (effective hours) is warm.
    warm_threshold: float = 0.5
    #: Ties (relational plus working familiarity) below this are left out of the groups
    #: (effective hours, aged on the network's own clock like every tie).
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
    #: Leiden runs to convergence this many times from seeds drawn from ``group_seed``;
    #: the grouping with the highest modularity is kept.
    group_restarts: int = 5
    #: Seed of those restarts: a constant, so groups are a property of the data alone.
    group_seed: int = 20240601
    #: Work budget of the restarts, in edges x runs: a graph of more than this many edges
    #: over ``group_restarts`` gets fewer restarts (at least one), so a 10,000-member
    #: network stays within its time; small networks, where a single run can miss the
    #: optimum, get all of them.
    group_restart_edges: int = 400_000
    #: Leiden runs to convergence on a graph of at most this many edges; a larger graph
    #: (a 10,000-member network) gets ``group_passes`` passes a run instead: there the
    #: passes after the fourth change the modularity by less than 0.0001 and the grouping
    #: less than two converged runs from different seeds differ, at over twice the time.
    group_converge_edges: int = 200_000
    #: Leiden passes a run on a graph of more than ``group_converge_edges`` edges.
    group_passes: int = 4
    #: Groups reproduce the organisations (silos) when their adjusted mutual information
    #: with the organisations (chance-corrected: about 0 for chance, 1 identical) is at
    #: least this.
    silo_ami: float = 0.5

    # --- fault lines -----------------------------------------------------------
    #: Cross-side warmth below this fraction of within-side warmth raises the risk to medium.
    faultline_ratio_medium: float = 0.5

    # --- hard moments ----------------------------------------------------------
    #: Months before a hard moment whose relational ties are judged against its outcome.
    hard_moment_window_months: int = 6
    #: A damaging hard moment this many months back or less raises the risk of the
    #: disputes between its parties.
    hard_moment_recent_months: int = 12
    #: A decision, covenant or point deadline this many days ahead is a hard content
    #: moment coming.
    hard_moment_lookahead_days: int = 60

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
        if self.group_restarts < 1:
            raise SettingsError("group_restarts: must be at least 1")
        if self.group_passes < 1:
            raise SettingsError("group_passes: must be at least 1")
        if self.smooth_periods < 1:
            raise SettingsError("smooth_periods: must be at least 1")
        try:
            from zoneinfo import ZoneInfo

            ZoneInfo(self.time_zone)
        except Exception:
            raise SettingsError(f"time_zone: unknown time zone {self.time_zone!r}") from None

    @classmethod
    def from_dict(cls, overrides: Mapping[str, Any] | None) -> AnalysisSettings:
        """Defaults with ``overrides`` applied; unknown names and wrong types raise."""
        if not overrides:
            return cls()
        fields = {f.name: f for f in dataclasses.fields(cls)}
        defaults = cls()
        values: dict[str, Any] = {}
        for name, value in overrides.items():
            if name in RETIRED:
                continue
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
