"""Query parameters of the list endpoints: the page, the dates, the filters."""

from ninja import Field, Schema

from warmnet.api.pagination import DEFAULT_LIMIT, MAX_LIMIT
from warmnet.api.schemas.codes import ActivityKindCode, AttendanceStatusCode
from warmnet.api.schemas.ids import Day, Id

__all__ = [
    "ActivityParams",
    "AttendanceParams",
    "ContactParams",
    "Day",
    "HardMomentParams",
    "ListParams",
    "MemberParams",
    "MilestoneParams",
    "PointParams",
    "PositionParams",
]


class ListParams(Schema):
    cursor: str | None = Field(
        None, max_length=500, description="The `next` of the previous page; empty for the first."
    )
    limit: int = Field(
        DEFAULT_LIMIT, ge=1, le=MAX_LIMIT, description=f"Rows per page, at most {MAX_LIMIT}."
    )


class DatedParams(ListParams):
    since: Day | None = Field(None, description="From this day on (inclusive).")
    until: Day | None = Field(None, description="Up to and including this day.")


class MemberParams(ListParams):
    organisation_id: Id | None = None
    active_on: Day | None = Field(None, description="Only members in the network on this day.")


class ActivityParams(DatedParams):
    kind: ActivityKindCode | None = None
    dossier_id: Id | None = None


class AttendanceParams(DatedParams):
    """``since`` and ``until`` are about the activity's start."""

    activity_id: Id | None = None
    member_id: Id | None = None
    status: AttendanceStatusCode | None = None


class ContactParams(DatedParams):
    member_id: Id | None = Field(None, description="Contacts with this member on either side.")


class PointParams(DatedParams):
    """``since`` and ``until`` are about the day the point was opened."""

    dossier_id: Id | None = None


class PositionParams(DatedParams):
    point_id: Id | None = None


class MilestoneParams(DatedParams):
    dossier_id: Id | None = None


class HardMomentParams(DatedParams):
    pass
