"""Check-in on the day: the host's page (one tap, one request, one row back), walk-ins,
and the signed self check-in links, tried on the wrong day, by someone not invited,
for another person or activity, and tampered."""

from __future__ import annotations

import base64
import datetime as dt
import json
from typing import Any

import pytest
from django.test import Client
from django.urls import reverse

from tests.programme.conftest import START, at
from warmnet.activities.models import Activity, ActivityKind, Attendance, AttendanceStatus
from warmnet.links import InvalidLink, make_token, read_token
from warmnet.network.models import AuditEntry, Member, Organisation
from warmnet.programme.checkin import CHECKIN, DOOR, checkin_link, day_bounds, door_link

# START is 16:00 UTC on Thursday 5 March 2026: 17:00 in Amsterdam.
ON_THE_DAY = dt.datetime(2026, 3, 5, 15, 0, tzinfo=dt.UTC)
# 00:30 on the 5th in Amsterdam, while it is still the 4th in UTC: the local day counts.
JUST_AFTER_LOCAL_MIDNIGHT = dt.datetime(2026, 3, 4, 23, 30, tzinfo=dt.UTC)
# 23:30 on the 4th in Amsterdam.
THE_EVENING_BEFORE = dt.datetime(2026, 3, 4, 22, 30, tzinfo=dt.UTC)
# 00:30 on the 6th in Amsterdam (still the 5th in UTC).
THE_NIGHT_AFTER = dt.datetime(2026, 3, 5, 23, 30, tzinfo=dt.UTC)


def _path(url: str) -> str:
    return "/" + url.split("://", 1)[1].split("/", 1)[1]


def _status(activity: Activity, member: Member) -> int | None:
    return (
        Attendance.objects.filter(activity=activity, member=member)
        .values_list("status", flat=True)
        .first()
    )


def test_the_day_is_the_local_day_in_amsterdam(invited: Activity) -> None:
    start, end = day_bounds(invited)
    assert start == dt.datetime(2026, 3, 4, 23, 0, tzinfo=dt.UTC)
    assert end == dt.datetime(2026, 3, 5, 23, 0, tzinfo=dt.UTC)


def test_an_invitee_checks_in_with_their_own_link_on_the_day(
    guests: list[Member], invited: Activity
) -> None:
    henk, grace = guests[0], guests[1]
    url = _path(checkin_link(henk, invited))
    assert url.startswith("/c/") and len(url) < 80  # short enough to type from a screen
    client = Client()
    with at(ON_THE_DAY):
        page = client.get(url)
        assert page.status_code == 200
        assert b"check me in" in page.content
        assert _status(invited, henk) == AttendanceStatus.INVITED  # opening is not checking in
        assert client.post(url).status_code == 200
    assert _status(invited, henk) == AttendanceStatus.ATTENDED
    assert _status(invited, grace) == AttendanceStatus.INVITED
    assert AuditEntry.objects.filter(summary__startswith=f"{henk} @").exists()
    with at(JUST_AFTER_LOCAL_MIDNIGHT):  # again, early on the same local day: nothing new
        again = client.post(url)
        assert again.status_code == 200
        assert b"already checked in" in again.content


def test_the_link_works_from_local_midnight_only(guests: list[Member], invited: Activity) -> None:
    henk = guests[0]
    url = _path(checkin_link(henk, invited))
    client = Client()
    with at(THE_EVENING_BEFORE):
        assert client.get(url).status_code == 403
        assert client.post(url).status_code == 403
    assert _status(invited, henk) == AttendanceStatus.INVITED
    with at(JUST_AFTER_LOCAL_MIDNIGHT):
        assert client.post(url).status_code == 200
    assert _status(invited, henk) == AttendanceStatus.ATTENDED


def test_the_link_has_expired_the_day_after(guests: list[Member], invited: Activity) -> None:
    henk = guests[0]
    url = _path(checkin_link(henk, invited))
    with at(THE_NIGHT_AFTER):
        assert Client().post(url).status_code == 410
    assert _status(invited, henk) == AttendanceStatus.INVITED


def test_a_moved_activity_takes_the_link_on_its_new_day_only(
    guests: list[Member], invited: Activity
) -> None:
    henk = guests[0]
    url = _path(checkin_link(henk, invited))
    invited.start = START - dt.timedelta(days=1)  # moved from Thursday to Wednesday
    invited.save()
    with at(ON_THE_DAY):  # Thursday: the link was made for it, the activity is over
        assert Client().post(url).status_code == 410
    assert _status(invited, henk) == AttendanceStatus.INVITED
    with at(THE_EVENING_BEFORE):  # Wednesday evening: the activity's day now
        assert Client().post(url).status_code == 200
    assert _status(invited, henk) == AttendanceStatus.ATTENDED


def test_someone_not_invited_cannot_check_in(
    network_a: Any, org_a: Organisation, invited: Activity
) -> None:
    stranger = Member.objects.create(
        network=network_a, organisation=org_a, name="Sem Buiten", joined_on=dt.date(2024, 1, 1)
    )
    url = _path(checkin_link(stranger, invited))
    with at(ON_THE_DAY):
        response = Client().post(url)
    assert response.status_code == 403
    assert b"not on the list" in response.content
    assert not Attendance.objects.filter(activity=invited, member=stranger).exists()


def _forge(token: str, index: int, value: int) -> str:
    payload, signature = token.split(":", 1)
    ids = json.loads(base64.urlsafe_b64decode(payload + "=" * (-len(payload) % 4)))
    ids[index] = value
    body = base64.urlsafe_b64encode(json.dumps(ids, separators=(",", ":")).encode())
    return body.decode().rstrip("=") + ":" + signature


def test_a_link_replayed_for_another_person_or_activity_or_tampered_fails(
    guests: list[Member], invited: Activity, network_a: Any
) -> None:
    henk, grace = guests[0], guests[1]
    other = Activity.objects.create(
        network=network_a,
        kind=ActivityKind.DINNER,
        title="Diner",
        start=START + dt.timedelta(hours=2),
        duration_minutes=120,
    )
    Attendance.objects.create(network=network_a, activity=other, member=henk)
    Attendance.objects.create(network=network_a, activity=other, member=grace)
    _start, end = day_bounds(invited)
    token = make_token(CHECKIN, expires=end, member=henk.pk, activity=invited.pk)
    forged = {
        "another person": _forge(token, 0, grace.pk),
        "another activity": _forge(token, 1, other.pk),
        "a later expiry": _forge(token, 2, 10**8),
        "another signature": token.split(":")[0] + ":" + token.split(":", 1)[1][::-1],
        "the door's purpose": make_token(DOOR, expires=end, activity=invited.pk),
        "the rsvp purpose": make_token(
            __import__("warmnet.programme.links", fromlist=["RSVP"]).RSVP,
            expires=end,
            member=grace.pk,
            activity=invited.pk,
        ),
    }
    client = Client()
    with at(ON_THE_DAY):
        for label, bad in forged.items():
            with pytest.raises(InvalidLink):
                read_token(CHECKIN, bad)
            assert client.post(f"/c/{bad}/").status_code == 404, label
    assert set(Attendance.objects.filter(status=AttendanceStatus.ATTENDED)) == set()


def test_the_door_code_checks_in_the_logged_in_invitee_only(
    invited: Activity, bob: Any, carol: Any, network_a: Any
) -> None:
    bob_member = Member.objects.get(user=bob)
    url = _path(door_link(invited))
    with at(ON_THE_DAY):
        anonymous = Client().get(url)
        assert anonymous.status_code == 302 and anonymous["Location"].startswith("/login/")
        bob_client = Client()
        bob_client.force_login(bob)
        # bob is a member, but not invited
        assert bob_client.post(url).status_code == 403
        assert _status(invited, bob_member) is None
        Attendance.objects.create(network=network_a, activity=invited, member=bob_member)
        assert bob_client.post(url).status_code == 200
        # carol is of another network: the activity is not hers to see
        carol_client = Client()
        carol_client.force_login(carol)
        assert carol_client.post(url).status_code == 404
    assert _status(invited, bob_member) == AttendanceStatus.ATTENDED
    assert Attendance.objects.filter(status=AttendanceStatus.ATTENDED).count() == 1


def _mark(client: Client, activity: Activity, member: Member, status: int | str) -> Any:
    url = reverse("programme:checkin_mark", args=[activity.network.slug, activity.pk])
    return client.post(url, {"member": member.pk, "status": status}, HTTP_HX_REQUEST="true")


def test_the_host_taps_a_name_and_gets_the_row_back_saved(
    alice_client: Client, guests: list[Member], invited: Activity
) -> None:
    henk = guests[0]
    Attendance.objects.filter(activity=invited, member=henk).update(
        status=AttendanceStatus.ACCEPTED
    )
    page_url = reverse("programme:checkin", args=[invited.network.slug, invited.pk])
    with at(ON_THE_DAY):
        page = alice_client.get(page_url)
        assert page.status_code == 200
        for guest in guests:
            assert guest.name in page.content.decode()
        assert b"<svg" in page.content  # the door's QR code, drawn on the server
        tapped = _mark(alice_client, invited, henk, AttendanceStatus.ATTENDED)
        assert tapped.status_code == 200
        row = tapped.content.decode()
        assert row.lstrip().startswith("<li") and "Present: saved" in row
        assert 'aria-pressed="true"' in row
        # the row's next tap undoes it, back to what it was: accepted
        assert f'name="status" value="{AttendanceStatus.ACCEPTED}"' in row
        assert _status(invited, henk) == AttendanceStatus.ATTENDED
        undone = _mark(alice_client, invited, henk, AttendanceStatus.ACCEPTED)
        assert "Undone: saved" in undone.content.decode()
    assert _status(invited, henk) == AttendanceStatus.ACCEPTED


def test_a_repeated_tap_changes_nothing_twice(
    alice_client: Client, guests: list[Member], invited: Activity
) -> None:
    henk = guests[0]
    with at(ON_THE_DAY):
        for _ in range(3):  # a retry after a lost answer posts the same again
            assert _mark(alice_client, invited, henk, AttendanceStatus.ATTENDED).status_code == 200
    assert _status(invited, henk) == AttendanceStatus.ATTENDED
    changes = AuditEntry.objects.filter(summary__startswith=f"{henk} @")
    assert changes.count() == 1


def test_only_those_who_run_the_network_use_the_host_page(
    bob_client: Client,
    carol_client: Client,
    alice_client: Client,
    guests: list[Member],
    invited: Activity,
    carol: Any,
) -> None:
    page_url = reverse("programme:checkin", args=[invited.network.slug, invited.pk])
    with at(ON_THE_DAY):
        assert bob_client.get(page_url).status_code == 403
        assert _mark(bob_client, invited, guests[0], 3).status_code == 403
        search = reverse("programme:checkin_search", args=[invited.network.slug, invited.pk])
        assert bob_client.post(search, {"q": "Henk"}).status_code == 403
        assert carol_client.get(page_url).status_code == 404
        # a member of another network, or a status that does not exist
        carol_member = Member.objects.get(user=carol)
        assert _mark(alice_client, invited, carol_member, 3).status_code == 404
        assert _mark(alice_client, invited, guests[0], 9).status_code == 404
    assert not Attendance.objects.filter(status=AttendanceStatus.ATTENDED).exists()


def test_a_walk_in_found_by_search_is_added_present(
    alice_client: Client, invited: Activity, dave: Any
) -> None:
    dave_member = Member.objects.get(user=dave)
    slug = invited.network.slug
    with at(ON_THE_DAY):
        found = alice_client.post(
            reverse("programme:checkin_search", args=[slug, invited.pk]),
            {"q": "dave"},
            HTTP_HX_REQUEST="true",
        )
        assert "Dave Bakker" in found.content.decode()
        # those on the list already are not offered
        listed = alice_client.post(
            reverse("programme:checkin_search", args=[slug, invited.pk]), {"q": "Henk"}
        )
        assert "Henk Mulder" not in listed.content.decode()
        added = alice_client.post(
            reverse("programme:checkin_mark", args=[slug, invited.pk]),
            {"member": dave_member.pk, "status": 3, "added": 1},
            HTTP_HX_REQUEST="true",
        )
        body = added.content.decode()
        assert 'hx-swap-oob="afterbegin:#checkin-list"' in body
        assert "is added and present" in body
    assert _status(invited, dave_member) == AttendanceStatus.ATTENDED


def test_a_new_person_at_the_door_becomes_a_member_and_present(
    alice_client: Client, invited: Activity, org_a2: Organisation
) -> None:
    url = reverse("programme:checkin_walk_in", args=[invited.network.slug, invited.pk])
    with at(ON_THE_DAY):
        response = alice_client.post(
            url,
            {
                "name": "Fatima el Amrani",
                "new_organisation": "Waterschap Vechtstromen",
            },
            HTTP_HX_REQUEST="true",
        )
        assert response.status_code == 200
        assert "Fatima el Amrani is added and present" in response.content.decode()
        existing = alice_client.post(
            url, {"name": "Jan Smit", "organisation": org_a2.pk}, HTTP_HX_REQUEST="true"
        )
        assert existing.status_code == 200
    fatima = Member.objects.get(name="Fatima el Amrani")
    assert fatima.organisation.name == "Waterschap Vechtstromen"
    assert fatima.joined_on == dt.date(2026, 3, 5)
    assert _status(invited, fatima) == AttendanceStatus.ATTENDED
    assert _status(invited, Member.objects.get(name="Jan Smit")) == AttendanceStatus.ATTENDED


def test_a_walk_in_without_organisation_or_with_a_known_address_is_refused_clearly(
    alice_client: Client, invited: Activity, guests: list[Member]
) -> None:
    url = reverse("programme:checkin_walk_in", args=[invited.network.slug, invited.pk])
    before = Member.objects.count()
    with at(ON_THE_DAY):
        no_org = alice_client.post(url, {"name": "Kees"}, HTTP_HX_REQUEST="true")
        assert (
            "Choose the person&#x27;s organisation, or name a new one." in no_org.content.decode()
        )
        known = alice_client.post(
            url,
            {"name": "Henk", "new_organisation": "Nieuw", "email": "HENK@example.org"},
        )
        assert known.status_code == 422
        assert "HENK@example.org is already a member" in known.content.decode()
    assert Member.objects.count() == before
    assert not Organisation.objects.filter(name="Nieuw").exists()
