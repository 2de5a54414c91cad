"""Writes of the report: the coordinator's draft and the delivery settings, audited."""

from __future__ import annotations

from typing import Any

from django.db import transaction
from django.utils import timezone

from warmnet.network.actions import log_action
from warmnet.network.models import Member, Network
from warmnet.report.models import Report, ReportSchedule
from warmnet.report.periods import Period

__all__ = ["draft_for", "save_draft", "save_schedule", "schedule_for"]


def draft_for(network: Network, period: Period) -> Report | None:
    return Report.objects.filter(
        network=network, period_start=period.start, period_end=period.end
    ).first()


def schedule_for(network: Network) -> ReportSchedule | None:
    return ReportSchedule.objects.filter(network=network).first()


def save_draft(
    network: Network,
    user: Any,
    period: Period,
    *,
    foreword: str,
    proposals: list[str],
    include_people: bool,
) -> Report:
    """The coordinator's foreword, proposals and choice to name people for ``period``."""
    with transaction.atomic():
        report, created = Report.objects.select_for_update().get_or_create(
            network=network,
            period_start=period.start,
            period_end=period.end,
            defaults={"updated_at": timezone.now()},
        )
        # the foreword's length only: its words are in the report, not in the log
        changes: dict[str, Any] = {}
        if created or report.foreword != foreword:
            changes["foreword"] = len(foreword)
        if created or report.proposals != proposals:
            changes["proposals"] = len(proposals)
        if created or report.include_people != include_people:
            changes["include_people"] = include_people
        report.foreword, report.proposals = foreword, proposals
        report.include_people = include_people
        report.updated_by = user if getattr(user, "is_authenticated", False) else None
        report.updated_at = timezone.now()
        report.save()
        log_action(
            network,
            user,
            "create" if created else "update",
            report,
            summary=f"report {period.start:%Y-%m-%d}..{period.end:%Y-%m-%d}",
            changes=changes,
        )
    return report


def save_schedule(
    network: Network,
    user: Any,
    *,
    enabled: bool,
    role: int | None,
    members: list[Member],
    days_after: int,
) -> ReportSchedule:
    with transaction.atomic():
        schedule, _created = ReportSchedule.objects.select_for_update().get_or_create(
            network=network
        )
        schedule.enabled = enabled
        schedule.role = role
        schedule.days_after = days_after
        schedule.updated_by = user if getattr(user, "is_authenticated", False) else None
        schedule.updated_at = timezone.now()
        schedule.save()
        schedule.members.set([m for m in members if m.network_id == network.pk])
        log_action(
            network,
            user,
            "update",
            schedule,
            summary="report delivery",
            changes={
                "enabled": enabled,
                "role": role,
                "members": sorted(m.pk for m in members),
                "days_after": days_after,
            },
        )
    return schedule
