"""The relationship programme in real Chromium: plan a suggestion with three invitees, the
invitations land in the outbox with an .ics, one invitee answers through the link without
logging in, the coordinator sees who is coming, records who came after the note, and the
dashboard lists the suggestion as done and no longer offers it."""

from __future__ import annotations

import datetime as dt
import re
from typing import Any

import pytest
import time_machine
from django.utils import timezone
from icalendar import Calendar

from tests.browser.login import log_in
from tests.dashboard.conftest import make_scenario_network
from warmnet.activities.models import Attendance, AttendanceStatus
from warmnet.background.periodic import run_due
from warmnet.background.worker import drain
from warmnet.mail.models import OutgoingMail
from warmnet.network.models import Member, Role
from warmnet.programme.models import SuggestionRecord, SuggestionState

pytestmark = pytest.mark.django_db(transaction=True)


def _path(url: str) -> str:
    return "/" + url.split("://", 1)[1].split("/", 1)[1]


def test_plan_invite_answer_record_and_the_suggestion_is_done(
    live_server: Any, browser: Any, page: Any, shoot: Any, alice: Any, settings: Any
) -> None:
    settings.EMAIL_BACKEND = "warmnet.mail.backends.OutboxBackend"
    settings.WARMNET_BASE_URL = live_server.url
    net = make_scenario_network("kickoff-then-content", (alice, Role.COORDINATOR))
    morning = timezone.make_aware(dt.datetime.combine(net.as_of, dt.time(9)))
    with time_machine.travel(morning, tick=True):
        log_in(page, live_server.url, "alice")
        page.goto(f"{live_server.url}/n/{net.network.slug}/")
        # the first option of the first card (similar suggestions share a card)
        page.locator(".suggestion-cards li.suggestion a.plan").first.click()
        page.wait_for_url(re.compile(r"/activities/plan/\?suggestion=[0-9a-f]{24}$"))
        boxes = page.locator("input[name=invitees]")
        assert boxes.count() >= 3
        for i in range(boxes.count()):
            boxes.nth(i).set_checked(i < 3)
        page.get_by_label("Locatie").fill("Het Wapen van Delta, Markt 1")
        shoot(page, "programme-1-plan")
        page.get_by_role("button", name="Opslaan en uitnodigen").click()
        page.wait_for_url(re.compile(r"/activities/\d+/$"))
        activity_url = page.url
        drain()  # the worker sends the invitations

        mails = list(OutgoingMail.objects.filter(kind="invitation").order_by("pk"))
        assert len(mails) == 3
        for mail in mails:
            cal = Calendar.from_ical(mail.attachments[0]["content"])
            assert str(cal["METHOD"]) == "REQUEST"
        page.goto(f"{live_server.url}/n/{net.network.slug}/outbox/")
        assert page.locator("table.outbox tbody tr").count() == 3
        shoot(page, "programme-2-outbox")

        # one invitee answers from the mail, in a browser without a login
        link = re.search(r"https?://\S+/rsvp/\S+\?answer=yes", mails[0].body_text)
        assert link
        guest = browser.new_context(locale="nl-NL", viewport={"width": 390, "height": 800})
        phone = guest.new_page()
        phone.goto(live_server.url + _path(link.group(0)))
        shoot(phone, "programme-3-rsvp-phone")
        phone.get_by_role("button", name="Ja, ik kom").click()
        phone.locator(".answer-saved").wait_for()
        assert "je komt" in phone.locator(".answer-saved").inner_text()
        guest.close()

        page.goto(activity_url)
        assert "1 komt" in page.locator(".rsvp-summary").inner_text()
        shoot(page, "programme-4-one-coming")
        activity = SuggestionRecord.objects.get().activity
        assert activity is not None
        coming = Attendance.objects.get(activity=activity, status=AttendanceStatus.ACCEPTED)

    # after the activity: the coordinator's note links to the attendance
    with time_machine.travel(activity.end + dt.timedelta(hours=2), tick=True):
        run_due()
        drain()
        note = OutgoingMail.objects.get(kind="record_attendance")
        link = re.search(r"https?://\S+/activities/\d+/#attendees", note.body_text)
        assert link
        log_in(page, live_server.url, "alice")
        page.goto(live_server.url + _path(link.group(0)))
        select = page.locator(f"select#st-{coming.pk}")
        select.select_option(str(int(AttendanceStatus.ATTENDED)))
        page.locator("#attendees").get_by_text("Aanwezig").first.wait_for()
        shoot(page, "programme-5-attendance")
        page.goto(f"{live_server.url}/n/{net.network.slug}/#advice")
        row = page.locator("table.advice-list tbody tr").first
        assert row.get_attribute("data-state") == "done"
        assert "1 kwam" in row.inner_text()
        shoot(page, "programme-6-dashboard-done")
    record = SuggestionRecord.objects.get()
    assert record.state == SuggestionState.DONE
    assert Attendance.objects.get(pk=coming.pk).status == AttendanceStatus.ATTENDED


def test_a_participant_answers_from_their_own_overview_on_a_phone(
    live_server: Any, browser: Any
) -> None:
    """On a phone the overview's invitations are cards: both answer buttons lie on the
    screen (not in a table scrolled sideways) and answer."""
    from tests.browser.walk import PASSWORD, PHONE, demo_network

    network = demo_network()
    me = Member.objects.get(network=network, user__username="deelnemer")
    first = (
        Attendance.objects.filter(member=me, activity__start__gte=timezone.now())
        .order_by("activity__start")
        .first()
    )
    assert first is not None, "the demo's participant has an invitation coming up"
    context = browser.new_context(viewport=PHONE, locale="nl-NL")
    page = context.new_page()
    log_in(page, live_server.url, "deelnemer", PASSWORD)
    page.goto(f"{live_server.url}/n/{network.slug}/me/")
    card = page.locator("table.my-invitations tbody tr").first
    assert first.activity.title in card.inner_text()
    for name in ("Ik kom", "Ik kan niet"):
        box = card.get_by_role("button", name=name).bounding_box()
        assert box is not None
        assert box["x"] >= 0 and box["x"] + box["width"] <= PHONE["width"], (name, box)
    card.get_by_role("button", name="Ik kan niet").click()
    page.wait_for_url(f"**/n/{network.slug}/me/")
    assert "afgezegd" in page.locator("table.my-invitations tbody tr").first.inner_text()
    context.close()
    first.refresh_from_db()
    assert first.status == AttendanceStatus.DECLINED
