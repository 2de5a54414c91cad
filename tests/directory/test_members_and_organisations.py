"""The members list (warmth, last seen, sort, filter) and the organisation pages."""

from __future__ import annotations

import datetime as dt
from typing import Any

import time_machine
from django.test import Client
from django.utils import timezone

from warmnet.activities.models import Activity, ActivityKind, Attendance, AttendanceStatus
from warmnet.directory import views as directory_views
from warmnet.dossiers.models import Dossier, Point, Position, Stance
from warmnet.network.models import Member, Network, Organisation, Role


def _informal_evening(network: Network, members: list[Member], days_ago: int) -> Activity:
    activity = Activity.objects.create(
        network=network,
        kind=ActivityKind.INFORMAL_MEETING,
        title=f"Borrel {days_ago}",
        start=timezone.now() - dt.timedelta(days=days_ago),
        duration_minutes=180,
        host_organisation=members[0].organisation,
    )
    for m in members:
        Attendance.objects.create(
            network=network, activity=activity, member=m, status=AttendanceStatus.ATTENDED
        )
    return activity


def _rows(response: Any) -> list[str]:
    return [row.member.name for row in response.context["page"].object_list]


def test_the_coordinator_sees_warmth_and_last_seen_and_sorts_by_them(
    network_a: Network, alice: Any, bob: Any, dave: Any, alice_client: Client
) -> None:
    a, b = (Member.objects.get(user=u) for u in (alice, bob))
    for days in (10, 40, 70):
        _informal_evening(network_a, [a, b], days)
    page = alice_client.get(f"/n/{network_a.slug}/members/")
    assert page.status_code == 200
    rows = {row.member.name: row for row in page.context["page"].object_list}
    assert rows["Alice de Vries"].warmth.warm_ties == 1
    assert rows["Dave Bakker"].warmth.status in ("isolated", "newcomer", "cold")
    assert rows["Bob Jansen"].seen is not None and rows["Dave Bakker"].seen is None
    assert 'class="warmth' in page.content.decode()

    by_warmth = alice_client.get(f"/n/{network_a.slug}/members/?sort=warmth")
    assert _rows(by_warmth)[-1] == "Dave Bakker"
    by_seen = alice_client.get(f"/n/{network_a.slug}/members/?sort=seen")
    assert _rows(by_seen)[-1] == "Dave Bakker"
    assert (
        _rows(alice_client.get(f"/n/{network_a.slug}/members/?sort=name&desc=1"))[0]
        == "Dave Bakker"
    )
    cold_only = alice_client.get(f"/n/{network_a.slug}/members/?warmth=warm")
    assert set(_rows(cold_only)) <= {"Alice de Vries", "Bob Jansen"}


def test_filters_by_organisation_and_role_and_ignores_nonsense(
    network_a: Network, org_a2: Organisation, alice: Any, bob: Any, dave: Any, alice_client: Client
) -> None:
    base = f"/n/{network_a.slug}/members/"
    assert set(_rows(alice_client.get(f"{base}?organisation={org_a2.pk}"))) == {
        "Bob Jansen",
        "Dave Bakker",
    }
    assert _rows(alice_client.get(f"{base}?role={Role.COORDINATOR}")) == ["Alice de Vries"]
    nonsense = alice_client.get(f"{base}?organisation=999999&role=x&sort=drop&warmth=hot")
    assert nonsense.status_code == 200
    assert len(_rows(nonsense)) == 3


def test_a_participant_sees_the_list_without_anyones_warmth_and_costs_no_analysis(
    network_a: Network, alice: Any, bob: Any, bob_client: Client, monkeypatch: Any
) -> None:
    def forbidden(*args: Any, **kwargs: Any) -> None:
        raise AssertionError("a participant's list must not compute warmth")

    monkeypatch.setattr(directory_views, "analysis_for", forbidden)
    page = bob_client.get(f"/n/{network_a.slug}/members/?sort=warmth&warmth=cold")
    assert page.status_code == 200
    body = page.content.decode()
    assert "Alice de Vries" in body
    assert 'class="warmth' not in body and "sort=seen" not in body
    assert bob_client.get(f"/n/{network_a.slug}/organisations/").status_code == 200


def test_the_organisation_page_shows_people_visits_positions_and_warmth(
    network_a: Network, org_a: Organisation, alice: Any, olga: Any, bob: Any, alice_client: Client
) -> None:
    a, o, b = (Member.objects.get(user=u) for u in (alice, olga, bob))
    _informal_evening(network_a, [a, o, b], 20)
    dossier = Dossier.objects.create(network=network_a, name="Water")
    point = Point.objects.create(
        network=network_a,
        dossier=dossier,
        title="Peilbeheer",
        opened_on=dt.date(2025, 1, 6),
        status_since=dt.date(2025, 1, 6),
    )
    Position.objects.create(
        network=network_a,
        point=point,
        organisation=org_a,
        stance=Stance.FOR,
        date=dt.date(2025, 2, 1),
    )
    Position.objects.create(
        network=network_a, point=point, member=o, stance=Stance.AGAINST, date=dt.date(2025, 3, 1)
    )
    page = alice_client.get(f"/n/{network_a.slug}/organisations/{org_a.pk}/")
    assert page.status_code == 200
    body = page.content.decode()
    assert "Alice de Vries" in body and "Olga Smit" in body and "Bob Jansen" not in body
    assert page.context["n_hosted"] == 1
    assert [p.point.title for p in page.context["org_positions"]] == ["Peilbeheer"]
    assert [p.member.name for p in page.context["member_positions"]] == ["Olga Smit"]
    warmth = page.context["warmth"]
    assert warmth.found and warmth.warm_inside == 1 and warmth.warm_outside == 2


def test_a_participant_on_an_organisation_page_sees_no_warmth_nor_individual_positions(
    network_a: Network, org_a: Organisation, alice: Any, bob: Any, bob_client: Client
) -> None:
    page = bob_client.get(f"/n/{network_a.slug}/organisations/{org_a.pk}/")
    assert page.status_code == 200
    assert page.context["warmth"] is None and page.context["member_positions"] == []
    assert "Last seen" not in page.content.decode() and "Laatst gezien" not in page.content.decode()


def test_an_organisation_of_another_network_is_not_found(
    network_a: Network, org_b: Organisation, alice: Any, alice_client: Client
) -> None:
    assert alice_client.get(f"/n/{network_a.slug}/organisations/{org_b.pk}/").status_code == 404


def test_the_organisations_list_counts_todays_members(
    network_a: Network, org_a: Organisation, alice: Any, olga: Any, alice_client: Client
) -> None:
    Member.objects.filter(user=olga).update(left_on=dt.date(2024, 6, 1))
    alice_member = Member.objects.get(user=alice)
    Member.objects.create(  # joins tomorrow: not yet counted
        network=network_a,
        organisation=org_a,
        name="Nog Niet",
        joined_on=timezone.localdate() + dt.timedelta(days=1),
    )
    for days_ago in (30, 20, -5):  # hosted twice so far, once more ahead
        _informal_evening(network_a, [alice_member], days_ago)
    page = alice_client.get(f"/n/{network_a.slug}/organisations/")
    counts = {org.name: (org.n_members, org.n_hosted) for org, _index in page.context["rows"]}
    assert counts[org_a.name] == (1, 2)
    assert all(row == (counts[name][0], 0) for name, row in counts.items() if name != org_a.name)


def test_last_seen_of_everyone_is_read_from_the_analysis_and_what_started_since(
    network_a: Network, alice: Any, bob: Any, dave: Any, org_a2: Organisation
) -> None:
    from warmnet.insights.service import analysis_for

    a, b, d = (Member.objects.get(user=u) for u in (alice, bob, dave))
    never = Member.objects.create(
        network=network_a, organisation=org_a2, name="Eva Nooit", joined_on=dt.date(2026, 1, 1)
    )
    minute = timezone.now().replace(second=0, microsecond=0)  # starts are whole minutes
    for activity, days in (
        (_informal_evening(network_a, [a, b], 10), 10),
        (_informal_evening(network_a, [b, d], 3), 3),
    ):
        Activity.objects.filter(pk=activity.pk).update(start=minute - dt.timedelta(days=days))
    Attendance.objects.filter(member=d).update(status=AttendanceStatus.ACCEPTED)
    analysis = analysis_for(network_a, fresh=True)
    everyone = directory_views.last_seen_everyone(network_a, analysis)
    assert everyone == directory_views.last_seen(network_a)
    assert everyone[d.pk] == minute - dt.timedelta(days=3) and never.pk not in everyone

    # an activity accepted ahead starts after the analysis was computed: it counts from then
    ahead = _informal_evening(network_a, [a], -1)
    Activity.objects.filter(pk=ahead.pk).update(start=minute + dt.timedelta(days=1))
    Attendance.objects.filter(activity=ahead).update(status=AttendanceStatus.ACCEPTED)
    assert directory_views.last_seen_everyone(network_a, analysis)[a.pk] == minute - dt.timedelta(
        days=10
    )
    with time_machine.travel(timezone.now() + dt.timedelta(days=2)):
        later = directory_views.last_seen_everyone(network_a, analysis)
        assert later == directory_views.last_seen(network_a)
        assert later[a.pk] == minute + dt.timedelta(days=1)


def test_last_seen_is_written_as_the_language_writes_dates(
    network_a: Network, alice: Any, bob: Any, alice_client: Client
) -> None:
    a, b = (Member.objects.get(user=u) for u in (alice, bob))
    with time_machine.travel(dt.datetime(2026, 10, 20, 12, tzinfo=dt.UTC), tick=False):
        _informal_evening(network_a, [a, b], 12)  # 8 October
        seen = 'datetime="2026-10-08">{}</time>'
        alice_client.cookies["django_language"] = "nl"
        dutch = alice_client.get(f"/n/{network_a.slug}/members/").content.decode()
        assert seen.format("8 okt 2026") in dutch  # Dutch writes months in lower case
        alice_client.cookies["django_language"] = "en"
        english = alice_client.get(f"/n/{network_a.slug}/members/").content.decode()
        assert seen.format("8 Oct 2026") in english
