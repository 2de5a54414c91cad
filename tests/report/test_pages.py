"""The report's pages: who may see them, the coordinator's voice, bad periods."""

from __future__ import annotations

import datetime as dt
import re
import sys
from typing import Any

import pytest
import time_machine
from django.test import Client

from tests.dashboard.conftest import make_scenario_network
from warmnet.dossiers.models import Milestone, MilestoneKind
from warmnet.network.models import AuditEntry, Role
from warmnet.report.models import Report

TODAY = "2026-11-01 12:00"


@pytest.fixture
def together(alice: Any, dave: Any, bob: Any, olga: Any) -> Any:
    return make_scenario_network(
        "together",
        (alice, Role.COORDINATOR),
        (dave, Role.CORE_TEAM),
        (bob, Role.PARTICIPANT),
        (olga, Role.OBSERVER),
    )


@time_machine.travel(TODAY, tick=False)
def test_the_dashboard_leads_to_the_report_in_one_click(
    together: Any, alice_client: Client
) -> None:
    dashboard = alice_client.get(together.url).content.decode()
    url = f"/n/{together.network.slug}/report/"
    assert f'href="{url}"' in dashboard
    page = alice_client.get(url)
    assert page.status_code == 200
    body = page.content.decode()
    assert "report/report.css" in body and "<script" not in body
    assert "Q3 2026" in body or "Q4 2026" in body
    assert f"/n/{together.network.slug}/report/pdf/?quarter=" in body


@time_machine.travel(TODAY, tick=False)
def test_coordinators_and_core_team_download_the_pdf(
    together: Any, alice_client: Client, dave_client: Client
) -> None:
    for client in (alice_client, dave_client):
        response = client.get(f"/n/{together.network.slug}/report/pdf/?quarter=2026-Q3")
        assert response.status_code == 200
        assert response["Content-Type"] == "application/pdf"
        assert response["Content-Disposition"].endswith('-2026-Q3.pdf"')
        assert response.content.startswith(b"%PDF-")


@time_machine.travel(TODAY, tick=False)
def test_without_weasyprint_the_pdf_link_says_why_and_offers_the_print_page(
    together: Any, alice_client: Client, monkeypatch: pytest.MonkeyPatch
) -> None:
    # A server without WeasyPrint (or pango) cannot import the PDF side: None in
    # sys.modules makes that import fail exactly as a missing library does.
    monkeypatch.setitem(sys.modules, "warmnet.report.weasy", None)
    response = alice_client.get(f"/n/{together.network.slug}/report/pdf/?quarter=2026-Q3")
    assert response.status_code == 503
    assert response["Content-Type"].startswith("text/html")
    body = response.content.decode()
    assert "pango" in body
    assert "report/report.css" in body  # the print page itself, which works


@time_machine.travel(TODAY, tick=False)
@pytest.mark.parametrize("persona", ["bob", "olga"])
def test_participants_and_observers_may_not_see_the_report(
    together: Any, persona: str, request: pytest.FixtureRequest
) -> None:
    client = request.getfixturevalue(f"{persona}_client")
    slug = together.network.slug
    for url in ("report/", "report/pdf/", "report/prepare/"):
        assert client.get(f"/n/{slug}/{url}").status_code == 403, url


@time_machine.travel(TODAY, tick=False)
@pytest.mark.parametrize(
    ("query", "message"),
    [
        ("since=2026-05-01&until=2026-04-01", "The last day (2026-04-01) is before the first day"),
        ("quarter=2026-Q5", "is not a quarter: write it as 2025-Q3."),
        ("quarter=2027-Q2", "after today: there is nothing to report yet."),
        ("since=2026-05-01", "Give both the first and the last day of the period."),
        ("since=1800-01-01&until=2026-01-01", "Give a date between 1900-01-01 and 2199-12-31."),
        ("since=2020-01-01&until=2026-01-01", "A report covers at most two years."),
    ],
)
def test_a_bad_period_gets_a_clear_message(
    together: Any, alice_client: Client, query: str, message: str
) -> None:
    for page in ("report/", "report/pdf/", "report/prepare/"):
        response = alice_client.get(f"/n/{together.network.slug}/{page}?{query}")
        assert response.status_code == 400, page
        assert message in response.content.decode(), page


@time_machine.travel(TODAY, tick=False)
def test_the_coordinators_foreword_and_proposals_are_kept_and_audited(
    together: Any, alice_client: Client
) -> None:
    slug = together.network.slug
    form = alice_client.get(f"/n/{slug}/report/prepare/?quarter=2026-Q3")
    assert form.status_code == 200
    choices = form.context["draft_form"].fields["proposals"].choices
    assert choices, "the analysis offers suggestions to put forward"
    chosen = choices[0][0]
    foreword = "Een goed kwartaal.\nWe stellen een werkbezoek voor."
    response = alice_client.post(
        f"/n/{slug}/report/prepare/?quarter=2026-Q3",
        {"foreword": foreword, "proposals": [chosen]},
    )
    assert response.status_code == 302
    report = Report.objects.get(network=together.network)
    assert (str(report.period_start), str(report.period_end)) == ("2026-07-01", "2026-09-30")
    assert report.proposals == [chosen] and report.include_people is False
    entry = AuditEntry.objects.filter(network=together.network, object_type="report").get()
    assert entry.changes == {"foreword": len(foreword), "proposals": 1, "include_people": False}
    page = alice_client.get(f"/n/{slug}/report/?quarter=2026-Q3").content.decode()
    assert "The coordinator's view" in page and "Een goed kwartaal." in page
    assert "Proposal of the coordinator" in page
    assert "The report&#x27;s foreword and proposals are saved." in page


@time_machine.travel(TODAY, tick=False)
def test_a_foreword_with_control_characters_is_refused_and_nothing_saved(
    together: Any, alice_client: Client
) -> None:
    response = alice_client.post(
        f"/n/{together.network.slug}/report/prepare/?quarter=2026-Q3",
        {"foreword": "Goed\x07kwartaal", "proposals": ["no-such-suggestion"]},
    )
    assert response.status_code == 400
    body = response.content.decode()
    assert "control characters" in body
    assert "Select a valid choice" in body
    assert not Report.objects.exists()


@time_machine.travel(TODAY, tick=False)
def test_the_reports_first_step_is_the_next_decision_with_its_countdown(
    together: Any, alice_client: Client
) -> None:
    Milestone.objects.filter(network=together.network, date__gt=dt.date(2026, 9, 30)).delete()
    Milestone.objects.create(
        network=together.network,
        kind=MilestoneKind.DECISION,
        title="Besluit dijkversterking",
        date=dt.date(2026, 11, 18),  # 7 weeks after the quarter's last day
    )
    body = alice_client.get(
        f"/n/{together.network.slug}/report/?quarter=2026-Q3", HTTP_ACCEPT_LANGUAGE="en"
    ).content.decode()
    steps = body.split("<ol", 1)[1].split("</ol>", 1)[0]
    first = re.sub(r"<[^>]+>", " ", steps.split("</li>", 1)[0])
    assert "Besluit dijkversterking in 7 weeks — plan before 18 November" in " ".join(first.split())
