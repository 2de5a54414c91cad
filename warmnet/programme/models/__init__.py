from warmnet.programme.models.calendar import ActivityCalendar, CalendarKey, Invitation
from warmnet.programme.models.suggestion import (
    DismissReason,
    SignalAcknowledgement,
    SuggestionRecord,
    SuggestionState,
)

__all__ = [
    "ActivityCalendar",
    "CalendarKey",
    "DismissReason",
    "Invitation",
    "SignalAcknowledgement",
    "SuggestionRecord",
    "SuggestionState",
]
