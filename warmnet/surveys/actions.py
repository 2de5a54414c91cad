"""Writes of the survey: open a round, invite, remind, answer, close, delete old answers.

Coordinator actions run in one transaction with their audit row (counts only, never
who answered).  Answering writes no audit row at all: the log would put a time and a
person next to an answer.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Any

from django.db import transaction
from django.db.models import Q, QuerySet
from django.utils import timezone

from warmnet.network.actions import log_action
from warmnet.network.models import Member, Network
from warmnet.surveys.items import NETWORK_ITEMS, OPEN_ITEM, PARTNER_DIMENSIONS, PARTNER_ITEM
from warmnet.surveys.models import (
    Invitation,
    OpenAnswer,
    PartnerRating,
    Response,
    SurveyRound,
    SurveySettings,
    SurveyToken,
)
from warmnet.surveys.results import compute_results
from warmnet.surveys.sending import (
    INVITATION,
    REMINDER,
    SurveyMail,
    member_language,
    send_survey_mails,
    survey_mail,
)
from warmnet.surveys.tokens import digest_of, new_token

__all__ = [
    "Answer",
    "InviteReport",
    "LinkNotValid",
    "RoundClosed",
    "audience",
    "close_due_rounds",
    "close_round",
    "create_round",
    "delete_expired_answers",
    "invite",
    "own_link",
    "own_open_rounds",
    "record_response",
    "remind",
    "save_settings",
    "send_due_reminders",
]


class LinkNotValid(Exception):
    """No unused link with that token (never issued, used already, or its round closed)."""


class RoundClosed(Exception):
    """The round is not open for answers on this day."""


@dataclass
class InviteReport:
    sent: int = 0
    #: Members of the audience who could not be invited: no e-mail address.
    without_email: list[str] = field(default_factory=list)


@dataclass
class Answer:
    """A respondent's answers, validated: per item 1-5, 0 ("weet ik niet") or None."""

    items: dict[str, int | None]
    #: Rated organisation id -> per dimension 1-5, 0 or None.
    partners: dict[int, dict[str, int | None]] = field(default_factory=dict)
    open_text: str = ""


def save_settings(network: Network, user: Any, min_group: int) -> SurveySettings:
    with transaction.atomic():
        settings, _created = SurveySettings.objects.get_or_create(network=network)
        before = settings.min_group
        settings.min_group = min_group
        settings.full_clean()
        settings.save()
        log_action(
            network,
            user,
            "update",
            object_type="surveysettings",
            summary="survey settings",
            changes={"min_group": [before, min_group]},
        )
    return settings


def create_round(network: Network, user: Any, form: Any) -> SurveyRound:
    """Save a validated round form; the round takes the network's minimum group now."""
    with transaction.atomic():
        survey: SurveyRound = form.save(commit=False)
        survey.network = network
        survey.min_group = SurveySettings.of(network).min_group
        survey.save()
        form.save_m2m()
        log_action(
            network,
            user,
            "create",
            survey,
            changes={
                "opens_on": survey.opens_on.isoformat(),
                "closes_on": survey.closes_on.isoformat(),
                "items": survey.items,
                "min_group": survey.min_group,
            },
        )
    return survey


def audience(survey: SurveyRound, day: dt.date) -> QuerySet[Member]:
    """The members a round asks: current on ``day``, of the chosen organisations."""
    members = Member.objects.filter(network=survey.network_id, joined_on__lte=day).filter(
        Q(left_on__isnull=True) | Q(left_on__gte=day)
    )
    if not survey.whole_network:
        members = members.filter(organisation__in=survey.organisations.all())
    return members.select_related("organisation").order_by("pk")


def _link(base_url: str, token: str) -> str:
    return f"{base_url.rstrip('/')}/s/{token}/"


def invite(survey: SurveyRound, user: Any, base_url: str, today: dt.date) -> InviteReport:
    """Invite every member of the audience not yet invited, each with their own link.

    The mails are recorded sealed and queued in the same transaction as the
    invitations: both are kept or neither; the worker delivers them, with retries.
    """
    if not survey.is_open(today):
        raise RoundClosed
    report = InviteReport()
    with transaction.atomic():
        SurveyRound.objects.select_for_update().get(pk=survey.pk)
        already = set(survey.invitations.values_list("member_id", flat=True))
        mails: list[SurveyMail] = []
        for member in audience(survey, today):
            if member.pk in already:
                continue
            if not member.email:
                report.without_email.append(member.name)
                continue
            language = member_language(member)
            invitation = Invitation.objects.create(
                round=survey, member=member, language=language, invited_on=today
            )
            token, digest = new_token()
            SurveyToken.objects.create(invitation=invitation, digest=digest)
            mails.append(
                survey_mail(survey, member, language, _link(base_url, token), reminder=False)
            )
        report.sent = send_survey_mails(survey, mails, kind=INVITATION)
        log_action(
            survey.network,
            user,
            "invite",
            survey,
            changes={"invited": report.sent, "without_email": len(report.without_email)},
        )
    return report


def remind(survey: SurveyRound, user: Any, base_url: str, today: dt.date) -> int:
    """A reminder, with a fresh personal link, to each invited member who has not
    answered; returns how many were queued.  All or nothing, as :func:`invite`."""
    if not survey.is_open(today):
        raise RoundClosed
    with transaction.atomic():
        SurveyRound.objects.select_for_update().get(pk=survey.pk)
        waiting = (
            survey.invitations.filter(responded=False)
            .exclude(member__email="")
            .select_related("member", "round__network")
        )
        mails = []
        for invitation in waiting:
            token, digest = new_token()
            SurveyToken.objects.create(invitation=invitation, digest=digest)
            invitation.reminders += 1
            invitation.last_reminded_on = today
            invitation.save(update_fields=["reminders", "last_reminded_on"])
            mails.append(
                survey_mail(
                    survey,
                    invitation.member,
                    invitation.language,
                    _link(base_url, token),
                    reminder=True,
                )
            )
        sent = send_survey_mails(survey, mails, kind=REMINDER)
        log_action(survey.network, user, "remind", survey, changes={"reminded": sent})
    return sent


def send_due_reminders(today: dt.date, base_url: str) -> dict[int, int]:
    """Send each open round's automatic reminder on its day (``remind_days_before`` its
    closing day, or later while it is still open and the reminder has not gone out):
    to those who have not answered, each with a fresh link, exactly as :func:`remind`.
    Returns the reminders sent per round.  Safe to run twice: a round's reminder goes
    out once (``auto_reminded_on``), in the same transaction as the mails.

    Nothing tells anyone who was reminded: each person gets their own mail, and the
    audit row holds the count only.
    """
    sent: dict[int, int] = {}
    candidates = SurveyRound.objects.filter(
        closed_at__isnull=True,
        auto_reminded_on__isnull=True,
        remind_days_before__gt=0,
        opens_on__lte=today,
        closes_on__gte=today,
    ).select_related("network")
    for survey in candidates:
        if not survey.reminder_due(today):
            continue
        with transaction.atomic():
            locked = SurveyRound.objects.select_for_update().get(pk=survey.pk)
            if not locked.reminder_due(today) or not locked.invitations.exists():
                continue  # nobody invited yet: the reminder waits for the invitations
            sent[locked.pk] = remind(locked, None, base_url, today)
            SurveyRound.objects.filter(pk=locked.pk).update(auto_reminded_on=today)
    return sent


def own_open_rounds(member: Member, today: dt.date) -> QuerySet[SurveyRound]:
    """The open rounds ``member`` was invited to and has not answered: for the member's
    own overview only (nobody else may learn whether someone answered)."""
    return SurveyRound.objects.filter(
        invitations__member=member,
        invitations__responded=False,
        closed_at__isnull=True,
        opens_on__lte=today,
        closes_on__gte=today,
    ).order_by("closes_on", "pk")


def own_link(survey: SurveyRound, member: Member, today: dt.date) -> str:
    """A fresh personal token for ``member``'s own unanswered invitation to ``survey``
    (raises :class:`LinkNotValid` when there is none, :class:`RoundClosed` when the
    round is not open).

    Only the token's SHA-256 is stored, so the mailed link cannot be shown again: a new
    one is minted, exactly as a reminder does.  Earlier links keep working until one of
    them is used; then every link of the invitation is deleted (:func:`record_response`).
    """
    if not survey.is_open(today):
        raise RoundClosed
    with transaction.atomic():
        invitation = (
            Invitation.objects.select_for_update()
            .filter(round=survey, member=member, responded=False)
            .first()
        )
        if invitation is None:
            raise LinkNotValid
        token, digest = new_token()
        SurveyToken.objects.create(invitation=invitation, digest=digest)
    return token


def invitation_for(token: str) -> Invitation:
    """The invitation an unused link admits to (raises :class:`LinkNotValid`)."""
    found = (
        SurveyToken.objects.filter(digest=digest_of(token))
        .select_related("invitation__round__network", "invitation__member")
        .first()
    )
    if found is None:
        raise LinkNotValid
    return found.invitation


def record_response(token: str, answer: Answer, today: dt.date) -> SurveyRound:
    """Store ``answer`` for the link's round, spend the link and forget whose it was.

    In one transaction: the answer rows are written with no reference to the member or
    the link; the invitation is marked as answered; every link of that invitation is
    deleted, so the token that admitted the answer no longer exists anywhere.
    """
    digest = digest_of(token)
    with transaction.atomic():
        found = (
            SurveyToken.objects.select_for_update()
            .filter(digest=digest)
            .select_related("invitation__member")
            .first()
        )
        if found is None:
            raise LinkNotValid
        invitation = found.invitation
        survey = SurveyRound.objects.select_for_update().get(pk=invitation.round_id)
        if not survey.is_open(today):
            raise RoundClosed
        response = Response(round=survey, organisation_id=invitation.member.organisation_id)
        for item in NETWORK_ITEMS:
            if survey.has(item.code):
                setattr(response, item.code, answer.items.get(item.code))
        response.full_clean()
        response.save(force_insert=True)
        if survey.has(PARTNER_ITEM):
            own = invitation.member.organisation_id
            ratings = [
                PartnerRating(
                    response=response,
                    organisation_id=org,
                    **{d.code: scores.get(d.code) for d in PARTNER_DIMENSIONS},
                )
                for org, scores in answer.partners.items()
                if org != own and any(v is not None for v in scores.values())
            ]
            PartnerRating.objects.bulk_create(ratings)
        text = answer.open_text.strip()
        if survey.has(OPEN_ITEM) and text:
            OpenAnswer.objects.create(round=survey, text=text[:2000])
        Invitation.objects.filter(pk=invitation.pk).update(responded=True)
        SurveyToken.objects.filter(invitation=invitation).delete()
    return survey


def close_round(survey: SurveyRound, user: Any, now: dt.datetime | None = None) -> SurveyRound:
    """Close ``survey``: compute its published figures once, and void unused links."""
    moment = now or timezone.now()
    with transaction.atomic():
        locked = SurveyRound.objects.select_for_update().get(pk=survey.pk)
        if locked.closed_at is not None:
            return locked
        day = timezone.localdate(moment)
        if locked.closes_on >= day:
            locked.closes_on = max(locked.opens_on, day)
        locked.results = compute_results(locked)
        locked.closed_at = moment
        locked.save(update_fields=["closes_on", "results", "closed_at"])
        SurveyToken.objects.filter(invitation__round=locked).delete()
        log_action(
            locked.network,
            user,
            "close",
            locked,
            changes={"respondents": locked.results["respondents"]},
        )
    return locked


def close_due_rounds(today: dt.date, now: dt.datetime | None = None) -> list[SurveyRound]:
    """Close every round whose last day has passed (the maintenance command runs it)."""
    due = SurveyRound.objects.filter(closed_at__isnull=True, closes_on__lt=today)
    return [close_round(r, None, now) for r in due]


def delete_expired_answers(today: dt.date, retention_days: int) -> int:
    """Delete the answers, open texts and invitations of rounds that closed more than
    ``retention_days`` ago, and the open texts from their results; the anonymous
    figures stay so that trends remain.  Returns the number of rounds cleared."""
    limit = today - dt.timedelta(days=retention_days)
    expired = SurveyRound.objects.filter(
        closed_at__isnull=False, closes_on__lt=limit, answers_deleted_at__isnull=True
    )
    cleared = 0
    for survey in expired:
        with transaction.atomic():
            Response.objects.filter(round=survey).delete()
            OpenAnswer.objects.filter(round=survey).delete()
            Invitation.objects.filter(round=survey).delete()
            results = dict(survey.results or {})
            if results.get("open_answers") is not None:
                results["open_answers"] = None
                results["open_answers_deleted"] = True
            survey.results = results
            survey.answers_deleted_at = timezone.now()
            survey.save(update_fields=["results", "answers_deleted_at"])
            log_action(survey.network, None, "delete answers", survey)
        cleared += 1
    return cleared
