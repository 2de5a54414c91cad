"""A mail that cannot be sent is tried again and shows in the outbox; a refused address is
marked on the member; the demo's outbox keeps what would have been sent."""

from __future__ import annotations

import datetime as dt
from typing import Any

import time_machine
from django.test import Client
from icalendar import Calendar

from tests.mailbox import Mailbox
from tests.programme.conftest import NOW
from warmnet.activities.actions import invite_members
from warmnet.activities.models import Activity
from warmnet.mail.models import MailStatus, OutgoingMail
from warmnet.mail.tasks import MAX_ATTEMPTS, RETRY_AFTER, retry_stale
from warmnet.network.models import Member


def test_a_passing_fault_is_retried_until_the_server_takes_the_mail(
    mailbox: Mailbox, activity: Activity, guests: list[Member], alice: Any, run_tasks: Any
) -> None:
    mailbox.down = True
    invite_members(activity.network, alice, activity, guests[:1])
    run_tasks()
    mail = OutgoingMail.objects.get()
    assert mail.status == MailStatus.RETRYING and mail.attempts == 1
    assert "451" in mail.last_error
    assert mail.next_attempt_at == NOW + RETRY_AFTER[0]
    run_tasks()  # not yet due: nothing happens
    assert OutgoingMail.objects.get().attempts == 1
    mailbox.down = False
    with time_machine.travel(NOW + RETRY_AFTER[0], tick=False):
        run_tasks()
    mail.refresh_from_db()
    assert mail.status == MailStatus.SENT and mail.attempts == 2
    assert len(mailbox.received) == 1


def test_after_the_last_attempt_the_mail_has_failed_and_the_outbox_says_so(
    mailbox: Mailbox,
    activity: Activity,
    guests: list[Member],
    alice: Any,
    alice_client: Client,
    run_tasks: Any,
) -> None:
    mailbox.down = True
    invite_members(activity.network, alice, activity, guests[:1])
    moment = NOW
    run_tasks()
    for pause in RETRY_AFTER:
        moment += pause
        with time_machine.travel(moment, tick=False):
            run_tasks()
    mail = OutgoingMail.objects.get()
    assert mail.status == MailStatus.FAILED and mail.attempts == MAX_ATTEMPTS
    slug = activity.network.slug
    page = alice_client.get(f"/n/{slug}/outbox/").content.decode()
    assert "1 mail has a problem" in page and "failed" in page
    # the coordinator tries again once the server is back
    mailbox.down = False
    alice_client.post(f"/n/{slug}/outbox/{mail.pk}/retry/")
    run_tasks()
    mail.refresh_from_db()
    assert mail.status == MailStatus.SENT
    assert len(mailbox.received) == 1


def test_a_refused_address_is_marked_on_the_member(
    mailbox: Mailbox,
    activity: Activity,
    guests: list[Member],
    alice: Any,
    alice_client: Client,
    run_tasks: Any,
) -> None:
    henk = guests[0]
    henk.email = "bounce-henk@example.org"
    henk.save()
    invite_members(activity.network, alice, activity, [henk])
    run_tasks()
    mail = OutgoingMail.objects.get()
    assert mail.status == MailStatus.BOUNCED and "550" in mail.last_error
    henk.refresh_from_db()
    assert henk.email_bounced_at is not None and "550" in henk.email_bounce
    page = alice_client.get(f"/n/{activity.network.slug}/members/{henk.pk}/").content.decode()
    assert "refused on" in page


def test_the_outbox_keeps_what_would_have_been_sent(
    settings: Any,
    activity: Activity,
    guests: list[Member],
    alice: Any,
    alice_client: Client,
    run_tasks: Any,
) -> None:
    settings.EMAIL_BACKEND = "warmnet.mail.backends.OutboxBackend"
    invite_members(activity.network, alice, activity, guests)
    run_tasks()
    mails = OutgoingMail.objects.filter(network=activity.network)
    assert mails.count() == 2
    assert set(mails.values_list("status", flat=True)) == {MailStatus.OUTBOX}
    slug = activity.network.slug
    listing = alice_client.get(f"/n/{slug}/outbox/").content.decode()
    assert listing.count("Invitation: Koffie") + listing.count("Uitnodiging: Koffie") == 2
    mail = mails.first()
    assert mail is not None
    detail = alice_client.get(f"/n/{slug}/outbox/{mail.pk}/").content.decode()
    assert "/rsvp/" in detail
    ics = alice_client.get(f"/n/{slug}/outbox/{mail.pk}/attachment/0/")
    assert ics["Content-Type"].startswith("text/calendar")
    assert str(Calendar.from_ical(ics.content)["METHOD"]) == "REQUEST"


def test_only_coordinators_of_the_network_read_the_outbox(
    settings: Any, invited: Activity, dave_client: Client, bob_client: Client, carol_client: Client
) -> None:
    mail = OutgoingMail.objects.first()
    assert mail is not None
    slug = invited.network.slug
    for client in (dave_client, bob_client):
        assert client.get(f"/n/{slug}/outbox/").status_code == 403
        assert client.get(f"/n/{slug}/outbox/{mail.pk}/").status_code == 403
    assert carol_client.get(f"/n/{slug}/outbox/{mail.pk}/").status_code == 404
    assert carol_client.get(f"/n/zorgregio-zuid/outbox/{mail.pk}/").status_code == 404


def test_mails_a_dead_worker_left_behind_are_queued_again(
    mailbox: Mailbox, activity: Activity, guests: list[Member], run_tasks: Any
) -> None:
    from warmnet.mail.send import mail_member

    mail = mail_member(
        guests[0], "programme/mail/nudge", {"activity": activity, "rsvp": {}}, kind="nudge"
    )
    assert mail is not None
    OutgoingMail.objects.filter(pk=mail.pk).update(status=MailStatus.SENDING, attempted_at=NOW)
    run_tasks()
    assert mailbox.received == []  # "being sent" by a worker that died: skipped for now
    with time_machine.travel(NOW + dt.timedelta(minutes=20), tick=False):
        assert retry_stale() == 1
        run_tasks()
    assert len(mailbox.received) == 1


def test_a_binary_attachment_arrives_intact(
    mailbox: Mailbox, activity: Activity, guests: list[Member], run_tasks: Any
) -> None:
    from warmnet.mail.send import Attachment, mail_member

    pdf = b"%PDF-1.4\n\x00\xff\x10 binary report\n%%EOF"
    mail_member(
        guests[0],
        "programme/mail/nudge",
        {"activity": activity, "rsvp": {}},
        kind="report",
        attachments=[Attachment("report.pdf", pdf, "application/pdf")],
    )
    run_tasks()
    (mail,) = mailbox.received
    part = mail.part("application/pdf")
    assert part.get_filename() == "report.pdf"
    assert part.get_payload(decode=True) == pdf


def test_a_corrected_address_is_no_longer_marked_refused(guests: list[Member], clock: Any) -> None:
    from warmnet.network.forms import MemberForm

    henk = guests[0]
    henk.email_bounced_at, henk.email_bounce = NOW, "550 No such user"
    henk.save()
    data = {
        "name": henk.name,
        "email": "henk.mulder@example.org",
        "organisation": henk.organisation_id,
        "role": henk.role,
        "joined_on": "2024-01-01",
        "language": "nl",
    }
    form = MemberForm(data, instance=henk, network=henk.network)
    assert form.is_valid(), form.errors
    form.save()
    henk.refresh_from_db()
    assert henk.email_bounced_at is None and henk.email_bounce == ""
