"""Record an informal meeting and who came, as the attendance grid saves it."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence

from warmnet.activities.actions import record_grid
from warmnet.activities.models import Activity, ActivityKind, AttendanceStatus
from warmnet.network.models import Member, Network


def record_drink(
    network: Network,
    members: Sequence[Member],
    start: dt.datetime,
    title: str,
    minutes: int = 90,
) -> Activity:
    """An informal meeting at ``start`` with ``members`` there (their attendance saved in
    one go through :func:`~warmnet.activities.actions.record_grid`)."""
    drink = Activity.objects.create(
        network=network,
        title=title,
        kind=ActivityKind.INFORMAL_MEETING,
        start=start,
        duration_minutes=minutes,
    )
    record_grid(network, None, [(drink, m, AttendanceStatus.ATTENDED) for m in members])
    return drink
