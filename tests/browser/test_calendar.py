"""Plan a suggested activity, find it in the calendar with its invitees, and record
attendance in the grid: in real Chromium against a live server."""

from __future__ import annotations

import re
from typing import Any

import pytest

from tests.browser.login import TABLET, log_in
from tests.dashboard.conftest import make_scenario_network
from warmnet.activities.models import Activity, Attendance, AttendanceStatus
from warmnet.network.models import Role

pytestmark = pytest.mark.django_db(transaction=True)


def test_plan_a_suggestion_and_find_it_in_the_calendar(
    live_server: Any, page: Any, shoot: Any, alice: Any
) -> None:
    net = make_scenario_network("kickoff-then-content", (alice, Role.COORDINATOR))
    log_in(page, live_server.url, "alice")
    page.goto(live_server.url + net.url)
    page.locator("#suggestions a.plan").first.click()
    page.wait_for_url(re.compile(r"/activities/plan/"))
    title = page.locator("input[name=title]")
    assert title.input_value()
    checked = page.locator("input[name=invitees]:checked")
    n_invited = checked.count()
    assert n_invited >= 2
    names = [
        page.locator(f"label[for='{checked.nth(i).get_attribute('id')}']").inner_text()
        for i in range(n_invited)
    ]
    shoot(page, "plan-form")
    title.fill("Wandeling langs de dijk")
    page.locator("form.plan-form button[type=submit]").click()
    page.wait_for_url(re.compile(r"/activities/\d+/$"))
    shoot(page, "planned-activity")

    activity = Activity.objects.get(network=net.network, title="Wandeling langs de dijk")
    assert (
        Attendance.objects.filter(activity=activity, status=AttendanceStatus.INVITED).count()
        == n_invited
    )
    month = activity.start.strftime("%Y-%m")

    page.goto(f"{live_server.url}/n/{net.network.slug}/activities/calendar/?month={month}")
    item = page.locator("a.cal-item", has_text="Wandeling langs de dijk")
    assert item.is_visible()
    assert "rel" in (item.get_attribute("class") or "")
    shoot(page, "calendar-month")
    page.set_viewport_size(TABLET)
    shoot(page, "calendar-month-tablet")
    page.set_viewport_size({"width": 1280, "height": 900})

    page.goto(
        f"{live_server.url}/n/{net.network.slug}/activities/calendar/?month={month}&view=list"
    )
    row = page.locator("tr", has_text="Wandeling langs de dijk")
    people = row.locator("small.invitees").inner_text()
    for name in names[:3]:
        assert name.split(" (")[0].strip() in people
    shoot(page, "calendar-list")
    page.set_viewport_size(TABLET)
    shoot(page, "calendar-list-tablet")
    row.locator("a", has_text="Wandeling langs de dijk").click()
    page.wait_for_url(re.compile(rf"/activities/{activity.pk}/$"))


def test_record_attendance_in_the_grid(live_server: Any, page: Any, shoot: Any, alice: Any) -> None:
    net = make_scenario_network("together", (alice, Role.COORDINATOR))
    activity = (
        Activity.objects.filter(network=net.network, attendances__isnull=False)
        .order_by("-start")
        .first()
    )
    assert activity is not None
    day = activity.start.date().isoformat()
    row = Attendance.objects.filter(activity=activity).order_by("member__name").first()
    assert row is not None
    new = (
        AttendanceStatus.DECLINED
        if row.status != AttendanceStatus.DECLINED
        else AttendanceStatus.ATTENDED
    )
    log_in(page, live_server.url, "alice")
    # the calendar's fast-entry link leads to the grid of that day
    page.goto(
        f"{live_server.url}/n/{net.network.slug}/activities/calendar/?month={day[:7]}&view=list"
    )
    link = page.locator(f"a[href*='/attendance/?since={day}']").first
    link.click()
    page.wait_for_url(re.compile(r"/attendance/\?since="))
    page.goto(page.url + f"&organisation={row.member.organisation_id}")
    cell = page.locator(f"select#s_{row.member_id}_{activity.pk}")
    with page.expect_response(lambda r: "/attendance/cell/" in r.url):
        cell.select_option(str(int(new)))
    page.locator(f"td.saved select#s_{row.member_id}_{activity.pk}").wait_for()
    shoot(page, "attendance-grid")
    row.refresh_from_db()
    assert row.status == new
    page.reload()
    assert page.locator(f"select#s_{row.member_id}_{activity.pk}").input_value() == str(int(new))
    page.set_viewport_size(TABLET)
    shoot(page, "attendance-grid-tablet")
