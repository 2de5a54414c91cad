"""Reminders: to those who accepted, a nudge to who has not answered, and "record who came"
to the coordinator after the activity, each once, run as the periodic job runs them."""

from __future__ import annotations

import datetime as dt
import re
from typing import Any

import time_machine
from django.test import Client

from tests.mailbox import Mailbox
from tests.programme.conftest import START
from warmnet.activities.actions import record_attendance
from warmnet.activities.models import Activity, AttendanceStatus
from warmnet.background.periodic import jobs, run_due
from warmnet.network.models import Member


def _subjects(mailbox: Mailbox) -> list[str]:
    return [str(r.message["Subject"]) for r in mailbox.received]


def test_the_reminder_job_is_periodic_and_queued_once_per_interval(db: Any) -> None:
    names = {j.name for j in jobs()}
    assert "warmnet.programme.tasks.send_reminders" in names
    first = run_due()
    assert "warmnet.programme.tasks.send_reminders" in first
    assert "warmnet.programme.tasks.send_reminders" not in run_due()


def test_accepted_get_a_reminder_non_responders_a_nudge_the_coordinator_a_note(
    mailbox: Mailbox,
    invited: Activity,
    guests: list[Member],
    alice: Any,
    alice_client: Client,
    run_tasks: Any,
) -> None:
    henk, grace, _piet = guests
    record_attendance(invited.network, alice, invited, henk, AttendanceStatus.ACCEPTED)
    before = len(mailbox.received)
    # 47 hours before the start: a reminder to Henk (accepted) and, since the invitation
    # went out more than a day ago, a nudge to Grace (no answer); Piet has no address.
    with time_machine.travel(START - dt.timedelta(hours=47), tick=False):
        run_due()
        run_tasks()
    new = mailbox.received[before:]
    reminder = [r for r in new if "Herinnering" in str(r.message["Subject"])]
    nudge = [r for r in new if "Will you come" in str(r.message["Subject"])]
    assert [r.envelope_to for r in reminder] == [[henk.email]]
    assert [r.envelope_to for r in nudge] == [[grace.email]]
    # the job again later: nothing twice
    with time_machine.travel(START - dt.timedelta(hours=20), tick=False):
        run_due()
        run_tasks()
    assert len(mailbox.received) == before + 2
    # after the activity: the coordinator is asked to record who came
    with time_machine.travel(invited.end + dt.timedelta(hours=1), tick=False):
        run_due()
        run_tasks()
    (note,) = mailbox.to("alice@example.org")
    assert "Koffie" in str(note.message["Subject"])
    link = re.search(r"https?://[^/\s]+(/n/[^\s#]+/activities/\d+/)#attendees", note.text())
    assert link and link.group(1) == f"/n/{invited.network.slug}/activities/{invited.pk}/"
    assert "1 would come" in note.text()
    assert alice_client.get(link.group(1)).status_code == 200
