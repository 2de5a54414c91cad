"""The engine's input: one network, as columns.

Everything the analysis reads about a network arrives here as numpy arrays, one
array per column, so that two million attendance rows cost a few arrays and no
Python object per row.  Rows that refer to other rows do so by *position*
(index into the other table), never by database id; the loader on the Django
side does that translation once, in bulk.

Times are ``datetime64[s]`` (UTC) for activity starts and ``datetime64[D]`` for
calendar dates; a missing date is ``NaT``.  A missing reference is ``-1``.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import IntEnum

import numpy as np
import numpy.typing as npt

__all__ = [
    "DEFAULT_RELATIONSHIP_SHARE",
    "ActivityKind",
    "AttendanceStatus",
    "HardMomentOutcome",
    "MemberRole",
    "MilestoneKind",
    "NetworkData",
    "OrganisationKind",
    "PointKind",
    "PointStatus",
    "Stance",
]

IntArray = npt.NDArray[np.int64]
SmallIntArray = npt.NDArray[np.int8]
FloatArray = npt.NDArray[np.float64]
SecondsArray = npt.NDArray[np.datetime64]  # datetime64[s]
DayArray = npt.NDArray[np.datetime64]  # datetime64[D]


class OrganisationKind(IntEnum):
    MUNICIPALITY = 0
    PROVINCE = 1
    WATER_BOARD = 2
    NATIONAL_GOVERNMENT = 3
    COMPANY = 4
    NGO = 5
    KNOWLEDGE_INSTITUTE = 6
    OTHER = 7


class MemberRole(IntEnum):
    COORDINATOR = 0
    CORE_TEAM = 1
    PARTICIPANT = 2
    OBSERVER = 3


class ActivityKind(IntEnum):
    # content track
    WORKING_SESSION = 0
    NEGOTIATION = 1
    STEERING_GROUP = 2
    # relationship track
    INFORMAL_MEETING = 3
    WORK_VISIT = 4
    OUTING = 5
    PEER_CONSULTATION = 6
    DINNER = 7
    # both at once (a working session with a personal round, a walk-and-talk)
    MIXED = 8


#: The relationship share an activity of each kind has unless it says otherwise.
DEFAULT_RELATIONSHIP_SHARE: dict[ActivityKind, float] = {
    ActivityKind.WORKING_SESSION: 0.0,
    ActivityKind.NEGOTIATION: 0.0,
    ActivityKind.STEERING_GROUP: 0.0,
    ActivityKind.INFORMAL_MEETING: 1.0,
    ActivityKind.WORK_VISIT: 1.0,
    ActivityKind.OUTING: 1.0,
    ActivityKind.PEER_CONSULTATION: 1.0,
    ActivityKind.DINNER: 1.0,
    ActivityKind.MIXED: 0.3,
}


class AttendanceStatus(IntEnum):
    INVITED = 0
    ACCEPTED = 1
    DECLINED = 2
    ATTENDED = 3


class PointKind(IntEnum):
    DISPUTE = 0
    AGREEMENT = 1


class PointStatus(IntEnum):
    OPEN = 0
    CONVERGING = 1
    AGREED = 2
    DEADLOCKED = 3


class Stance(IntEnum):
    AGAINST = -1
    NEUTRAL = 0
    FOR = 1


class MilestoneKind(IntEnum):
    SHARED_VISION = 0
    LETTER_OF_INTENT = 1
    COVENANT = 2
    DECISION = 3


class HardMomentOutcome(IntEnum):
    UNKNOWN = -1
    HELD_TOGETHER = 0
    DAMAGED = 1
    BROKE_APART = 2


def _empty(dtype: str) -> np.ndarray:
    return np.empty(0, dtype=dtype)


@dataclass
class NetworkData:
    """One network's history, columnar.  Build it with keyword arguments;
    columns left out are empty tables."""

    # organisations (o rows)
    org_id: IntArray = field(default_factory=lambda: _empty("int64"))
    org_kind: SmallIntArray = field(default_factory=lambda: _empty("int8"))
    org_name: list[str] = field(default_factory=list)

    # members (m rows)
    member_id: IntArray = field(default_factory=lambda: _empty("int64"))
    member_org: IntArray = field(default_factory=lambda: _empty("int64"))  # -> org row
    member_role: SmallIntArray = field(default_factory=lambda: _empty("int8"))
    member_joined: DayArray = field(default_factory=lambda: _empty("datetime64[D]"))
    member_left: DayArray = field(default_factory=lambda: _empty("datetime64[D]"))  # NaT: still in
    member_name: list[str] = field(default_factory=list)

    # activities (a rows)
    activity_id: IntArray = field(default_factory=lambda: _empty("int64"))
    activity_kind: SmallIntArray = field(default_factory=lambda: _empty("int8"))
    activity_share: FloatArray = field(default_factory=lambda: _empty("float64"))  # rho in [0, 1]
    activity_start: SecondsArray = field(default_factory=lambda: _empty("datetime64[s]"))
    activity_hours: FloatArray = field(default_factory=lambda: _empty("float64"))
    activity_host_org: IntArray = field(default_factory=lambda: _empty("int64"))  # -> org row / -1
    activity_dossier: IntArray = field(
        default_factory=lambda: _empty("int64")
    )  # -> dossier row / -1
    activity_title: list[str] = field(default_factory=list)

    # attendance (one row per member per activity)
    attendance_member: IntArray = field(default_factory=lambda: _empty("int64"))  # -> member row
    attendance_activity: IntArray = field(
        default_factory=lambda: _empty("int64")
    )  # -> activity row
    attendance_status: SmallIntArray = field(default_factory=lambda: _empty("int8"))

    # 1:1 contacts
    contact_a: IntArray = field(default_factory=lambda: _empty("int64"))  # -> member row
    contact_b: IntArray = field(default_factory=lambda: _empty("int64"))  # -> member row
    contact_date: DayArray = field(default_factory=lambda: _empty("datetime64[D]"))

    # dossiers (d rows)
    dossier_id: IntArray = field(default_factory=lambda: _empty("int64"))
    dossier_name: list[str] = field(default_factory=list)

    # points of dispute / agreement (p rows)
    point_id: IntArray = field(default_factory=lambda: _empty("int64"))
    point_dossier: IntArray = field(default_factory=lambda: _empty("int64"))  # -> dossier row
    point_kind: SmallIntArray = field(default_factory=lambda: _empty("int8"))
    point_status: SmallIntArray = field(default_factory=lambda: _empty("int8"))
    point_opened: DayArray = field(default_factory=lambda: _empty("datetime64[D]"))
    point_status_since: DayArray = field(default_factory=lambda: _empty("datetime64[D]"))
    point_title: list[str] = field(default_factory=list)
    #: Optional: a date a point must be settled by (NaT: none).  Left empty, no point
    #: has a deadline.  Suggestions are planned ahead of it.
    point_deadline: DayArray = field(default_factory=lambda: _empty("datetime64[D]"))

    # positions: a member (or, when member is -1, an organisation) on a point, dated
    position_point: IntArray = field(default_factory=lambda: _empty("int64"))  # -> point row
    position_member: IntArray = field(default_factory=lambda: _empty("int64"))  # -> member row / -1
    position_org: IntArray = field(default_factory=lambda: _empty("int64"))  # -> org row / -1
    position_stance: SmallIntArray = field(default_factory=lambda: _empty("int8"))
    position_date: DayArray = field(default_factory=lambda: _empty("datetime64[D]"))

    # milestones
    milestone_id: IntArray = field(default_factory=lambda: _empty("int64"))
    milestone_kind: SmallIntArray = field(default_factory=lambda: _empty("int8"))
    milestone_date: DayArray = field(default_factory=lambda: _empty("datetime64[D]"))
    milestone_dossier: IntArray = field(
        default_factory=lambda: _empty("int64")
    )  # -> dossier row / -1
    milestone_title: list[str] = field(default_factory=list)

    # hard moments
    hard_moment_id: IntArray = field(default_factory=lambda: _empty("int64"))
    hard_moment_date: DayArray = field(default_factory=lambda: _empty("datetime64[D]"))
    hard_moment_outcome: SmallIntArray = field(default_factory=lambda: _empty("int8"))
    hard_moment_title: list[str] = field(default_factory=list)
    #: The parties involved in each hard moment, as (moment row, organisation row) pairs;
    #: a moment without parties is about the whole network.
    hard_moment_party_moment: IntArray = field(default_factory=lambda: _empty("int64"))
    hard_moment_party_org: IntArray = field(default_factory=lambda: _empty("int64"))

    # status history of points: one row per change, dated (optional; without it a point
    # has its one recorded status from ``point_status_since``)
    status_change_point: IntArray = field(default_factory=lambda: _empty("int64"))  # -> point
    status_change_status: SmallIntArray = field(default_factory=lambda: _empty("int8"))
    status_change_date: DayArray = field(default_factory=lambda: _empty("datetime64[D]"))

    @property
    def n_members(self) -> int:
        return int(self.member_id.shape[0])

    @property
    def n_orgs(self) -> int:
        return int(self.org_id.shape[0])

    @property
    def n_activities(self) -> int:
        return int(self.activity_id.shape[0])
