"""Every route reached without a login goes through a signed single-purpose link, and
no token opens anything but what it was made for (tokens are replayed on every route,
for another person, another activity, another purpose; tampered and expired)."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
import time_machine
from django.test import Client

from tests.network.crawl import NETWORK_PREFIX, all_routes
from warmnet.activities.models import Activity, Attendance, AttendanceStatus
from warmnet.links import InvalidLink, make_token, purposes, read_token
from warmnet.network.models import Member
from warmnet.programme.checkin import CHECKIN, DOOR
from warmnet.programme.links import FEED, NETWORK_FEED, RSVP

#: Routes outside /n/<network>/ that need no signed link: logging in and out, the
#: password pages (Django's own one-time tokens), the language switch, the admin.
PUBLIC = {
    "home",
    "login",
    "logout",
    "password_change",
    "password_change_done",
    "password_reset",
    "password_reset_done",
    "password_reset_confirm",
    "set_password",
    "password_reset_complete",
    "set_language",
}
#: A person's own account pages: behind the login (checked below), about nobody else.
OWN_ACCOUNT = {
    "account:overview",
    "account:verify",
    "account:two_factor_setup",
    "account:two_factor_remove",
    "account:personal_data",
    "api_tokens:token_list",
    "api_tokens:token_revoke",
}
#: The pulse survey's answer page takes its own kind of link: a random token stored only
#: as a hash, spent and unlinked when the answer is saved (tests/surveys/).
SURVEY_TOKENS = {"survey_answer", "survey_answered"}


def _signed_routes() -> list[Any]:
    return [r for r in all_routes() if getattr(r.callback, "warmnet_signed_link", None)]


def test_every_route_outside_a_network_is_public_by_design_or_signed() -> None:
    loose = [
        r.pattern
        for r in all_routes()
        if not r.pattern.startswith(NETWORK_PREFIX)
        and not r.pattern.startswith("admin/")
        # the JSON API answers personal tokens only; tests/api/ walks it with every token
        and not r.pattern.startswith("api/v1/")
        and r.name not in PUBLIC | OWN_ACCOUNT | SURVEY_TOKENS
        and not getattr(r.callback, "warmnet_signed_link", None)
    ]
    assert loose == []
    assert {r.callback.warmnet_signed_link.name for r in _signed_routes()} == {
        "rsvp",
        "feed",
        "network-feed",
        "checkin",
        "checkin-door",
    }


def test_a_token_carries_ids_and_no_names(guests: list[Member], invited: Activity) -> None:
    henk = guests[0]
    token = make_token(RSVP, expires=invited.end, member=henk.pk, activity=invited.pk)
    for personal in (henk.name, henk.email, "Henk", "henk", invited.title):
        assert personal not in token
    assert "/" not in token


def _tokens(members: list[Member], activity: Activity) -> dict[str, str]:
    a, b = members[0], members[1]
    return {
        "rsvp a": make_token(RSVP, expires=activity.end, member=a.pk, activity=activity.pk),
        "rsvp b": make_token(RSVP, expires=activity.end, member=b.pk, activity=activity.pk),
        "feed a": make_token(FEED, expires=None, member=a.pk, version=1),
        "network feed a": make_token(NETWORK_FEED, expires=None, member=a.pk, version=1),
        "checkin a": make_token(CHECKIN, expires=activity.end, member=a.pk, activity=activity.pk),
        "checkin b": make_token(CHECKIN, expires=activity.end, member=b.pk, activity=activity.pk),
        "door": make_token(DOOR, expires=activity.end, activity=activity.pk),
    }


def test_each_route_takes_only_its_own_purpose(
    client: Client, guests: list[Member], invited: Activity
) -> None:
    tokens = _tokens(guests, invited)
    own = {
        "rsvp": "rsvp a",
        "feed": "feed a",
        "network-feed": "network feed a",
        "checkin": "checkin a",
        "checkin-door": "door",
    }
    checked = 0
    for route in _signed_routes():
        name = route.callback.warmnet_signed_link.name
        for label, token in tokens.items():
            response = client.get(route.url(token=token))
            if label == own[name] or (name in ("rsvp", "checkin") and label == name + " b"):
                assert response.status_code != 404 or name == "network-feed", (route.name, label)
            else:
                assert response.status_code == 404, (route.name, label, response.status_code)
            checked += 1
        # tampered: one character changed in the ids, or in the signature
        good = tokens[own[name]]
        payload, signature = good.split(":", 1)
        for bad in (
            payload[:-1] + ("A" if payload[-1] != "A" else "B") + ":" + signature,
            payload + ":" + signature[::-1],
            "garbage",
            "x:y",
        ):
            assert client.get(route.url(token=bad)).status_code == 404, (route.name, bad)
            checked += 1
    assert checked >= 3 * 8


def test_a_token_cannot_be_rewritten_for_another_person_or_activity(
    guests: list[Member], invited: Activity
) -> None:
    import base64
    import json

    henk, grace = guests[0], guests[1]
    token = make_token(RSVP, expires=invited.end, member=henk.pk, activity=invited.pk)
    payload, signature = token.split(":", 1)
    ids = json.loads(base64.urlsafe_b64decode(payload + "=" * (-len(payload) % 4)))
    for forged in (
        [grace.pk, ids[1], ids[2]],
        [ids[0], invited.pk + 1, ids[2]],
        [ids[0], ids[1], ids[2] + 10**6],
    ):
        body = base64.urlsafe_b64encode(json.dumps(forged, separators=(",", ":")).encode())
        with pytest.raises(InvalidLink):
            read_token(RSVP, body.decode().rstrip("=") + ":" + signature)
    with pytest.raises(InvalidLink):
        read_token(FEED, token)  # the same token, another purpose


def test_an_answer_by_link_changes_only_that_persons_answer_to_that_activity(
    client: Client, guests: list[Member], invited: Activity
) -> None:
    henk, grace = guests[0], guests[1]
    token = make_token(RSVP, expires=invited.end, member=henk.pk, activity=invited.pk)
    url = f"/rsvp/{token}/"
    page = client.get(url + "?answer=yes")
    assert page.status_code == 200
    assert Attendance.objects.get(activity=invited, member=henk).status == AttendanceStatus.INVITED
    assert client.post(url, {"answer": "yes"}).status_code == 200
    statuses = dict(Attendance.objects.filter(activity=invited).values_list("member_id", "status"))
    assert statuses[henk.pk] == AttendanceStatus.ACCEPTED
    assert statuses[grace.pk] == AttendanceStatus.INVITED
    # nothing else opens with it: the network's pages still ask for a login
    assert client.get(f"/n/{invited.network.slug}/").status_code == 302


def test_a_link_expires_when_the_activity_is_over(
    client: Client, guests: list[Member], invited: Activity
) -> None:
    token = make_token(RSVP, expires=invited.end, member=guests[0].pk, activity=invited.pk)
    with time_machine.travel(invited.end + dt.timedelta(minutes=1), tick=False):
        response = client.get(f"/rsvp/{token}/")
        assert response.status_code == 410
        assert client.post(f"/rsvp/{token}/", {"answer": "yes"}).status_code == 410
    assert (
        Attendance.objects.get(activity=invited, member=guests[0]).status
        == AttendanceStatus.INVITED
    )


def test_every_declared_purpose_is_served_by_a_route() -> None:
    served = {r.callback.warmnet_signed_link.name for r in _signed_routes()}
    assert set(purposes()) <= served


@pytest.mark.django_db
@pytest.mark.parametrize("name", sorted(OWN_ACCOUNT - {"account:verify"}))
def test_own_account_pages_send_a_visitor_to_the_login(name: str) -> None:
    route = next(r for r in all_routes() if r.name == name)
    response = Client().get("/" + route.pattern.replace("<int:pk>", "1"))
    assert response.status_code == 302
    assert response["Location"].startswith("/login/")
