"""The calendar import page: upload, preview with kinds to correct, confirm; writers only."""

from __future__ import annotations

import pytest
from django.conf import settings
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client

from tests.transfer.calendar.conftest import OUTLOOK
from tests.transfer.conftest import row_counts
from warmnet.activities.models import Activity, ActivityKind, Attendance
from warmnet.network.models import AuditEntry, Member, Network

URL = "/n/regio-deal-noord/transfer/import/calendar/"


@pytest.fixture(autouse=True)
def english_pages(alice_client: Client, dave_client: Client) -> None:
    for client in (alice_client, dave_client):
        client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"


def _outlook() -> SimpleUploadedFile:
    return SimpleUploadedFile(OUTLOOK.name, OUTLOOK.read_bytes(), "text/calendar")


def test_upload_preview_correct_a_kind_and_confirm(
    alice_client: Client, network_a: Network, cast: dict[str, Member]
) -> None:
    page = alice_client.get("/n/regio-deal-noord/transfer/import/")
    assert URL.encode() in page.content  # linked from the spreadsheet import

    response = alice_client.post(URL, {"calendars": [_outlook()]})
    assert response.status_code == 200
    report = response.context["report"]
    assert report.ok and not Activity.objects.filter(network=network_a).exists()
    content = response.content.decode()
    assert "Stuurgroep Groene Delta" in content
    assert "j.vandam@rws.example" in content and "Jan van Dam" in content
    assert "Import these events" in content
    rows = {row.title: row for row in report.plan.rows}
    key = rows["Afstemming peilbesluit"].key
    assert f'name="kind-{key}"' in content

    # what a browser sends: every select as it stands, one of them changed
    form = {"token": response.context["token"]}
    for row in report.plan.rows:
        if row.state != "cancelled":
            form[f"kind-{row.key}"] = "skip" if row.kind is None else str(row.kind)
    form[f"kind-{key}"] = str(int(ActivityKind.PEER_CONSULTATION))
    confirmed = alice_client.post(URL + "confirm/", form)
    assert confirmed.status_code == 302
    assert confirmed["Location"] == "/n/regio-deal-noord/activities/calendar/?month=2026-11"
    assert Activity.objects.filter(network=network_a).count() == 10
    assert (
        Activity.objects.get(network=network_a, title="Afstemming peilbesluit").kind
        == ActivityKind.PEER_CONSULTATION
    )
    assert Attendance.objects.filter(network=network_a).count() == 25
    assert AuditEntry.objects.get(network=network_a, action="import").user.username == "alice"
    # the file is gone once used
    again = alice_client.post(URL + "confirm/", form, follow=True)
    assert b"no longer here" in again.content


def test_problems_are_listed_and_nothing_is_saved(alice_client: Client, network_a: Network) -> None:
    windows = b'TZID="W. Europe Standard Time":20261110'
    bad = OUTLOOK.read_bytes().replace(windows, b"TZID=Mars:20261110")
    before = row_counts(network_a)
    response = alice_client.post(URL, {"calendars": [SimpleUploadedFile("x.ics", bad)]})
    assert response.status_code == 400
    content = response.content.decode()
    assert "Mars" in content and "Stuurgroep Groene Delta" in content and "DTSTART" in content
    assert "Import these events" not in content
    assert row_counts(network_a) == before


def test_a_spreadsheet_is_sent_to_the_other_page(alice_client: Client) -> None:
    upload = SimpleUploadedFile("leden.csv", b"naam;organisatie\n")
    response = alice_client.post(URL, {"calendars": [upload]})
    assert response.status_code == 400
    assert b"is not a calendar file" in response.content


def test_a_forged_kind_or_token_saves_nothing(
    alice_client: Client, dave_client: Client, network_a: Network
) -> None:
    before = row_counts(network_a)
    response = alice_client.post(URL, {"calendars": [_outlook()]})
    token = response.context["token"]
    key = response.context["report"].plan.rows[0].key
    # someone else's token is no token
    stolen = dave_client.post(URL + "confirm/", {"token": token}, follow=True)
    assert b"no longer here" in stolen.content
    forged = alice_client.post(URL + "confirm/", {"token": token, f"kind-{key}": "99"}, follow=True)
    assert b"could not be read" in forged.content
    assert row_counts(network_a) == before


def test_participants_may_not_import_and_other_networks_do_not_exist(
    bob_client: Client, carol_client: Client
) -> None:
    assert bob_client.get(URL).status_code == 403
    assert bob_client.post(URL + "confirm/", {"token": "x" * 40}).status_code == 403
    assert carol_client.get(URL).status_code == 404
    assert carol_client.post(URL + "confirm/").status_code == 404


def test_the_page_speaks_dutch(alice_client: Client) -> None:
    alice_client.cookies[settings.LANGUAGE_COOKIE_NAME] = "nl"
    response = alice_client.get(URL)
    assert "Agenda importeren" in response.content.decode()


def test_a_calendar_already_imported_says_nothing_changes(
    alice_client: Client, network_a: Network, cast: dict[str, Member]
) -> None:
    first = alice_client.post(URL, {"calendars": [_outlook()]})
    form = {"token": first.context["token"]}
    assert alice_client.post(URL + "confirm/", form).status_code == 302
    again = alice_client.post(URL, {"calendars": [_outlook()]})
    assert again.status_code == 200 and not again.context["report"].changed
    assert b"already in Warmnet as it is" in again.content
