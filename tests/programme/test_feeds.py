"""Calendar feeds: private, revocable, parsed as calendars; coordinators also get the
whole network."""

from __future__ import annotations

from typing import Any

from django.test import Client
from icalendar import Calendar

from warmnet.activities.actions import record_attendance
from warmnet.activities.models import Activity, ActivityKind, AttendanceStatus
from warmnet.network.models import Member
from warmnet.programme.links import feed_links
from warmnet.programme.models import ActivityCalendar


def _path(url: str) -> str:
    return "/" + url.split("://", 1)[1].split("/", 1)[1]


def _summaries(response: Any) -> list[str]:
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/calendar")
    cal = Calendar.from_ical(response.content)
    return sorted(str(e["SUMMARY"]) for e in cal.walk("VEVENT"))


def test_a_members_feed_holds_what_they_are_invited_to(
    invited: Activity, guests: list[Member], client: Client, alice: Any
) -> None:
    henk = guests[0]
    Activity.objects.create(
        network=invited.network,
        kind=ActivityKind.WORKING_SESSION,
        title="Zonder Henk",
        start=invited.start,
        duration_minutes=60,
    )
    links = feed_links(henk)
    assert "network" not in links and links["own_webcal"].startswith("webcal://")
    assert _summaries(client.get(_path(links["own"]))) == ["Koffie"]
    uid = ActivityCalendar.objects.get(activity=invited).uid
    cal = Calendar.from_ical(client.get(_path(links["own"])).content)
    assert [str(e["UID"]) for e in cal.walk("VEVENT")] == [uid]  # same event as the invitation
    record_attendance(invited.network, alice, invited, henk, AttendanceStatus.DECLINED)
    assert _summaries(client.get(_path(links["own"]))) == []


def test_new_links_revoke_the_old_ones(
    invited: Activity, guests: list[Member], bob: Any, bob_client: Client, client: Client
) -> None:
    me = Member.objects.get(user=bob)
    old = feed_links(me)["own"]
    assert client.get(_path(old)).status_code == 200
    bob_client.post(f"/n/{invited.network.slug}/me/calendar/new-links/")
    new = feed_links(me)["own"]
    assert new != old
    assert client.get(_path(old)).status_code == 404
    assert client.get(_path(new)).status_code == 200


def test_a_coordinator_gets_the_whole_network_and_loses_it_with_the_role(
    invited: Activity, alice: Any, client: Client
) -> None:
    Activity.objects.create(
        network=invited.network,
        kind=ActivityKind.WORKING_SESSION,
        title="Werksessie",
        start=invited.start,
        duration_minutes=60,
    )
    me = Member.objects.get(user=alice)
    links = feed_links(me)
    assert _summaries(client.get(_path(links["network"]))) == ["Koffie", "Werksessie"]
    me.role = 2
    me.save()
    assert client.get(_path(links["network"])).status_code == 404
