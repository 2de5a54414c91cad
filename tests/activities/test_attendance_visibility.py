"""Attendance history: a member's own, and the network runners'; who comes to an activity
is everyone's to see (docs/security.md, "Who sees and changes what")."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone, translation

from warmnet.activities.models import Activity, ActivityKind, Attendance, AttendanceStatus
from warmnet.network.models import Member, Network, Organisation, Role


@pytest.fixture(autouse=True)
def english(settings: Any) -> Any:
    settings.LANGUAGE_CODE = "en"
    with translation.override("en"):
        yield


@pytest.fixture
def henk(network_a: Network, org_a: Organisation) -> Member:
    return Member.objects.create(
        network=network_a,
        organisation=org_a,
        name="Henk Mulder",
        role=Role.PARTICIPANT,
        joined_on=dt.date(2024, 2, 1),
    )


@pytest.fixture
def visit(network_a: Network, henk: Member) -> Activity:
    activity = Activity.objects.create(
        network=network_a,
        kind=ActivityKind.WORK_VISIT,
        title="Werkbezoek gemaal Veenhuizen",
        start=timezone.make_aware(dt.datetime(2025, 3, 1, 10)),
        duration_minutes=120,
    )
    Attendance.objects.create(
        network=network_a, activity=activity, member=henk, status=AttendanceStatus.ATTENDED
    )
    return activity


def _member_page(client: Client, member: Member) -> str:
    address = reverse("network:member_detail", args=[member.network.slug, member.pk])
    response = client.get(address)
    assert response.status_code == 200
    return response.content.decode()


@pytest.mark.parametrize("persona", ["bob_client", "olga_client"])
def test_participants_and_observers_do_not_see_another_members_attendance_history(
    request: Any, persona: str, henk: Member, visit: Activity
) -> None:
    html = _member_page(request.getfixturevalue(persona), henk)
    assert "Henk Mulder" in html
    assert "Werkbezoek gemaal Veenhuizen" not in html
    assert "Recent activities" not in html


@pytest.mark.parametrize("persona", ["alice_client", "dave_client"])
def test_those_who_run_the_network_see_a_members_attendance_history(
    request: Any, persona: str, henk: Member, visit: Activity
) -> None:
    assert "Werkbezoek gemaal Veenhuizen" in _member_page(request.getfixturevalue(persona), henk)


@pytest.mark.parametrize("persona", ["bob", "olga"])
def test_everyone_sees_their_own_history_and_who_comes_to_an_activity(
    request: Any, persona: str, henk: Member, visit: Activity
) -> None:
    user = request.getfixturevalue(persona)
    me = Member.objects.get(user=user)
    Attendance.objects.create(
        network=me.network, activity=visit, member=me, status=AttendanceStatus.ACCEPTED
    )
    client = Client()
    client.force_login(user)
    assert "Werkbezoek gemaal Veenhuizen" in _member_page(client, me)
    # the activity's own page names who comes, so people can meet there
    response = client.get(reverse("activities:activity_detail", args=[me.network.slug, visit.pk]))
    assert response.status_code == 200
    assert "Henk Mulder" in response.content.decode()
