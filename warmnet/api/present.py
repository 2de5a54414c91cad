"""Records as the API shows them: ids for links, codes for choices, nothing a role
may not see (e-mail addresses only for those who run the network)."""

from __future__ import annotations

import datetime as dt

from warmnet.activities.models import (
    Activity,
    ActivityKind,
    Attendance,
    AttendanceStatus,
    Contact,
    ContactChannel,
)
from warmnet.api.schemas import codes
from warmnet.api.schemas import records as out
from warmnet.api.schemas.codes import code_of
from warmnet.dossiers.models import (
    Dossier,
    HardMoment,
    Milestone,
    MilestoneKind,
    Outcome,
    Point,
    PointKind,
    PointStatus,
    Position,
    Stance,
)
from warmnet.network.models import Member, Organisation, OrganisationKind, Role

__all__ = [
    "activity",
    "attendance",
    "contact",
    "dossier",
    "hard_moment",
    "member",
    "milestone",
    "organisation",
    "point",
    "position",
]


def organisation(o: Organisation) -> out.OrganisationOut:
    return out.OrganisationOut(
        id=o.pk, name=o.name, kind=code_of(codes.OrganisationKindCode, OrganisationKind, o.kind)
    )


def member(m: Member, *, show_email: bool) -> out.MemberOut:
    return out.MemberOut(
        id=m.pk,
        name=m.name,
        organisation_id=m.organisation_id,
        role=code_of(codes.RoleCode, Role, m.role),
        joined_on=m.joined_on,
        left_on=m.left_on,
        email=m.email if show_email else None,
    )


def activity(a: Activity) -> out.ActivityOut:
    return out.ActivityOut(
        id=a.pk,
        title=a.title,
        kind=code_of(codes.ActivityKindCode, ActivityKind, a.kind),
        track="relationship" if a.is_relationship else "content",
        start=a.start.astimezone(dt.UTC),
        end=a.end.astimezone(dt.UTC),
        duration_minutes=a.duration_minutes,
        location=a.location,
        host_organisation_id=a.host_organisation_id,
        dossier_id=a.dossier_id,
        relationship_share=a.relationship_share,
        effective_relationship_share=a.effective_share,
        description=a.description,
    )


def attendance(a: Attendance) -> out.AttendanceOut:
    return out.AttendanceOut(
        id=a.pk,
        activity_id=a.activity_id,
        member_id=a.member_id,
        status=code_of(codes.AttendanceStatusCode, AttendanceStatus, a.status),
    )


def contact(c: Contact) -> out.ContactOut:
    return out.ContactOut(
        id=c.pk,
        member_a_id=c.member_a_id,
        member_b_id=c.member_b_id,
        date=c.date,
        channel=code_of(codes.ContactChannelCode, ContactChannel, c.channel),
        note=c.note,
    )


def dossier(d: Dossier) -> out.DossierOut:
    return out.DossierOut(id=d.pk, name=d.name, description=d.description)


def point(p: Point) -> out.PointOut:
    return out.PointOut(
        id=p.pk,
        dossier_id=p.dossier_id,
        title=p.title,
        kind=code_of(codes.PointKindCode, PointKind, p.kind),
        status=code_of(codes.PointStatusCode, PointStatus, p.status),
        opened_on=p.opened_on,
        status_since=p.status_since,
        description=p.description,
    )


def position(p: Position) -> out.PositionOut:
    return out.PositionOut(
        id=p.pk,
        point_id=p.point_id,
        member_id=p.member_id,
        organisation_id=p.organisation_id,
        stance=code_of(codes.StanceCode, Stance, p.stance),
        date=p.date,
        note=p.note,
        shared=p.shared,
    )


def milestone(m: Milestone) -> out.MilestoneOut:
    return out.MilestoneOut(
        id=m.pk,
        dossier_id=m.dossier_id,
        kind=code_of(codes.MilestoneKindCode, MilestoneKind, m.kind),
        title=m.title,
        date=m.date,
    )


def hard_moment(h: HardMoment, *, full: bool) -> out.HardMomentOut:
    """``full``: the reader runs the network; others get the description only when shared."""
    return out.HardMomentOut(
        id=h.pk,
        title=h.title,
        date=h.date,
        description=h.description if full or h.shared else "",
        party_ids=sorted(o.pk for o in h.parties.all()),
        outcome=code_of(codes.OutcomeCode, Outcome, h.outcome),
        shared=h.shared,
    )
