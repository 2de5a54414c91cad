"""The network as it stood on one date: what every family of measures starts from.

:func:`frame` cuts a :class:`~warmnet.engine.data.NetworkData` at ``as_of``:
activities after that day, contacts after it and members who had not joined or
had already left are out, and each activity's attendees are settled once
(attended, or accepted when the activity has no attended rows at all).

Days are local days in ``settings.time_zone`` (see :mod:`warmnet.engine.calendar`).
Ties age on the network's own clock: from the last day anything happened (an
activity or a contact) on or before ``as_of``, so that moving the analysis date
forward while nothing happens changes no tie, group or label.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import numpy.typing as npt

from warmnet.engine.calendar import local_days
from warmnet.engine.data import AttendanceStatus, NetworkData
from warmnet.engine.settings import AnalysisSettings

__all__ = [
    "Frame",
    "default_as_of",
    "frame",
    "member_label",
    "month_index",
    "month_label",
    "org_label",
    "title",
    "to_day",
]

BoolArray = npt.NDArray[np.bool_]
IntArray = npt.NDArray[np.int64]
FloatArray = npt.NDArray[np.float64]


@dataclass
class Frame:
    """The network as of one day, with the per-activity figures every measure needs."""

    data: NetworkData
    settings: AnalysisSettings
    #: The analysis date (``datetime64[D]``); everything after it is ignored.
    as_of: np.datetime64
    #: Members in the network on ``as_of`` (joined on or before it, not yet left).
    member_active: BoolArray
    #: Activities that started on or before ``as_of``.
    activity_in: BoolArray
    #: Local day each activity started on (in ``settings.time_zone``).
    activity_day: npt.NDArray[np.datetime64]
    #: The network's clock: the last day on or before ``as_of`` anything happened (an
    #: activity or a 1:1 contact); ``as_of`` when nothing did.  Ties age from here.
    clock: np.datetime64
    #: Age of each activity on the network's clock, in whole days (0 for that day).
    activity_age_days: FloatArray
    #: Effective attendance rows: member and activity row of each attendee.
    att_member: IntArray
    att_activity: IntArray
    #: Attendees per activity (0 for activities after ``as_of``).
    n_attendees: IntArray
    #: Person-hours per activity: duration x attendees (hours).
    person_hours: FloatArray
    #: Relationship share per activity, clipped to [0, 1].
    share: FloatArray
    #: Relationship share that counts as relationship work: the share, but 0 for an
    #: activity with fewer than two attendees (one person alone builds no relationship).
    rel_share: FloatArray
    #: Relationship activities: on or before ``as_of``, share at least
    #: ``relationship_activity_min_share`` and two attendees or more.
    rel_activity: BoolArray
    #: Month of each activity, as months since 1970-01.
    activity_month: IntArray
    #: Contacts on or before ``as_of``.
    contact_in: BoolArray

    @property
    def as_of_month(self) -> int:
        return month_index(self.as_of)


def to_day(value: np.datetime64 | str | None) -> np.datetime64:
    return np.datetime64(np.asarray(value, dtype="datetime64[D]").item(), "D")


def month_index(day: np.datetime64) -> int:
    return int(to_day(day).astype("datetime64[M]").astype(np.int64))


def month_label(month: int) -> str:
    return str(np.datetime64(int(month), "M"))


def default_as_of(data: NetworkData, time_zone: str = "Europe/Amsterdam") -> np.datetime64:
    """The last (local) day anything was recorded on (activities, contacts).  The engine
    has no clock of its own: this is its default when it is called without a date (tests,
    benchmarks); the product always passes one (see ``warmnet.insights.asof``)."""
    candidates = []
    if data.activity_start.size:
        candidates.append(local_days(data.activity_start, time_zone).max())
    if data.contact_date.size:
        candidates.append(data.contact_date.astype("datetime64[D]").max())
    days = [c for c in candidates if not np.isnat(c)]
    if not days:
        return np.datetime64("1970-01-01", "D")
    return np.datetime64(max(days), "D")


def frame(data: NetworkData, as_of: np.datetime64 | None, settings: AnalysisSettings) -> Frame:
    as_of_day = default_as_of(data, settings.time_zone) if as_of is None else to_day(as_of)

    joined = data.member_joined.astype("datetime64[D]")
    left = data.member_left.astype("datetime64[D]")
    # a member on the day they leave still counts (warmnet.network.models.members_on)
    member_active = (np.isnat(joined) | (joined <= as_of_day)) & (
        np.isnat(left) | (left >= as_of_day)
    )

    activity_day = local_days(data.activity_start, settings.time_zone)
    activity_in = ~np.isnat(activity_day) & (activity_day <= as_of_day)
    contact_day = data.contact_date.astype("datetime64[D]")
    contact_in = ~np.isnat(contact_day) & (contact_day <= as_of_day)
    happened = [activity_day[activity_in], contact_day[contact_in]]
    last_days = [np.datetime64(h.max(), "D") for h in happened if h.size]
    clock: np.datetime64 = max(last_days) if last_days else as_of_day
    age = (clock - activity_day).astype("timedelta64[D]").astype(np.float64)
    age = np.where(activity_in, age, 0.0)

    n_act = data.n_activities
    status = data.attendance_status
    act = data.attendance_activity
    row_in = activity_in[act] if act.size else np.zeros(0, dtype=bool)
    attended = status == AttendanceStatus.ATTENDED
    has_attended = np.bincount(act[attended], minlength=n_act) > 0
    effective = row_in & (attended | ((status == AttendanceStatus.ACCEPTED) & ~has_attended[act]))
    att_member = data.attendance_member[effective].astype(np.int64, copy=False)
    att_activity = act[effective].astype(np.int64, copy=False)
    n_attendees = np.bincount(att_activity, minlength=n_act).astype(np.int64)

    hours = np.nan_to_num(data.activity_hours.astype(np.float64), nan=0.0).clip(min=0.0)
    person_hours = hours * n_attendees.astype(np.float64)
    share = np.nan_to_num(data.activity_share.astype(np.float64), nan=0.0).clip(0.0, 1.0)
    rel_share = np.where(n_attendees >= 2, share, 0.0)
    rel_activity = (
        activity_in & (n_attendees >= 2) & (share >= settings.relationship_activity_min_share)
    )
    activity_month = activity_day.astype("datetime64[M]").astype(np.int64)

    return Frame(
        data=data,
        settings=settings,
        as_of=as_of_day,
        member_active=member_active,
        activity_in=activity_in,
        activity_day=activity_day,
        clock=clock,
        activity_age_days=age,
        att_member=att_member,
        att_activity=att_activity,
        n_attendees=n_attendees,
        person_hours=person_hours,
        share=share,
        rel_share=rel_share,
        rel_activity=rel_activity,
        activity_month=activity_month,
        contact_in=contact_in,
    )


def member_label(data: NetworkData, row: int) -> str:
    """A member's name for a message (their id when the name is not loaded)."""
    if 0 <= row < len(data.member_name) and data.member_name[row]:
        return data.member_name[row]
    return f"member {int(data.member_id[row])}" if 0 <= row < data.n_members else "?"


def org_label(data: NetworkData, row: int) -> str:
    if 0 <= row < len(data.org_name) and data.org_name[row]:
        return data.org_name[row]
    return f"organisation {int(data.org_id[row])}" if 0 <= row < data.n_orgs else "-"


def title(names: list[str], ids: npt.NDArray[np.int64], row: int, noun: str) -> str:
    if 0 <= row < len(names) and names[row]:
        return names[row]
    return f"{noun} {int(ids[row])}" if 0 <= row < ids.size else noun
