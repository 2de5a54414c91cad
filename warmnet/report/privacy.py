"""A member's place among the report's recipients, for the access export and erasure."""

from __future__ import annotations

from typing import Any

from warmnet.network.models import Member
from warmnet.report.models import ReportSchedule

__all__ = ["erase_recipient", "recipient_of"]


def recipient_of(member: Member) -> dict[str, Any]:
    named = ReportSchedule.objects.filter(network=member.network_id, members=member).exists()
    return {"named_recipient_of_the_quarterly_report": named}


def erase_recipient(member: Member) -> None:
    for schedule in ReportSchedule.objects.filter(network=member.network_id, members=member):
        schedule.members.remove(member)
