"""The web upload: files in, a preview, a confirm button; writers only."""

from __future__ import annotations

from typing import Any

import pytest
from django.conf import settings
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client

from tests.transfer.conftest import EXAMPLES, row_counts
from warmnet.network.models import AuditEntry, Member, Network

URL = "/n/regio-deal-noord/transfer/import/"


@pytest.fixture(autouse=True)
def english_pages(alice_client: Client, dave_client: Client) -> None:
    """Pages in English (the default language is Dutch), so the assertions can read them."""
    for client in (alice_client, dave_client):
        client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"


def _upload(*names: str) -> list[SimpleUploadedFile]:
    return [SimpleUploadedFile(n, (EXAMPLES / n).read_bytes()) for n in names]


def test_upload_preview_confirm(alice_client: Client, network_a: Network) -> None:
    assert alice_client.get(URL).status_code == 200
    response = alice_client.post(URL, {"uploads": _upload("organisaties.csv", "leden.csv")})
    assert response.status_code == 200
    assert response.context["report"].ok
    assert b"Import these changes" in response.content
    assert not Member.objects.filter(network=network_a, name="Priya Ramdin").exists()
    token = response.context["token"]
    response = alice_client.post(URL + "confirm/", {"token": token}, follow=True)
    assert response.status_code == 200
    assert Member.objects.filter(network=network_a, name="Priya Ramdin").exists()
    assert AuditEntry.objects.get(network=network_a, action="import").user.username == "alice"
    # the files are gone once used
    again = alice_client.post(URL + "confirm/", {"token": token}, follow=True)
    assert b"no longer here" in again.content


def test_errors_are_shown_as_a_table_and_nothing_is_saved(
    alice_client: Client, network_a: Network
) -> None:
    bad = SimpleUploadedFile("leden.csv", b"naam,organisatie,lid sinds\nA,B,gisteren\n")
    before = row_counts(network_a)
    response = alice_client.post(URL, {"uploads": [bad]})
    assert response.status_code == 400
    assert b"gisteren" in response.content
    assert b"Import these changes" not in response.content
    assert row_counts(network_a) == before


def test_a_token_from_someone_else_or_a_path_is_refused(
    alice_client: Client, dave_client: Client, network_a: Network
) -> None:
    before = row_counts(network_a)
    response = alice_client.post(URL, {"uploads": _upload("organisaties.csv")})
    token = response.context["token"]
    for forged in (token, "../../etc", "/etc/passwd"):
        response = dave_client.post(URL + "confirm/", {"token": forged}, follow=True)
        assert b"no longer here" in response.content
    assert row_counts(network_a) == before


def test_a_participant_may_not_import_or_export(bob_client: Client) -> None:
    assert bob_client.get(URL).status_code == 403
    assert bob_client.post(URL + "confirm/", {"token": "x" * 40}).status_code == 403
    assert bob_client.get("/n/regio-deal-noord/transfer/export/").status_code == 403
    assert bob_client.get("/n/regio-deal-noord/transfer/export/csv/").status_code == 403


def test_another_network_does_not_exist_for_carol(carol_client: Client) -> None:
    assert carol_client.get(URL).status_code == 404
    assert carol_client.get("/n/regio-deal-noord/transfer/export/xlsx/").status_code == 404


def test_the_export_page_offers_both_downloads(alice_client: Client, alice: Any) -> None:
    page = alice_client.get("/n/regio-deal-noord/transfer/export/")
    assert page.status_code == 200
    for fmt, magic in (("csv", b"PK"), ("xlsx", b"PK")):
        response = alice_client.get(f"/n/regio-deal-noord/transfer/export/{fmt}/")
        assert response.status_code == 200
        assert b"".join(response.streaming_content).startswith(magic)
        assert "attachment" in response["Content-Disposition"]
    assert alice_client.get("/n/regio-deal-noord/transfer/export/pdf/").status_code == 404
