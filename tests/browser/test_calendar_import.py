"""Import a week of an Outlook export as a coordinator would: upload the .ics, correct one
guessed kind in the preview, confirm, and find the meetings in the calendar with their
attendees: in real Chromium against a live server."""

from __future__ import annotations

import re
from typing import Any

import pytest

from tests.browser.login import log_in
from tests.transfer.calendar.conftest import OUTLOOK, make_cast
from warmnet.activities.models import Activity, ActivityKind, Attendance
from warmnet.network.models import Network

pytestmark = pytest.mark.django_db(transaction=True)


def test_upload_correct_a_kind_confirm_and_see_the_calendar(
    live_server: Any, page: Any, shoot: Any, network_a: Network, alice: Any
) -> None:
    make_cast(network_a)
    log_in(page, live_server.url, "alice")
    page.goto(f"{live_server.url}/n/{network_a.slug}/transfer/import/")
    page.get_by_role("link", name="Importeer een agenda (.ics)").click()
    page.wait_for_url(re.compile(r"/transfer/import/calendar/$"))
    page.locator("input[name=calendars]").set_input_files(str(OUTLOOK))
    page.get_by_role("button", name="Agenda controleren").click()
    page.wait_for_selector("#calendar-confirm")

    row = page.locator("tr", has_text="Afstemming peilbesluit")
    kind = row.get_by_label("Soort van “Afstemming peilbesluit”")
    assert kind.input_value() == str(int(ActivityKind.WORKING_SESSION))
    assert "aangenomen is" in row.inner_text()  # the default, and the preview says so
    steering = page.locator("tr", has_text="Stuurgroep Groene Delta")
    assert "Joël Bakker" in steering.inner_text()
    assert "j.vandam@rws.example" in steering.inner_text()
    assert "Jan van Dam" in page.locator("#unmatched").inner_text()
    private = page.locator("tr", has_text="Tandarts").locator("select")
    assert private.input_value() == "skip"
    kind.select_option(str(int(ActivityKind.PEER_CONSULTATION)))
    shoot(page, "calendar-import-preview")
    assert not Activity.objects.filter(network=network_a).exists()

    page.get_by_role("button", name="Deze afspraken importeren").click()
    page.wait_for_url(re.compile(r"/activities/calendar/\?month=2026-11$"))
    assert "Geïmporteerd" in page.locator("body").inner_text()
    assert page.locator("a.cal-item", has_text="Stuurgroep Groene Delta").is_visible()
    assert page.locator("a.cal-item", has_text="Netwerkborrel Groene Delta").is_visible()
    shoot(page, "calendar-import-month")

    page.goto(f"{live_server.url}/n/{network_a.slug}/activities/calendar/?month=2026-11&view=list")
    item = page.locator("li, tr, article", has_text="Stuurgroep Groene Delta").last
    text = item.inner_text()
    assert "Anneke" in text and "Joël" in text
    shoot(page, "calendar-import-list")

    checked = Activity.objects.get(network=network_a, title="Afstemming peilbesluit")
    assert checked.kind == ActivityKind.PEER_CONSULTATION
    assert Attendance.objects.filter(network=network_a).count() == 25
    assert not Activity.objects.filter(network=network_a, title="Tandarts").exists()
