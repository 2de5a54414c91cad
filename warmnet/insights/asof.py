"""The one rule for the day an analysis looks from ("as of").

The analysis is made as of the day asked for, or else **today** (the local day in the
network's time zone): a live network is judged on where it stands now, and silence
shows as silence.  When the records end long before that day (more than
``stale_records_days``, e.g. an imported history whose last meeting was in 2020), the
pages and the command line say so plainly and offer the last recorded day instead;
nothing is switched silently.  Pages, the command line and the API all go through
:func:`resolve_as_of`.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.db.models import Max
from django.utils import timezone

from warmnet.activities.models import Activity, Contact
from warmnet.network.models import Network

__all__ = ["AsOf", "last_recorded_day", "resolve_as_of"]


@dataclass(frozen=True)
class AsOf:
    #: The day the analysis looks from.
    day: dt.date
    #: Whether that day was asked for (else it is today).
    asked: bool
    #: The last (local) day anything was recorded: an activity or a 1:1 contact; None
    #: for a network without records.
    last_recorded: dt.date | None
    #: Days from the last record to the analysis day (None without records).
    days_since_records: int | None
    #: True when the records end more than ``stale_records_days`` before the day: the
    #: pages say so and offer ``last_recorded`` as the day to look from.
    stale: bool


def last_recorded_day(network: Network) -> dt.date | None:
    """The last local day an activity started on, or a contact was made."""
    last_start = Activity.objects.filter(network=network).aggregate(m=Max("start"))["m"]
    last_contact = Contact.objects.filter(network=network).aggregate(m=Max("date"))["m"]
    days = [d for d in (last_contact,) if d is not None]
    if last_start is not None:
        days.append(timezone.localdate(last_start))
    return max(days) if days else None


def resolve_as_of(network: Network, asked: dt.date | None, stale_after_days: int) -> AsOf:
    """The analysis day by the one rule, with what the pages need to say about it."""
    day = asked or timezone.localdate()
    last = last_recorded_day(network)
    since = (day - last).days if last is not None else None
    stale = since is not None and since > stale_after_days
    return AsOf(day, asked is not None, last, since, stale)
