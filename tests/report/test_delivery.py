"""The report goes to the steering group by e-mail, through the worker, once a quarter."""

from __future__ import annotations

import datetime as dt
import io
from typing import Any

import pytest
import time_machine
from django.test import Client
from pypdf import PdfReader

from tests.dashboard.conftest import make_scenario_network
from tests.mailbox import Mailbox
from warmnet.mail.models import OutgoingMail
from warmnet.network.models import AuditEntry, Member, Role
from warmnet.report import delivery
from warmnet.report.actions import save_schedule
from warmnet.report.models import ReportSchedule
from warmnet.report.periods import Period


@pytest.fixture
def network(alice: Any) -> Any:
    scenario = make_scenario_network("together", (alice, Role.COORDINATOR))
    net = scenario.network
    # the steering group: two observers (one reads English), one without an address
    org = Member.objects.filter(network=net).first().organisation  # type: ignore[union-attr]
    for name, email, language in (
        ("Sanne Stuur", "sanne@example.org", "nl"),
        ("Sam Steer", "sam@example.org", "en"),
        ("Geen Adres", "", ""),
    ):
        Member.objects.create(
            network=net,
            organisation=org,
            name=name,
            email=email,
            language=language,
            role=Role.OBSERVER,
            joined_on=dt.date(2024, 11, 1),
        )
    return net


def test_each_quarter_goes_once_to_the_role_with_the_pdf_attached(
    network: Any, alice: Any, mailbox: Mailbox, run_tasks: Any
) -> None:
    observers = Member.objects.filter(network=network, role=Role.OBSERVER)
    save_schedule(network, alice, enabled=True, role=Role.OBSERVER, members=[], days_after=7)
    day = dt.date(2026, 10, 7)
    expected = sorted(
        m.email for m in observers if m.email and (m.left_on is None or m.left_on >= day)
    )
    assert delivery.run_due(dt.date(2026, 10, 6)) == 0  # six days after the quarter: not yet
    with time_machine.travel("2026-10-07 09:00", tick=False):
        assert delivery.run_due(dt.date(2026, 10, 7)) == len(expected)
        run_tasks()
    assert ReportSchedule.objects.get(network=network).last_sent == "2026-Q3"
    assert sorted(r.envelope_to[0] for r in mailbox.received) == expected
    assert {"sam@example.org", "sanne@example.org"} <= set(expected)
    dutch = mailbox.to("sanne@example.org")[0]
    english = mailbox.to("sam@example.org")[0]
    assert dutch.message["Subject"].startswith("Rapport stuurgroep")
    assert english.message["Subject"].startswith("Steering-group report")
    for mail, heading in ((dutch, "rapport voor de stuurgroep"), (english, "report for the")):
        attachments = [p for p in mail.message.walk() if p.get_content_type() == "application/pdf"]
        assert len(attachments) == 1
        assert attachments[0].get_filename().endswith("-2026-Q3.pdf")
        pdf = PdfReader(io.BytesIO(attachments[0].get_payload(decode=True)))
        assert heading in pdf.pages[0].extract_text().lower()
    # the next run, and the next day, send nothing again
    assert delivery.run_due(dt.date(2026, 10, 9)) == 0
    run_tasks()
    assert len(mailbox.received) == len(expected)
    assert OutgoingMail.objects.filter(network=network, kind="report").count() == len(expected)
    assert AuditEntry.objects.filter(network=network, action="send", object_type="report").exists()


def test_the_coordinator_sends_a_report_now_to_named_members(
    network: Any, alice: Any, alice_client: Client, mailbox: Mailbox, run_tasks: Any
) -> None:
    sanne = Member.objects.get(network=network, name="Sanne Stuur")
    nobody = Member.objects.get(network=network, name="Geen Adres")
    response = alice_client.post(
        f"/n/{network.slug}/report/schedule/",
        {"members": [sanne.pk, nobody.pk], "days_after": "7"},
    )
    assert response.status_code == 302
    page = alice_client.get(f"/n/{network.slug}/report/prepare/?quarter=2026-Q3").content.decode()
    assert "Geen Adres" in page and "no e-mail address" in page
    response = alice_client.post(f"/n/{network.slug}/report/send/?quarter=2026-Q3")
    assert response.status_code == 302
    run_tasks()
    assert [r.envelope_to for r in mailbox.received] == [["sanne@example.org"]]


def test_a_schedule_without_recipients_is_refused(network: Any, alice_client: Client) -> None:
    response = alice_client.post(
        f"/n/{network.slug}/report/schedule/", {"enabled": "on", "days_after": "7"}
    )
    assert response.status_code == 400
    assert "Choose a role or members" in response.content.decode()
    response = alice_client.post(
        f"/n/{network.slug}/report/schedule/", {"role": "3", "days_after": "99"}
    )
    assert response.status_code == 400
    assert not ReportSchedule.objects.exists()


def test_a_period_knows_the_one_before() -> None:
    q3 = Period(dt.date(2026, 7, 1), dt.date(2026, 9, 30))
    assert q3.quarter == "2026-Q3" and q3.previous().quarter == "2026-Q2"
    span = Period(dt.date(2026, 2, 15), dt.date(2026, 3, 14))
    assert span.quarter == "" and span.previous() == Period(
        dt.date(2026, 1, 18), dt.date(2026, 2, 14)
    )
    q1 = Period(dt.date(2026, 1, 1), dt.date(2026, 3, 31))
    assert q1.previous() == Period(dt.date(2025, 10, 1), dt.date(2025, 12, 31))
