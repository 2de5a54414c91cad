"""What the API returns for each kind of record, and the page around a list of them."""

import datetime as dt
from typing import Generic, TypeVar

from ninja import Field, Schema

from warmnet.api.schemas.codes import (
    ActivityKindCode,
    AttendanceStatusCode,
    ContactChannelCode,
    MilestoneKindCode,
    OrganisationKindCode,
    OutcomeCode,
    PointKindCode,
    PointStatusCode,
    RoleCode,
    StanceCode,
)

__all__ = [
    "ActivityOut",
    "AttendanceOut",
    "ContactOut",
    "DossierOut",
    "HardMomentOut",
    "MemberOut",
    "MilestoneOut",
    "NetworkOut",
    "OrganisationOut",
    "Page",
    "PointOut",
    "PositionOut",
]

T = TypeVar("T")


class Page(Schema, Generic[T]):
    """One page of a list, in a stable order; ask for the next with ``cursor=next``."""

    items: list[T]
    next: str | None = Field(
        description="Pass as `cursor` to get the next page; null on the last page."
    )


class NetworkOut(Schema):
    slug: str
    name: str
    description: str
    role: RoleCode = Field(description="Your role in the network.")
    can_write: bool = Field(description="Whether this token may change records here.")


class OrganisationOut(Schema):
    id: int
    name: str
    kind: OrganisationKindCode


class MemberOut(Schema):
    id: int
    name: str
    organisation_id: int
    role: RoleCode
    joined_on: dt.date
    left_on: dt.date | None
    email: str | None = Field(
        description="Only for those who run the network (coordinator, core team); else null."
    )


class ActivityOut(Schema):
    id: int
    title: str
    kind: ActivityKindCode
    track: str = Field(description="`relationship` or `content`, from the relationship share.")
    start: dt.datetime
    end: dt.datetime
    duration_minutes: int
    location: str
    host_organisation_id: int | None
    dossier_id: int | None
    relationship_share: float | None = Field(
        description="As recorded; null means the default of the kind."
    )
    effective_relationship_share: float
    description: str


class AttendanceOut(Schema):
    id: int
    activity_id: int
    member_id: int
    status: AttendanceStatusCode


class ContactOut(Schema):
    id: int
    member_a_id: int
    member_b_id: int
    date: dt.date
    channel: ContactChannelCode
    note: str


class DossierOut(Schema):
    id: int
    name: str
    description: str


class PointOut(Schema):
    id: int
    dossier_id: int
    title: str
    kind: PointKindCode
    status: PointStatusCode
    opened_on: dt.date
    status_since: dt.date
    description: str


class PositionOut(Schema):
    id: int
    point_id: int
    member_id: int | None = Field(description="Set when a member holds the position.")
    organisation_id: int | None = Field(description="Set when an organisation holds it.")
    stance: StanceCode
    date: dt.date
    note: str
    shared: bool = Field(
        description="A member's own position that participants and observers may see too."
    )


class MilestoneOut(Schema):
    id: int
    dossier_id: int | None
    kind: MilestoneKindCode
    title: str
    date: dt.date


class HardMomentOut(Schema):
    id: int
    title: str
    date: dt.date
    description: str = Field(
        description="Empty for participants and observers unless the hard moment is shared."
    )
    party_ids: list[int] = Field(description="The organisations involved.")
    outcome: OutcomeCode
    shared: bool = Field(description="Whether participants and observers see the description.")
