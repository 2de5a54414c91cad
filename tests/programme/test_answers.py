"""Answering: by the e-mail's link without logging in, and signed in on the activity page
and on one's own overview; the coordinator sees who is coming at once."""

from __future__ import annotations

import re
from typing import Any

from django.test import Client

from tests.mailbox import Mailbox
from warmnet.activities.actions import record_attendance
from warmnet.activities.models import Activity, Attendance, AttendanceStatus
from warmnet.network.models import Member, Role


def _links(mailbox: Mailbox, address: str) -> dict[str, str]:
    (mail,) = mailbox.to(address)
    found = re.findall(r"https?://[^/\s]+(/rsvp/[^\s?]+/)\?answer=(yes|no)", mail.text())
    return {answer: path for path, answer in found}


def test_the_link_in_the_mail_answers_without_a_login_and_the_coordinator_sees_it(
    mailbox: Mailbox, invited: Activity, guests: list[Member], client: Client, alice_client: Client
) -> None:
    henk = guests[0]
    links = _links(mailbox, henk.email)
    assert set(links) == {"yes", "no"} and links["yes"] == links["no"]
    page = client.get(links["yes"] + "?answer=yes")
    assert page.status_code == 200
    assert page["Referrer-Policy"] == "same-origin"
    assert "Henk Mulder" in page.content.decode()
    client.post(links["yes"], {"answer": "yes"})
    assert Attendance.objects.get(activity=invited, member=henk).status == AttendanceStatus.ACCEPTED
    detail = alice_client.get(
        f"/n/{invited.network.slug}/activities/{invited.pk}/"
    ).content.decode()
    assert "1 coming" in detail
    # changing one's mind is allowed until the start
    client.post(links["no"], {"answer": "no"})
    assert Attendance.objects.get(activity=invited, member=henk).status == AttendanceStatus.DECLINED


def test_recorded_attendance_is_not_overwritten_by_a_late_answer(
    mailbox: Mailbox, invited: Activity, guests: list[Member], client: Client, alice: Any
) -> None:
    henk = guests[0]
    record_attendance(invited.network, alice, invited, henk, AttendanceStatus.ATTENDED)
    links = _links(mailbox, henk.email)
    client.post(links["no"], {"answer": "no"})
    assert Attendance.objects.get(activity=invited, member=henk).status == AttendanceStatus.ATTENDED


def test_a_withdrawn_invitation_says_so(
    mailbox: Mailbox, invited: Activity, guests: list[Member], client: Client, alice: Any
) -> None:
    henk = guests[0]
    record_attendance(invited.network, alice, invited, henk, None)
    response = client.get(_links(mailbox, henk.email)["yes"])
    assert response.status_code == 404
    assert "No longer invited" in response.content.decode()


def test_a_signed_in_participant_answers_on_the_activity_page_and_own_overview(
    invited: Activity, bob: Any, bob_client: Client, alice: Any
) -> None:
    from warmnet.activities.actions import invite_members

    me = Member.objects.get(user=bob)
    invite_members(invited.network, alice, invited, [me])
    slug = invited.network.slug
    page = bob_client.get(f"/n/{slug}/activities/{invited.pk}/").content.decode()
    assert "Your answer" in page and f"/n/{slug}/activities/{invited.pk}/answer/" in page
    assert "1 coming" not in page  # the tally is for those who run the network
    response = bob_client.post(
        f"/n/{slug}/activities/{invited.pk}/answer/", {"answer": "yes", "next": f"/n/{slug}/me/"}
    )
    assert response.status_code == 302 and response["Location"] == f"/n/{slug}/me/"
    assert Attendance.objects.get(activity=invited, member=me).status == AttendanceStatus.ACCEPTED
    overview = bob_client.get(f"/n/{slug}/me/").content.decode()
    assert invited.title in overview and 'aria-pressed="true"' in overview
    bob_client.post(f"/n/{slug}/activities/{invited.pk}/answer/", {"answer": "no"})
    assert Attendance.objects.get(activity=invited, member=me).status == AttendanceStatus.DECLINED


def test_nobody_answers_for_an_activity_they_are_not_invited_to(
    invited: Activity, bob: Any, bob_client: Client
) -> None:
    response = bob_client.post(
        f"/n/{invited.network.slug}/activities/{invited.pk}/answer/", {"answer": "yes"}
    )
    assert response.status_code == 404
    me = Member.objects.get(user=bob)
    assert me.role == Role.PARTICIPANT
    assert not Attendance.objects.filter(activity=invited, member=me).exists()
