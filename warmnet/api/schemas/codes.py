"""The API names choices by lower-case codes (``working_session``, ``attended``), the same
codes the analysis JSON uses, never by the numbers stored in the database.

Each enum here mirrors one of the models' ``IntegerChoices``; a test checks they agree.
"""

from __future__ import annotations

from enum import Enum, StrEnum
from typing import TypeVar

from django.db.models import IntegerChoices

__all__ = [
    "ActivityKindCode",
    "AttendanceStatusCode",
    "ContactChannelCode",
    "MilestoneKindCode",
    "OrganisationKindCode",
    "OutcomeCode",
    "PointKindCode",
    "PointStatusCode",
    "RoleCode",
    "StanceCode",
    "code_of",
    "value_of",
]

E = TypeVar("E", bound=Enum)


class OrganisationKindCode(StrEnum):
    municipality = "municipality"
    province = "province"
    water_board = "water_board"
    national_government = "national_government"
    company = "company"
    ngo = "ngo"
    knowledge_institute = "knowledge_institute"
    other = "other"


class RoleCode(StrEnum):
    coordinator = "coordinator"
    core_team = "core_team"
    participant = "participant"
    observer = "observer"


class ActivityKindCode(StrEnum):
    working_session = "working_session"
    negotiation = "negotiation"
    steering_group = "steering_group"
    informal_meeting = "informal_meeting"
    work_visit = "work_visit"
    outing = "outing"
    peer_consultation = "peer_consultation"
    dinner = "dinner"
    mixed = "mixed"


class AttendanceStatusCode(StrEnum):
    invited = "invited"
    accepted = "accepted"
    declined = "declined"
    attended = "attended"


class ContactChannelCode(StrEnum):
    in_person = "in_person"
    call = "call"
    video = "video"
    message = "message"


class PointKindCode(StrEnum):
    dispute = "dispute"
    agreement = "agreement"


class PointStatusCode(StrEnum):
    open = "open"
    converging = "converging"
    agreed = "agreed"
    deadlocked = "deadlocked"


class StanceCode(StrEnum):
    against = "against"
    neutral = "neutral"
    for_ = "for"


class MilestoneKindCode(StrEnum):
    shared_vision = "shared_vision"
    letter_of_intent = "letter_of_intent"
    covenant = "covenant"
    decision = "decision"


class OutcomeCode(StrEnum):
    unknown = "unknown"
    held_together = "held_together"
    damaged = "damaged"
    broke_apart = "broke_apart"


def code_of(codes: type[E], choices: type[IntegerChoices], value: int) -> E:
    """The API code of a stored choice: ``ActivityKind.DINNER`` -> ``"dinner"``."""
    return codes(choices(value).name.lower())


def value_of(choices: type[IntegerChoices], code: str) -> int:
    """The stored value of an API code: ``"dinner"`` -> ``ActivityKind.DINNER``."""
    return int(choices[str(code).upper()])
