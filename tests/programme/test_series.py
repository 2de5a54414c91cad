"""Recurring series: created ahead with the host in turn and invitations in the outbox,
topped up as time passes, paused, changed from a day onward (the past untouched, the
invitees told), ended (the rest called off), follow-ups after every activity of a kind,
and the dashboard's "no relationship activity" answered while a series runs."""

from __future__ import annotations

import datetime as dt
from types import SimpleNamespace
from typing import Any

import numpy as np
import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from tests.programme.conftest import NOW, at, local
from warmnet.activities.models import Activity, ActivityKind, Attendance, AttendanceStatus
from warmnet.dashboard.panels import signal_groups
from warmnet.engine.data import ActivityKind as EngineKind
from warmnet.engine.signals import SignalKind, Subject
from warmnet.engine.suggestions import Suggestion, SuggestionType
from warmnet.engine.texts import Message
from warmnet.insights.service import analysis_for
from warmnet.mail.models import OutgoingMail
from warmnet.network.models import Member, Network, Organisation
from warmnet.programme import series as programme
from warmnet.programme.models import Series, SeriesItem, SeriesState
from warmnet.programme.offers import offers, series_covered

FIRST = dt.datetime(2026, 3, 12, 15, 0, tzinfo=dt.UTC)  # Thursday 16:00 in Amsterdam


def _series(network: Network, hosts: list[Organisation], guests: list[Member], **kw: Any) -> Series:
    fields: dict[str, Any] = {
        "network": network,
        "title": "Informele ontmoeting",
        "kind": ActivityKind.INFORMAL_MEETING,
        "every_weeks": 6,
        "first_start": FIRST,
        "duration_minutes": 120,
        "location": "Het Wapen, Markt 1",
    }
    fields.update(kw)
    s = Series.objects.create(**fields)
    s.host_organisations.set(hosts)
    s.invitees.set(guests)
    return s


def _activities(s: Series) -> list[Activity]:
    return list(
        Activity.objects.filter(series_item__series=s)
        .select_related("host_organisation")
        .order_by("start")
    )


@pytest.fixture
def six_weekly(
    network_a: Network, org_a: Organisation, org_a2: Organisation, guests: list[Member], clock: Any
) -> Series:
    return _series(network_a, [org_a, org_a2], guests)


def test_a_series_creates_the_next_three_ahead_with_hosts_in_turn_and_invites(
    six_weekly: Series, guests: list[Member], run_tasks: Any, org_a: Organisation, org_a2: Any
) -> None:
    made = programme.fill(six_weekly)
    assert len(made) == 3
    acts = _activities(six_weekly)
    # every six weeks at 16:00 Amsterdam time, also after summer time began (29 March)
    assert [local(a.start).date() for a in acts] == [
        dt.date(2026, 3, 12),
        dt.date(2026, 4, 23),
        dt.date(2026, 6, 4),
    ]
    assert {local(a.start).time() for a in acts} == {dt.time(16, 0)}
    assert [a.host_organisation for a in acts] == [org_a, org_a2, org_a]  # by name, in turn
    for a in acts:
        assert a.kind == ActivityKind.INFORMAL_MEETING and a.is_relationship
        invited = set(Attendance.objects.filter(activity=a).values_list("member_id", "status"))
        assert invited == {(g.pk, AttendanceStatus.INVITED) for g in guests}
    run_tasks()
    mails = OutgoingMail.objects.filter(kind="invitation")
    # Piet has no e-mail address: two mails per activity
    assert mails.count() == 6
    assert {m.reference for m in mails} == {f"activity:{a.pk}" for a in acts}
    # again: nothing more while three are ahead
    assert programme.fill(six_weekly) == []


def test_the_periodic_job_keeps_three_ahead_as_they_pass(six_weekly: Series) -> None:
    programme.fill(six_weekly)
    after_first = FIRST + dt.timedelta(days=1)
    with at(after_first):
        assert programme.fill_all() == 1
    acts = _activities(six_weekly)
    assert len(acts) == 4
    assert local(acts[-1].start).date() == dt.date(2026, 7, 16)
    numbers = sorted(SeriesItem.objects.filter(series=six_weekly).values_list("number", flat=True))
    assert numbers == [0, 1, 2, 3]


def test_new_invitees_get_the_new_details_once_whichever_mail_task_runs_first(
    six_weekly: Series, guests: list[Member], alice: Any, run_tasks: Any, bob: Any
) -> None:
    """A change queues the updates and the new invitations as two tasks; a worker may
    take the invitations first (or two workers both at once).  Those mailed before get
    one update, a new invitee one invitation with the new details, never an update too."""
    from warmnet.programme import invitations

    programme.fill(six_weekly)
    run_tasks()
    with at(FIRST + dt.timedelta(days=1)):
        programme.fill(six_weekly)
        _past, _second, third, *_ = _activities(six_weekly)
        bob_member = Member.objects.get(user=bob)
        change = programme.Change(
            title="Netwerkborrel", location="De Kroon", invitees=[guests[0], guests[1], bob_member]
        )
        programme.change_from(six_weekly, local(third.start).date(), change, alice)
        # the invitations task first, as another worker might take it
        third.refresh_from_db()
        on_list = Member.objects.filter(attendances__activity=third)
        invitations.invite(third, list(on_list))
        run_tasks()  # then the updates (and the rest)
    mails = list(OutgoingMail.objects.values_list("kind", "reference", "member_id"))
    ref = f"activity:{third.pk}"
    updates = [m for m in mails if m[:2] == ("update", ref)]
    assert len(updates) == 2, updates  # Henk and Grace, invited before
    assert bob_member.pk not in {m[2] for m in updates}, "Bob: an invitation, no update"
    assert len([m for m in mails if m[:2] == ("invitation", ref)]) == 3


def test_a_paused_series_plans_nothing_new_until_resumed(six_weekly: Series, alice: Any) -> None:
    programme.fill(six_weekly)
    programme.pause_series(six_weekly, alice)
    with at(FIRST + dt.timedelta(days=50)):
        assert programme.fill_all() == 0
        assert len(_activities(six_weekly)) == 3  # the planned ones stay
        made = programme.resume_series(six_weekly, alice)
        assert len(made) == 2  # back to three ahead
    six_weekly.refresh_from_db()
    assert six_weekly.state == SeriesState.RUNNING


def test_a_change_from_a_day_updates_the_future_and_tells_the_invitees(
    six_weekly: Series, guests: list[Member], alice: Any, run_tasks: Any, bob: Any
) -> None:
    programme.fill(six_weekly)
    run_tasks()
    with at(FIRST + dt.timedelta(days=1)):  # the first one is past
        programme.fill(six_weekly)
        acts = _activities(six_weekly)
        past, second, *later = acts
        before_past = (past.title, past.start, past.location)
        bob_member = Member.objects.get(user=bob)
        change = programme.Change(
            title="Netwerkborrel",
            start_time=dt.time(17, 30),
            location="De Kroon",
            invitees=[guests[0], guests[1], bob_member],
        )
        day = local(later[0].start).date()  # from the third on; the second stays
        changed = programme.change_from(six_weekly, day, change, alice)
        assert changed == len(later) == 2
        run_tasks()
    past.refresh_from_db()
    second.refresh_from_db()
    assert (past.title, past.start, past.location) == before_past
    assert second.title == "Informele ontmoeting"
    for a in later:
        a.refresh_from_db()
        assert a.title == "Netwerkborrel" and a.location == "De Kroon"
        assert local(a.start).time() == dt.time(17, 30)
        on_list = set(Attendance.objects.filter(activity=a).values_list("member_id", flat=True))
        assert on_list == {guests[0].pk, guests[1].pk, bob_member.pk}  # Piet off, Bob on
    mails = list(OutgoingMail.objects.values_list("kind", "reference"))
    third, fourth = (f"activity:{a.pk}" for a in later)
    # Henk and Grace were invited to the third before: they are told; Bob is invited
    assert mails.count(("update", third)) == 2
    assert mails.count(("invitation", third)) == 3
    # the fourth was made just before the change: its first invitations say the new
    assert mails.count(("update", fourth)) == 0
    assert mails.count(("invitation", fourth)) == 3
    assert "De Kroon" in OutgoingMail.objects.filter(kind="update").first().body_text
    assert not OutgoingMail.objects.filter(kind="update", reference=f"activity:{second.pk}")
    # Piet stays on the list of the past one and of the one before the day
    assert Attendance.objects.filter(activity=second, member=guests[2]).exists()
    # new ones are made with the new title and time
    with at(local(later[0].start) + dt.timedelta(days=1)):
        new = programme.fill(six_weekly)
    assert new and new[0].title == "Netwerkborrel"
    assert local(new[0].start).time() == dt.time(17, 30)


def test_ending_calls_off_what_is_to_come_and_keeps_the_past(
    six_weekly: Series, alice: Any, run_tasks: Any
) -> None:
    programme.fill(six_weekly)
    run_tasks()
    with at(FIRST + dt.timedelta(days=1)):
        programme.fill(six_weekly)
        gone = programme.end_series(six_weekly, alice)
        assert gone == 3
        assert programme.fill_all() == 0
    remaining = _activities(six_weekly)
    assert [local(a.start).date() for a in remaining] == [dt.date(2026, 3, 12)]
    assert OutgoingMail.objects.filter(kind="cancel").count() == 4  # two mailed, two activities
    six_weekly.refresh_from_db()
    assert six_weekly.state == SeriesState.ENDED


def test_a_follow_up_series_comes_right_after_every_steering_group_meeting(
    network_a: Network, org_a: Organisation, guests: list[Member], clock: Any
) -> None:
    steering = [
        Activity.objects.create(
            network=network_a,
            kind=ActivityKind.STEERING_GROUP,
            title="Stuurgroep",
            start=FIRST + dt.timedelta(weeks=4 * i),
            duration_minutes=90,
            location=f"Provinciehuis zaal {i}",
            host_organisation=org_a,
        )
        for i in range(2)
    ]
    peer = _series(
        network_a,
        [],
        guests,
        title="Intervisie: een collega helpen met een lastig probleem",
        kind=ActivityKind.PEER_CONSULTATION,
        every_weeks=None,
        after_kind=ActivityKind.STEERING_GROUP,
        duration_minutes=60,
    )
    made = programme.fill(peer)
    assert [(a.start, a.location) for a in made] == [(s.end, s.location) for s in steering]
    assert programme.fill(peer) == []  # not doubled
    # a new steering group meeting gets its follow-up on the next round
    Activity.objects.create(
        network=network_a,
        kind=ActivityKind.STEERING_GROUP,
        title="Stuurgroep",
        start=FIRST + dt.timedelta(weeks=8),
        duration_minutes=90,
    )
    assert programme.fill_all() == 1


def test_a_running_relationship_series_answers_the_relationship_gap_signal(
    network_a: Network, org_a: Organisation, guests: list[Member], alice: Any, clock: Any
) -> None:
    # one relationship activity long ago, content since: "no relationship activity"
    old = Activity.objects.create(
        network=network_a,
        kind=ActivityKind.DINNER,
        title="Diner",
        start=NOW - dt.timedelta(weeks=30),
        duration_minutes=120,
    )
    for g in guests:
        Attendance.objects.create(
            network=network_a, activity=old, member=g, status=AttendanceStatus.ATTENDED
        )
    for week in (20, 10, 2):
        work = Activity.objects.create(
            network=network_a,
            kind=ActivityKind.WORKING_SESSION,
            title=f"Werksessie {week}",
            start=NOW - dt.timedelta(weeks=week),
            duration_minutes=120,
        )
        for g in guests:
            Attendance.objects.create(
                network=network_a, activity=work, member=g, status=AttendanceStatus.ATTENDED
            )
    analysis = analysis_for(network_a, timezone.localdate())
    kinds = [s.kind for s in analysis.result.signals]
    assert SignalKind.RELATIONSHIP_GAP in kinds
    shown = [v.kind for g in signal_groups(network_a, analysis) for v in g.shown + g.more]
    assert "relationship_gap" in shown

    # a content series does not answer it
    content = _series(network_a, [], guests, kind=ActivityKind.WORKING_SESSION, title="Werk")
    programme.fill(content)
    assert series_covered(network_a, analysis) == set()

    s = _series(network_a, [org_a], guests)
    programme.fill(s)
    assert series_covered(network_a, analysis) == {kinds.index(SignalKind.RELATIONSHIP_GAP)}
    shown = [v.kind for g in signal_groups(network_a, analysis) for v in g.shown + g.more]
    assert "relationship_gap" not in shown

    # paused with nothing to come, or ended: the signal is back
    programme.end_series(s, alice)
    assert series_covered(network_a, analysis) == set()


def test_a_suggestion_a_running_series_already_answers_is_not_offered(
    network_a: Network, org_a: Organisation, guests: list[Member], clock: Any
) -> None:
    """The engine suggests peer consultation for Henk and Grace; a running peer
    consultation series that invites both answers it, one that misses Grace does not."""
    henk, grace, piet = guests
    suggestion = Suggestion(
        type=SuggestionType.PEER_CONSULTATION,
        activity_kind=EngineKind.PEER_CONSULTATION,
        date=np.datetime64("2026-04-01"),
        before=np.datetime64("NaT"),
        invitees=np.array([0, 1]),
        host_org=-1,
        subject=Subject("network"),
        reason=Message("suggestion.peer_consultation", {}),
    )
    lookup = SimpleNamespace(member_id=[henk.pk, grace.pk, piet.pk], member_org=[0, 0, 0])
    analysis: Any = SimpleNamespace(
        result=SimpleNamespace(suggestions=[suggestion], signals=[]), lookup=lookup
    )
    assert len(offers(network_a, analysis)) == 1
    kw = {
        "kind": ActivityKind.PEER_CONSULTATION,
        "title": "Intervisie",
        "every_weeks": 4,
    }
    partial = _series(network_a, [org_a], [henk, piet], **kw)
    programme.fill(partial)
    assert len(offers(network_a, analysis)) == 1  # Grace is not in it
    informal = _series(network_a, [org_a], guests, title="Borrel")  # another kind
    programme.fill(informal)
    assert len(offers(network_a, analysis)) == 1
    full = _series(network_a, [org_a], [henk, grace], **{**kw, "title": "Intervisie 2"})
    programme.fill(full)
    assert offers(network_a, analysis) == []
    programme.pause_series(full, None)
    assert len(offers(network_a, analysis)) == 1


def test_the_coordinator_sets_up_a_series_in_the_browser_form(
    alice_client: Client,
    bob_client: Client,
    network_a: Network,
    org_a: Organisation,
    org_a2: Organisation,
    guests: list[Member],
    clock: Any,
) -> None:
    url = reverse("programme:series_new", args=[network_a.slug])
    assert bob_client.get(url).status_code == 403
    data = {
        "title": "Informele ontmoeting",
        "kind": ActivityKind.INFORMAL_MEETING,
        "rhythm": "every",
        "every_weeks": "",
        "first_start": "2026-03-12T16:00",
        "duration_minutes": 120,
        "location": "",
        "host_organisations": [org_a.pk, org_a2.pk],
        "invite_all": "on",
        "ahead": 3,
    }
    missing = alice_client.post(url, data)
    assert missing.status_code == 400
    assert "Say every how many weeks (1 to 52)." in missing.content.decode()
    assert not Series.objects.exists() and not Activity.objects.exists()
    data["every_weeks"] = 6
    response = alice_client.post(url, data)
    assert response.status_code == 302
    s = Series.objects.get()
    assert s.after_kind is None and s.created_by is not None
    assert len(_activities(s)) == 3
    page = alice_client.get(response["Location"])
    assert page.status_code == 200 and "Informele ontmoeting" in page.content.decode()
    # every current member is invited (alice and bob among them)
    members = Member.objects.filter(network=network_a).count()
    assert Attendance.objects.filter(activity=_activities(s)[0]).count() == members
    # pause and end through the page
    state = reverse("programme:series_state", args=[network_a.slug, s.pk])
    assert bob_client.post(state, {"action": "end"}).status_code == 403
    alice_client.post(state, {"action": "pause"})
    s.refresh_from_db()
    assert s.state == SeriesState.PAUSED
    alice_client.post(state, {"action": "end"})
    s.refresh_from_db()
    assert s.state == SeriesState.ENDED
    assert _activities(s) == []  # all three were still to come
