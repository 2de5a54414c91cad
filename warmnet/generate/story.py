"""The plot of each scenario: when the milestones fall and how much relationship the network
invests month by month.

The target is the relationship share of person-hours, R / (R + C), per month; the
analysis's default healthy band is 15-50% (``warmnet.engine.settings``).

* content first: 2-6% throughout - the band is never reached;
* kick-off then content: well above 40% in the first months (a kick-off, a dinner, an
  outing), then 3-7% while content is pushed, and next to nothing after the letter of
  intent and the covenant;
* together: 28-40% every month, a share of it in mixed activities, before and after
  every milestone.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import numpy.typing as npt

from warmnet.engine.data import HardMomentOutcome

__all__ = ["Plot", "plot", "relationship_target"]

FloatArray = npt.NDArray[np.float64]


@dataclass(frozen=True)
class Plot:
    scenario: str
    start: np.datetime64  # datetime64[D]
    end: np.datetime64
    kickoff_months: int
    shared_vision: np.datetime64
    letter_of_intent: np.datetime64
    covenant: np.datetime64
    decision: np.datetime64
    hard_moment: np.datetime64
    planned_decision: np.datetime64  # after the end: the next hard content milestone
    outcome: int
    #: Share of activities that are mixed (content with a personal round).
    mixed_share: float


def plot(scenario: str, start: np.datetime64, end: np.datetime64, rng: np.random.Generator) -> Plot:
    days = int((end - start).astype(np.int64))

    def at(fraction: float, jitter: float = 0.03) -> np.datetime64:
        f = fraction + rng.uniform(-jitter, jitter)
        return start + round(f * days)

    months = days / 30.44
    if scenario == "together":
        outcome = HardMomentOutcome.HELD_TOGETHER
    elif scenario == "kickoff-then-content":
        outcome = HardMomentOutcome.BROKE_APART if rng.random() < 0.6 else HardMomentOutcome.DAMAGED
    else:
        outcome = HardMomentOutcome.DAMAGED if rng.random() < 0.6 else HardMomentOutcome.BROKE_APART
    return Plot(
        scenario=scenario,
        start=start,
        end=end,
        kickoff_months=int(np.clip(round(0.12 * months), 2, 6)),
        shared_vision=at(0.22),
        letter_of_intent=at(0.42),
        covenant=at(0.60),
        decision=at(0.70),
        hard_moment=at(0.80),
        planned_decision=end + int(rng.integers(30, 60)),
        outcome=int(outcome),
        mixed_share={"together": 0.16, "kickoff-then-content": 0.03}.get(scenario, 0.02),
    )


def relationship_target(
    p: Plot, days: npt.NDArray[np.datetime64], rng: np.random.Generator
) -> FloatArray:
    """Target relationship share of person-hours on each of ``days`` (month-level noise)."""
    month = (days.astype("datetime64[M]") - p.start.astype("datetime64[M]")).astype(np.int64)
    n_months = int(month.max()) + 1 if month.size else 1
    wobble = rng.normal(0.0, 1.0, size=n_months)[np.clip(month, 0, n_months - 1)]
    if p.scenario == "content-first":
        # nothing social to open with; later the odd coffee or peer consultation
        return np.where(month < p.kickoff_months, 0.0, np.clip(0.04 + 0.012 * wobble, 0.01, 0.07))
    if p.scenario == "together":
        return np.clip(0.34 + 0.03 * wobble, 0.27, 0.41)
    # kick-off then content
    kickoff = (days - p.start).astype(np.int64) < round(30.44 * p.kickoff_months)
    target = np.where(kickoff, 0.55, 0.05)
    target = np.where(days >= p.letter_of_intent, 0.025, target)
    target = np.where(days >= p.covenant, 0.008, target)
    noise = np.where(kickoff, 0.05, 0.01) * wobble
    return np.clip(target + noise, 0.0, 0.7)
