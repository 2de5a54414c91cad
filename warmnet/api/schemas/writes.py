"""What the API accepts for writes.

These schemas check types only and refuse unknown fields; the rules (a title once
per day, the end after the start, people of this network) are the forms' own, so a
write through the API is validated exactly as the same write on a page.
"""

from typing import Self

from ninja import Field, Schema
from pydantic import ConfigDict, model_validator

from warmnet.api.schemas.codes import (
    ActivityKindCode,
    AttendanceStatusCode,
    ContactChannelCode,
)
from warmnet.api.schemas.ids import Day, Id, Moment

__all__ = [
    "MAX_BULK",
    "ActivityIn",
    "ActivityPatch",
    "AttendanceBulkIn",
    "AttendanceIn",
    "AttendanceItem",
    "ContactIn",
    "ContactPatch",
]

#: At most this many attendance rows in one request (the attendance grid's own bound).
MAX_BULK = 800

Share = float


class _Strict(Schema):
    model_config = ConfigDict(extra="forbid")


class _ActivityFields(_Strict):
    def _check_end(self) -> None:
        if self.end is not None and self.duration_minutes is not None:  # type: ignore[attr-defined]
            raise ValueError("Give either end or duration_minutes, not both.")


class ActivityIn(_ActivityFields):
    title: str = Field(max_length=200)
    kind: ActivityKindCode
    start: Moment = Field(description="With its UTC offset, e.g. 2025-03-14T15:00:00+01:00.")
    end: Moment | None = Field(None, description="Give `end` or `duration_minutes`.")
    duration_minutes: int | None = Field(None, ge=1, le=60 * 24 * 14)
    location: str = Field("", max_length=200)
    host_organisation_id: Id | None = None
    dossier_id: Id | None = None
    relationship_share: Share | None = Field(
        None,
        ge=0.0,
        le=1.0,
        description="0 (all content) to 1 (all relationship); null: the kind's default.",
    )
    description: str = ""

    @model_validator(mode="after")
    def _end_or_duration(self) -> Self:
        self._check_end()
        if self.end is None and self.duration_minutes is None:
            raise ValueError("Give end or duration_minutes.")
        return self


class ActivityPatch(_ActivityFields):
    """Only the fields given change."""

    title: str | None = Field(None, max_length=200)
    kind: ActivityKindCode | None = None
    start: Moment | None = None
    end: Moment | None = None
    duration_minutes: int | None = Field(None, ge=1, le=60 * 24 * 14)
    location: str | None = Field(None, max_length=200)
    host_organisation_id: Id | None = None
    dossier_id: Id | None = None
    relationship_share: Share | None = Field(None, ge=0.0, le=1.0)
    description: str | None = None

    @model_validator(mode="after")
    def _end_or_duration(self) -> Self:
        self._check_end()
        return self


class AttendanceIn(_Strict):
    status: AttendanceStatusCode


class AttendanceItem(_Strict):
    activity_id: Id
    member_id: Id
    status: AttendanceStatusCode | None = Field(description="null removes the row.")


class AttendanceBulkIn(_Strict):
    items: list[AttendanceItem] = Field(min_length=1, max_length=MAX_BULK)


class ContactIn(_Strict):
    member_a_id: Id
    member_b_id: Id
    date: Day
    channel: ContactChannelCode = ContactChannelCode.in_person
    note: str = ""


class ContactPatch(_Strict):
    """Only the fields given change."""

    member_a_id: Id | None = None
    member_b_id: Id | None = None
    date: Day | None = None
    channel: ContactChannelCode | None = None
    note: str | None = None
