"""Which activity a calendar event is: the one place an iCalendar ``UID`` is looked up.

An event read from a calendar is known by its ``UID`` and, for one occurrence
of a repeating event, its ``RECURRENCE-ID`` (kept as text: ``20261124T080000Z``
in UTC, or ``20261124`` for a day).  The calendar import stores both on the
activity it creates (``Activity.calendar_uid`` / ``calendar_recurrence``) and
finds the activity again through :func:`activities_for_uids`, so importing the
same calendar twice changes nothing.

Activities planned in Warmnet get a UID of their own when an invitation goes
out; that scheme plugs in here, in :func:`activities_for_uids`, so an invitation
that comes back inside an Outlook or Google export is matched to the activity it
was sent for instead of being added a second time.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable

from warmnet.activities.models import Activity
from warmnet.network.models import Network

__all__ = ["UidKey", "activities_for_uids", "activity_for_uid"]

#: (UID, RECURRENCE-ID or "")
UidKey = tuple[str, str]

_BATCH = 500


def activities_for_uids(network: Network, keys: Iterable[UidKey]) -> dict[UidKey, Activity]:
    """The network's activities for these calendar events, by (UID, occurrence)."""
    by_uid: dict[str, set[str]] = defaultdict(set)
    for uid, recurrence in keys:
        if uid:
            by_uid[uid].add(recurrence)
    found: dict[UidKey, Activity] = {}
    uids = sorted(by_uid)
    for start in range(0, len(uids), _BATCH):
        batch = uids[start : start + _BATCH]
        for activity in Activity.objects.filter(network=network, calendar_uid__in=batch):
            if activity.calendar_recurrence in by_uid[activity.calendar_uid]:
                found[(activity.calendar_uid, activity.calendar_recurrence)] = activity
    return found


def activity_for_uid(network: Network, uid: str, recurrence: str = "") -> Activity | None:
    """The network's activity for one calendar event, or None."""
    return activities_for_uids(network, [(uid, recurrence)]).get((uid, recurrence))
