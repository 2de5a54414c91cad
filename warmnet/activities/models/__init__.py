from warmnet.activities.models.activity import (
    DEFAULT_RELATIONSHIP_SHARE,
    RELATIONSHIP_KINDS,
    Activity,
    ActivityKind,
)
from warmnet.activities.models.attendance import Attendance, AttendanceStatus
from warmnet.activities.models.contact import Contact, ContactChannel

__all__ = [
    "DEFAULT_RELATIONSHIP_SHARE",
    "RELATIONSHIP_KINDS",
    "Activity",
    "ActivityKind",
    "Attendance",
    "AttendanceStatus",
    "Contact",
    "ContactChannel",
]
