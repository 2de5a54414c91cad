from warmnet.programme.models.calendar import ActivityCalendar, CalendarKey, Invitation
from warmnet.programme.models.series import Series, SeriesItem, SeriesState
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
    "Series",
    "SeriesItem",
    "SeriesState",
    "SignalAcknowledgement",
    "SuggestionRecord",
    "SuggestionState",
]
