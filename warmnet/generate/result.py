"""What the generator hands back: the engine's columns plus what only the database needs."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

import numpy as np
import numpy.typing as npt

from warmnet.engine.data import NetworkData

__all__ = ["SCENARIOS", "GeneratedNetwork"]

#: The three stories of the source text, as the generator and the command name them.
SCENARIOS = ("content-first", "kickoff-then-content", "together")


@dataclass
class GeneratedNetwork:
    """One synthetic network: ``data`` (ids 1..n, rows refer to rows by position) and the
    columns the database needs that the engine does not read."""

    data: NetworkData
    seed: int
    scenario: str
    name: str
    description: str
    start: date
    #: The story's "today": the history runs up to here; later rows are planned.
    end: date

    # organisations
    org_location: list[str] = field(default_factory=list)

    # members
    member_email: list[str] = field(default_factory=list)

    # activities
    activity_minutes: npt.NDArray[np.int64] = field(default_factory=lambda: np.empty(0, "int64"))
    #: Explicit relationship share, NaN where the kind's default applies.
    activity_share_override: npt.NDArray[np.float64] = field(
        default_factory=lambda: np.empty(0, "float64")
    )
    activity_location: list[str] = field(default_factory=list)

    # contacts
    contact_channel: npt.NDArray[np.int8] = field(default_factory=lambda: np.empty(0, "int8"))
    contact_note: list[str] = field(default_factory=list)

    # dossiers, points, positions
    dossier_description: list[str] = field(default_factory=list)
    point_description: list[str] = field(default_factory=list)
    position_note: list[str] = field(default_factory=list)

    # hard moments and the organisations involved (pairs: hard-moment row, org row)
    hard_moment_description: list[str] = field(default_factory=list)
    hard_moment_party_moment: npt.NDArray[np.int64] = field(
        default_factory=lambda: np.empty(0, "int64")
    )
    hard_moment_party_org: npt.NDArray[np.int64] = field(
        default_factory=lambda: np.empty(0, "int64")
    )

    def counts(self) -> dict[str, int]:
        """Rows per table, as the writer will store them."""
        d = self.data
        return {
            "organisations": d.n_orgs,
            "members": d.n_members,
            "activities": d.n_activities,
            "attendance": int(d.attendance_member.size),
            "contacts": int(d.contact_a.size),
            "dossiers": int(d.dossier_id.size),
            "points": int(d.point_id.size),
            "positions": int(d.position_point.size),
            "milestones": int(d.milestone_id.size),
            "hard_moments": int(d.hard_moment_id.size),
        }
