"""The programme on the day, on a 390 x 844 phone in real Chromium against a live server:
the host opens today's check-in, taps three names (one tap lost to a dropped connection
and tried again), adds a walk-in found by search and a new person, and the attendance
grid shows them attended; an invitee checks in with their own link; a coordinator sets
up "informele ontmoeting elke zes weken, wisselend gastheer" and finds the next three in
the calendar with the invitations in the outbox.  axe-core on every new page."""

from __future__ import annotations

import datetime as dt
import re
from typing import Any

import pytest
from django.utils import timezone

from tests.browser.axe import describe, serious_violations
from tests.browser.login import log_in
from warmnet.activities.models import Activity, ActivityKind, Attendance, AttendanceStatus
from warmnet.background.worker import drain
from warmnet.mail.models import OutgoingMail
from warmnet.network.models import Member, Network, Organisation
from warmnet.programme.checkin import checkin_link
from warmnet.programme.models import Series

pytestmark = pytest.mark.django_db(transaction=True)

PHONE = {"width": 390, "height": 844}
PEOPLE = [
    ("Anouk de Boer", 0),
    ("Bram Hendriks", 1),
    ("Carla Mulder", 0),
    ("Daan Visser", 1),
    ("Eva Jansen", 0),
    ("Fleur Willems", 1),
]


def _phone(browser: Any) -> Any:
    context = browser.new_context(viewport=PHONE, locale="nl-NL", has_touch=True, is_mobile=True)
    page = context.new_page()
    page.set_default_timeout(10_000)
    return page


def _today(network: Network, host: Organisation, members: list[Member]) -> Activity:
    """An activity on today's local day, whatever the hour the test runs."""
    local = timezone.localtime()
    start = local.replace(hour=0, minute=30, second=0, microsecond=0)
    activity = Activity.objects.create(
        network=network,
        kind=ActivityKind.MIXED,
        title="Netwerkdag",
        start=start,
        duration_minutes=22 * 60,
        location="Stadhuis",
        host_organisation=host,
    )
    for m in members:
        Attendance.objects.create(network=network, activity=activity, member=m)
    return activity


def _people(network: Network, orgs: list[Organisation]) -> list[Member]:
    return [
        Member.objects.create(
            network=network,
            organisation=orgs[i],
            name=name,
            email=f"{name.split()[0].lower()}@example.org",
            joined_on=dt.date(2024, 1, 1),
        )
        for name, i in PEOPLE
    ]


def _no_serious(page: Any) -> None:
    violations = serious_violations(page)
    assert violations == [], describe(violations)


def test_host_checks_people_in_at_the_door_on_a_phone(
    live_server: Any,
    browser: Any,
    shoot: Any,
    network_a: Network,
    org_a: Organisation,
    org_a2: Organisation,
    alice: Any,
) -> None:
    people = _people(network_a, [org_a, org_a2])
    invited, walk_in_member = people[:5], people[5]
    activity = _today(network_a, org_a, invited)
    page = _phone(browser)
    log_in(page, live_server.url, "alice")
    page.goto(f"{live_server.url}/n/{network_a.slug}/activities/{activity.pk}/")
    page.get_by_role("link", name="Aanmelden").first.click()
    page.wait_for_url(re.compile(r"/checkin/$"))
    assert page.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]
    _no_serious(page)
    # large touch targets: every name is at least 48 px high and nearly the screen wide
    box = page.locator(".checkin-tap").first.bounding_box()
    assert box["height"] >= 48 and box["width"] >= 300

    def row(name: str) -> Any:
        return page.locator("li.checkin-row", has_text=name)

    row("Anouk de Boer").get_by_role("button").tap()
    row("Anouk de Boer").locator(".checkin-state", has_text="Aanwezig: opgeslagen").wait_for()
    # the connection drops for the next tap: the row says so and keeps the tap to retry
    page.route("**/checkin/mark/", lambda route: route.abort("internetdisconnected"))
    row("Bram Hendriks").get_by_role("button").tap()
    row("Bram Hendriks").locator(".checkin-state", has_text="Niet opgeslagen").wait_for()
    assert "failed" in (row("Bram Hendriks").get_attribute("class") or "")
    shoot(page, "checkin-not-saved-phone")
    page.unroute("**/checkin/mark/")
    row("Bram Hendriks").get_by_role("button").tap()
    row("Bram Hendriks").locator(".checkin-state", has_text="Aanwezig: opgeslagen").wait_for()
    row("Carla Mulder").get_by_role("button").tap()
    row("Carla Mulder").locator(".checkin-state", has_text="Aanwezig: opgeslagen").wait_for()
    assert row("Carla Mulder").get_by_role("button").get_attribute("aria-pressed") == "true"

    # a walk-in who is a member: found by search
    page.get_by_label("Een lid: zoek op naam of organisatie").fill("Fleur")
    page.locator(".checkin-found button", has_text="Fleur Willems").tap()
    page.locator(".checkin-found-added", has_text="Fleur Willems").wait_for()
    row("Fleur Willems").locator(".checkin-state", has_text="Aanwezig").wait_for()
    # and a new person with their organisation
    new = page.locator("#checkin-new")
    new.get_by_label("Naam").fill("Gijs Verbeek")
    new.get_by_label("Of een nieuwe organisatie").fill("Stichting Groene Delta")
    page.get_by_role("button", name="Toevoegen en aanwezig melden").tap()
    page.locator("#checkin-new", has_text="Gijs Verbeek is toegevoegd en aanwezig").wait_for()
    row("Gijs Verbeek").wait_for()
    shoot(page, "checkin-phone")
    _no_serious(page)

    gijs = Member.objects.get(name="Gijs Verbeek")
    attended = {
        a.member.name
        for a in Attendance.objects.filter(activity=activity, status=AttendanceStatus.ATTENDED)
    }
    tapped = {"Anouk de Boer", "Bram Hendriks", "Carla Mulder"}
    assert attended == tapped | {"Fleur Willems", "Gijs Verbeek"}
    assert gijs.organisation.name == "Stichting Groene Delta"
    assert walk_in_member.pk in set(
        Attendance.objects.filter(activity=activity).values_list("member_id", flat=True)
    )

    # the attendance grid shows them attended
    page.goto(f"{live_server.url}/n/{network_a.slug}/attendance/")
    for member in [*invited[:3], walk_in_member, gijs]:
        cell = page.locator(f"select#s_{member.pk}_{activity.pk}")
        assert cell.input_value() == str(int(AttendanceStatus.ATTENDED)), member.name
    for member in invited[3:]:
        cell = page.locator(f"select#s_{member.pk}_{activity.pk}")
        assert cell.input_value() == str(int(AttendanceStatus.INVITED)), member.name
    page.context.close()


def test_an_invitee_checks_in_with_their_own_link_on_a_phone(
    live_server: Any,
    browser: Any,
    shoot: Any,
    network_a: Network,
    org_a: Organisation,
    org_a2: Organisation,
    settings: Any,
) -> None:
    settings.WARMNET_BASE_URL = live_server.url
    people = _people(network_a, [org_a, org_a2])
    activity = _today(network_a, org_a, people[:3])
    link = checkin_link(people[0], activity)
    page = _phone(browser)
    page.goto(link)
    assert "Anouk de Boer, ben je er?" in page.locator("main").inner_text()
    _no_serious(page)
    page.get_by_role("button", name="Ik ben er: meld me aan").tap()
    page.get_by_text("Welkom, Anouk de Boer: je bent aangemeld.").wait_for()
    shoot(page, "checkin-self-phone")
    _no_serious(page)
    statuses = dict(
        Attendance.objects.filter(activity=activity).values_list("member__name", "status")
    )
    assert statuses == {
        "Anouk de Boer": AttendanceStatus.ATTENDED,
        "Bram Hendriks": AttendanceStatus.INVITED,
        "Carla Mulder": AttendanceStatus.INVITED,
    }
    # the same link for someone else does not exist: one letter changed is a 404
    token = link.rstrip("/").rsplit("/", 1)[1]
    forged = link.replace(token, token[:-1] + ("A" if token[-1] != "A" else "B"))
    assert page.goto(forged).status == 404
    page.context.close()


def test_a_coordinator_sets_up_an_informal_meeting_every_six_weeks_rotating_the_host(
    live_server: Any,
    browser: Any,
    shoot: Any,
    network_a: Network,
    org_a: Organisation,
    org_a2: Organisation,
    alice: Any,
    settings: Any,
) -> None:
    settings.EMAIL_BACKEND = "warmnet.mail.backends.OutboxBackend"
    _people(network_a, [org_a, org_a2])
    page = _phone(browser)
    log_in(page, live_server.url, "alice")
    page.goto(f"{live_server.url}/n/{network_a.slug}/programme/series/")
    _no_serious(page)
    page.get_by_role("link", name="Nieuwe reeks").tap()
    page.wait_for_url(re.compile(r"/programme/series/new/$"))
    _no_serious(page)
    page.locator("#id_title").fill("Informele ontmoeting")
    page.locator("select#id_kind").select_option(str(int(ActivityKind.INFORMAL_MEETING)))
    page.get_by_label("Om de zoveel weken").check()
    page.get_by_label("Om de hoeveel weken").fill("6")
    first = timezone.localdate() + dt.timedelta(days=10)
    page.get_by_label("De eerste begint").fill(f"{first:%Y-%m-%d}T16:00")
    page.get_by_label("Gemeente Assen", exact=True).check()
    page.get_by_label("Waterschap Hunze en Aa's", exact=True).check()
    page.get_by_label("Alle leden uitnodigen").check()
    shoot(page, "series-new-phone")
    page.get_by_role("button", name="Opzetten en uitnodigen").tap()
    page.wait_for_url(re.compile(r"/programme/series/\d+/$"))
    assert "3 activiteiten gepland" in page.locator("main").inner_text()
    _no_serious(page)
    shoot(page, "series-detail-phone")

    series = Series.objects.get(network=network_a)
    acts = list(Activity.objects.filter(series_item__series=series).order_by("start"))
    days = [first + dt.timedelta(weeks=6 * i) for i in range(3)]
    assert [timezone.localtime(a.start).date() for a in acts] == days
    assert [a.host_organisation for a in acts] == [org_a, org_a2, org_a]
    drain()  # the worker sends the invitations
    members_with_mail = Member.objects.filter(network=network_a).exclude(email="").count()
    assert OutgoingMail.objects.filter(kind="invitation").count() == 3 * members_with_mail

    # the next three are in the calendar ...
    for a in acts:
        month = timezone.localtime(a.start).strftime("%Y-%m")
        page.goto(
            f"{live_server.url}/n/{network_a.slug}/activities/calendar/?month={month}&view=list"
        )
        assert page.locator("main").get_by_text("Informele ontmoeting").count() >= 1
    # ... and their invitations in the outbox
    page.goto(f"{live_server.url}/n/{network_a.slug}/outbox/")
    assert page.locator("main").get_by_text("Informele ontmoeting").count() >= 3
    page.context.close()
