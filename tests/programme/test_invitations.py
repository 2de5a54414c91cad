"""Invitations reach a real SMTP server: one per invitee, in their language, with an .ics
that icalendar reads as an RFC 5545 REQUEST; changes send updates, deletion a CANCEL."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from icalendar import Calendar

from tests.mailbox import Mailbox
from warmnet.activities.models import Activity
from warmnet.mail.models import MailStatus, OutgoingMail
from warmnet.network.models import Member
from warmnet.programme.models import ActivityCalendar, Invitation


def _event(ics: bytes | None) -> Any:
    assert ics is not None, "the mail carries an .ics attachment"
    cal = Calendar.from_ical(ics)
    events = list(cal.walk("VEVENT"))
    assert len(events) == 1
    return cal, events[0]


def test_each_invitee_with_an_address_gets_one_mail_with_a_calendar_request(
    mailbox: Mailbox, invited: Activity, guests: list[Member]
) -> None:
    henk, grace, piet = guests
    assert len(mailbox.received) == 2
    assert mailbox.to(piet.email or "nobody") == []
    for member in (henk, grace):
        (mail,) = mailbox.to(member.email)
        assert mail.envelope_to == [member.email]
        cal, event = _event(mail.ics())
        assert str(cal["METHOD"]) == "REQUEST"
        assert str(event["SUMMARY"]) == "Koffie"
        assert str(event["LOCATION"]) == "Stadhuis Assen, kamer 2"
        assert int(event["SEQUENCE"]) == 0
        start = event.decoded("DTSTART")
        assert str(start.tzinfo) == "Europe/Amsterdam"
        assert start == invited.start  # the same moment, shown in Amsterdam time
        assert event.decoded("DTEND") - start == dt.timedelta(minutes=90)
        assert list(cal.walk("VTIMEZONE")), "the time zone travels with the invitation"
        assert str(event["UID"]) == ActivityCalendar.objects.get(activity=invited).uid
        # the calendar part is also the mail's alternative, as Outlook and Google expect
        part = mail.part("text/calendar")
        assert part is not None and part.get_param("method") == "REQUEST"
        assert mail.message["Auto-Submitted"] == "auto-generated"


def test_the_mail_speaks_the_members_language_and_names_the_others(
    mailbox: Mailbox, invited: Activity, guests: list[Member]
) -> None:
    henk, grace, _piet = guests
    (dutch,) = mailbox.to(henk.email)
    (english,) = mailbox.to(grace.email)
    assert dutch.message["Subject"].startswith("Uitnodiging: Koffie")
    assert "Ja, ik kom" in dutch.text() and "Ja, ik kom" in dutch.html()
    assert english.message["Subject"].startswith("Invitation: Koffie")
    assert "Yes, I will come" in english.text()
    # who else: the other two by name, never their addresses
    assert "Grace Hopper" in dutch.text() and "Piet Zonder" in dutch.text()
    assert "grace@example.org" not in dutch.text() + dutch.html() + dutch.ics().decode()
    assert "/rsvp/" in english.text() and english.html().count("/rsvp/") == 2


def test_a_member_without_an_address_is_listed_as_not_invited(
    mailbox: Mailbox, invited: Activity, guests: list[Member], alice_client: Any
) -> None:
    piet = guests[2]
    invitation = Invitation.objects.get(activity=invited, member=piet)
    assert invitation.mail is None
    page = alice_client.get(f"/n/{invited.network.slug}/activities/{invited.pk}/")
    assert page.status_code == 200
    body = page.content.decode()
    assert "Not invited: no e-mail address" in body and "Piet Zonder" in body
    assert "2 invitations sent by e-mail." in body


def test_changing_the_time_sends_an_update_with_a_higher_sequence(
    mailbox: Mailbox, invited: Activity, run_tasks: Any
) -> None:
    invited.start += dt.timedelta(hours=1)
    invited.save()
    run_tasks()
    updates = [
        r for r in mailbox.received if r.message["Subject"].startswith(("Gewijzigd", "Changed"))
    ]
    assert len(updates) == 2
    cal, event = _event(updates[0].ics())
    assert str(cal["METHOD"]) == "REQUEST"
    assert int(event["SEQUENCE"]) == 1
    assert event.decoded("DTSTART") == invited.start
    assert str(event["UID"]) == ActivityCalendar.objects.get(activity=invited).uid
    # saving again without a change sends nothing more
    invited.save()
    run_tasks()
    assert len(mailbox.received) == 4


def test_deleting_the_activity_sends_a_cancel(
    mailbox: Mailbox, invited: Activity, run_tasks: Any
) -> None:
    uid = ActivityCalendar.objects.get(activity=invited).uid
    invited.delete()
    run_tasks()
    cancels = [
        r for r in mailbox.received if r.part("text/calendar").get_param("method") == "CANCEL"
    ]
    assert len(cancels) == 2
    cal, event = _event(cancels[0].ics())
    assert str(cal["METHOD"]) == "CANCEL"
    assert str(event["STATUS"]) == "CANCELLED"
    assert str(event["UID"]) == uid
    assert int(event["SEQUENCE"]) == 1


def test_a_header_injection_in_the_title_stays_in_the_subject(
    mailbox: Mailbox, activity: Activity, guests: list[Member], alice: Any, run_tasks: Any
) -> None:
    from warmnet.activities.actions import invite_members

    activity.title = "Borrel\r\nBcc: evil@example.com\r\nX-Evil: 1"
    activity.save()
    invite_members(activity.network, alice, activity, guests[:1])
    run_tasks()
    (mail,) = mailbox.received
    assert mail.envelope_to == ["henk@example.org"]
    assert mail.message["Bcc"] is None and mail.message["X-Evil"] is None
    assert "Bcc: evil@example.com" in mail.message["Subject"]


def test_nothing_is_sent_while_the_worker_is_down_and_nothing_is_lost(
    mailbox: Mailbox, activity: Activity, guests: list[Member], alice: Any, run_tasks: Any
) -> None:
    from warmnet.activities.actions import invite_members

    invite_members(activity.network, alice, activity, guests)
    assert mailbox.received == []  # no worker ran: the tasks wait in the database
    run_tasks()
    assert len(mailbox.received) == 2
    assert set(OutgoingMail.objects.values_list("status", flat=True)) == {MailStatus.SENT}


@pytest.mark.parametrize("language", ["nl", "en"])
def test_every_invitation_text_is_translated(
    mailbox: Mailbox,
    activity: Activity,
    guests: list[Member],
    alice: Any,
    run_tasks: Any,
    language: str,
) -> None:
    from warmnet.activities.actions import invite_members

    henk = guests[0]
    henk.language = language
    henk.save()
    invite_members(activity.network, alice, activity, [henk])
    run_tasks()
    (mail,) = mailbox.received
    expected = "Wanneer" if language == "nl" else "When"
    assert expected in mail.text()
