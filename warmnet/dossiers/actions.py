"""Writes to the dossiers that are not a plain form: a stance set from the positions grid.

Each runs in one transaction with its audit row, like ``warmnet.network.actions``.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.db import transaction

from warmnet.dossiers.models import Point, Position
from warmnet.network.actions import log_action
from warmnet.network.models import Member, Network, Organisation

__all__ = ["set_stance"]


@transaction.atomic
def set_stance(
    network: Network,
    user: Any,
    point: Point,
    stance: int,
    day: dt.date,
    *,
    member: Member | None = None,
    organisation: Organisation | None = None,
) -> tuple[Position, bool]:
    """Record that ``member`` or ``organisation`` (one of them) stands ``stance`` on
    ``point`` from ``day`` on.  Positions are a history, so a new stance is a new dated
    position; one already recorded on that very day is corrected instead; the same stance
    as the one already held on that day changes nothing.  Returns the position and
    whether anything changed."""
    if (member is None) == (organisation is None):
        raise ValueError("a position is held by a member or by an organisation")
    for holder in (point, member, organisation):
        if holder is not None and holder.network_id != network.pk:
            raise ValueError("not a record of this network")
    held = Position.objects.filter(
        network=network, point=point, member=member, organisation=organisation
    )
    current = held.filter(date__lte=day).order_by("-date", "-pk").first()
    if current is not None and current.stance == stance:
        return current, False
    if current is not None and current.date == day:
        current.stance = stance
        current.save(update_fields=["stance"])
        log_action(network, user, "update", current, changes={"stance": stance})
        return current, True
    position = Position.objects.create(
        network=network,
        point=point,
        member=member,
        organisation=organisation,
        stance=stance,
        date=day,
    )
    log_action(
        network, user, "create", position, changes={"stance": stance, "date": day.isoformat()}
    )
    return position, True
