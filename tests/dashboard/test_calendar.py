"""The calendar: month grid and list, both tracks told apart, planned versus past."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
import time_machine
from django.test import Client
from django.utils import timezone

from warmnet.activities.models import Activity, ActivityKind, Attendance, AttendanceStatus
from warmnet.network.models import Member, Network, Organisation, Role


def at(year: int, month: int, day: int, hour: int = 10) -> dt.datetime:
    return timezone.make_aware(dt.datetime(year, month, day, hour))


@pytest.fixture
def month_a(network_a: Network, org_a: Organisation) -> dict[str, Activity]:
    henk = Member.objects.create(
        network=network_a,
        organisation=org_a,
        name="Henk Mulder",
        role=Role.PARTICIPANT,
        joined_on=dt.date(2024, 1, 1),
    )
    session = Activity.objects.create(
        network=network_a,
        kind=ActivityKind.WORKING_SESSION,
        title="Werksessie peilbeheer",
        start=at(2026, 3, 4),
        duration_minutes=120,
    )
    dinner = Activity.objects.create(
        network=network_a,
        kind=ActivityKind.DINNER,
        title="Diner bij de dijk",
        start=at(2026, 3, 20, 18),
        duration_minutes=150,
    )
    Attendance.objects.create(
        network=network_a, activity=dinner, member=henk, status=AttendanceStatus.INVITED
    )
    return {"session": session, "dinner": dinner}


@time_machine.travel(dt.datetime(2026, 3, 10, 12, tzinfo=dt.UTC), tick=False)
def test_the_month_grid_tells_the_tracks_and_planned_apart(
    month_a: dict[str, Activity], alice_client: Client, network_a: Network
) -> None:
    response = alice_client.get(f"/n/{network_a.slug}/activities/calendar/?month=2026-03")
    assert response.status_code == 200
    page = response.content.decode()
    assert 'class="cal-item con"' in page  # the session, in the past
    assert 'class="cal-item rel planned"' in page  # the dinner, still to come
    assert "Werksessie peilbeheer" in page and "Diner bij de dijk" in page
    assert f"/activities/{month_a['dinner'].pk}/" in page
    assert "/attendance/?since=2026-03-04&amp;until=2026-03-04" in page
    assert "month=2026-02" in page and "month=2026-04" in page


@time_machine.travel(dt.datetime(2026, 3, 10, 12, tzinfo=dt.UTC), tick=False)
def test_the_list_shows_each_activity_with_its_invitees(
    month_a: dict[str, Activity], alice_client: Client, network_a: Network
) -> None:
    response = alice_client.get(f"/n/{network_a.slug}/activities/calendar/?month=2026-03&view=list")
    page = response.content.decode()
    assert "1 invited" in page
    assert "Henk Mulder" in page
    assert "planned" in page
    assert "Wed 4 Mar 2026 10:00" in page  # the session, in the language's own format
    alice_client.cookies["django_language"] = "nl"
    dutch = alice_client.get(f"/n/{network_a.slug}/activities/calendar/?month=2026-03&view=list")
    assert "wo 4 mrt 2026 10:00" in dutch.content.decode()  # Dutch: months in lower case


def test_a_participant_sees_the_calendar_without_attendance_links(
    month_a: dict[str, Activity], bob_client: Client, network_a: Network
) -> None:
    response = bob_client.get(f"/n/{network_a.slug}/activities/calendar/?month=2026-03")
    assert response.status_code == 200
    assert "/attendance/?" not in response.content.decode()


def test_a_bad_month_falls_back_to_this_month(alice: Any, network_a: Network) -> None:
    client = Client()
    client.force_login(alice)
    with time_machine.travel(dt.datetime(2026, 5, 2, 12, tzinfo=dt.UTC), tick=False):
        response = client.get(f"/n/{network_a.slug}/activities/calendar/?month=2026-13")
    assert response.status_code == 200
    assert response.context["first"] == dt.date(2026, 5, 1)


def test_other_networks_get_404(carol_client: Client, network_a: Network) -> None:
    assert carol_client.get(f"/n/{network_a.slug}/activities/calendar/").status_code == 404
