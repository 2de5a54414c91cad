"""Survey mail in the sealed outbox: queued and delivered like other mail, but shown to
coordinators (and superusers) only as counts per round and kind; no page, export or
API call shows to whom a survey mail went or the personal link in it."""

from __future__ import annotations

import datetime as dt
import json
import re
from collections.abc import Iterator
from typing import Any

import pytest
import time_machine
from django.contrib.admin.sites import site
from django.contrib.auth import get_user_model
from django.test import Client

from tests.api.conftest import token as api_token
from tests.conftest import PASSWORD
from tests.mailbox import Mailbox
from tests.surveys.conftest import BASE, LINK, TODAY, make_round, outbox
from warmnet.lib.email_url import OUTBOX_BACKEND
from warmnet.mail.models import MailStatus, OutgoingMail
from warmnet.mail.tasks import RETRY_AFTER
from warmnet.network.models import Member, Network
from warmnet.privacy.actions import export_person
from warmnet.surveys.actions import invite, remind
from warmnet.surveys.models import SurveyRound

NOW = dt.datetime.combine(TODAY, dt.time(9), tzinfo=dt.UTC)


@pytest.fixture(autouse=True)
def _today() -> Iterator[None]:
    with time_machine.travel(NOW, tick=False):
        yield


def _invite_and_remind(network: Network, answerer: Member) -> tuple[SurveyRound, dict[str, str]]:
    """A round: 15 invitations delivered, one answer, then 14 reminders still waiting
    for the worker.  Returns the round and every link that was mailed."""
    from tests.surveys.conftest import answer

    survey = make_round(network)
    invite(survey, None, BASE, TODAY)
    mailed = outbox()
    links = {m.to[0]: LINK.search(m.body).group(1) for m in mailed}  # type: ignore[union-attr]
    answer(links[answerer.email], trust=4)
    assert remind(survey, None, BASE, TODAY) == 14
    return survey, links


def _secrets(network: Network, links: dict[str, str]) -> list[str]:
    """What must never appear: every recipient's name and address, the links, the
    subjects and the texts of the survey mails."""
    out = [*links.values(), "/s/", "Peilingsronde:", "Herinnering:", "Beste "]
    for m in Member.objects.filter(network=network).exclude(role=0):
        out += [m.name, m.email]
    return out


def test_the_outbox_shows_survey_mail_only_as_counts(
    crowd: Any, network_a: Network, alice_client: Client
) -> None:
    bob = Member.objects.get(name="Bob Jansen")
    survey, links = _invite_and_remind(network_a, bob)
    boss = get_user_model().objects.create_superuser("boss", "boss@example.org", PASSWORD)
    superuser = Client()
    superuser.force_login(boss)
    # the superuser is a coordinator of the network too (the outbox is for coordinators)
    alice = Member.objects.get(name="Alice de Vries")
    Member.objects.create(
        network=network_a,
        organisation=alice.organisation,
        name="Baas",
        role=0,
        user=boss,
        joined_on=dt.date(2024, 1, 1),
    )
    for client in (alice_client, superuser):
        page = client.get(f"/n/{network_a.slug}/outbox/")
        assert page.status_code == 200
        html = page.content.decode()
        text = re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", html))
        assert "Voorjaar 2025 : 15 uitnodigingen, 15 verzonden / 0 wachtend" in text
        assert "Voorjaar 2025 : 14 herinneringen, 0 verzonden / 14 wachtend" in text
        for secret in _secrets(network_a, links):
            assert secret not in html, secret
        for mail in OutgoingMail.objects.filter(sealed=True):
            assert f"/outbox/{mail.pk}/" not in html
        # filtering by status lists no survey mail either
        for status in MailStatus.values:
            html = client.get(f"/n/{network_a.slug}/outbox/", {"status": status}).content
            assert b"Herinnering" not in html and b"Peilingsronde" not in html
    # once delivered, a survey mail keeps neither its recipient nor its text
    delivered = OutgoingMail.objects.filter(kind="survey_invitation")
    assert delivered.count() == 15
    for mail in delivered:
        assert mail.status == MailStatus.SENT and mail.sealed
        assert (mail.to, mail.to_name, mail.body_text, mail.member_id, mail.user_id) == (
            "",
            "",
            "",
            None,
            None,
        )
    # a waiting one names no member either: only the address it must still go to
    waiting = OutgoingMail.objects.filter(kind="survey_reminder")
    assert {m.member_id for m in waiting} == {None}
    assert bob.email not in {m.to for m in waiting}
    outbox()
    assert {(m.to, m.body_text) for m in waiting.all()} == {("", "")}
    assert survey.pk


def test_no_page_opens_for_a_survey_mail(
    crowd: Any, network_a: Network, alice_client: Client
) -> None:
    bob = Member.objects.get(name="Bob Jansen")
    _invite_and_remind(network_a, bob)
    slug = network_a.slug
    for mail in OutgoingMail.objects.filter(sealed=True):
        assert alice_client.get(f"/n/{slug}/outbox/{mail.pk}/").status_code == 404
        assert alice_client.get(f"/n/{slug}/outbox/{mail.pk}/attachment/0/").status_code == 404
        assert alice_client.post(f"/n/{slug}/outbox/{mail.pk}/retry/").status_code == 404


def test_no_admin_export_or_api_shows_a_survey_mail(
    crowd: Any, network_a: Network, alice: Any
) -> None:
    bob = Member.objects.get(name="Bob Jansen")
    _survey, links = _invite_and_remind(network_a, bob)
    assert OutgoingMail not in site._registry
    boss = get_user_model().objects.create_superuser("boss", "boss@example.org", PASSWORD)
    admin = Client()
    admin.force_login(boss)
    assert admin.get("/admin/mail/outgoingmail/").status_code == 404
    index = admin.get("/admin/").content.decode()
    assert "outgoingmail" not in index.lower()
    secrets = [*links.values(), "Herinnering:", "Peilingsronde:"]
    # every member's access export: survey participation, never a mail or a link
    for member in Member.objects.filter(network=network_a):
        exported = json.dumps(export_person(member, now=NOW), default=str)
        for secret in secrets:
            assert secret not in exported
    # every GET of the API that lists things of the network
    from tests.surveys.test_attacks import API_PATHS

    api = Client(HTTP_AUTHORIZATION=f"Bearer {api_token(alice, network_a)}")
    for path in API_PATHS:
        body = api.get("/api/v1" + path.replace("{network}", network_a.slug)).content.decode()
        for secret in secrets:
            assert secret not in body, (path, secret)


def test_delivery_through_a_real_smtp_server_with_retries(
    crowd: Any, network_a: Network, mailbox: Mailbox, alice_client: Client, run_tasks: Any
) -> None:
    survey = make_round(network_a)
    mailbox.down = True
    assert invite(survey, None, BASE, TODAY).sent == 15
    run_tasks()
    assert set(OutgoingMail.objects.values_list("status", flat=True)) == {MailStatus.RETRYING}
    text = alice_client.get(f"/n/{network_a.slug}/outbox/").content.decode()
    assert "0 verzonden / 15 wachtend" in text
    # the server is back: the next attempt delivers every invitation, each with its link
    mailbox.down = False
    with time_machine.travel(NOW + RETRY_AFTER[0], tick=False):
        run_tasks()
    assert len(mailbox.received) == 15
    received = {r.envelope_to[0]: r for r in mailbox.received}
    bob = received["bob@example.org"]
    assert bob.message["Subject"].startswith("Peilingsronde: Voorjaar 2025")
    link = LINK.search(bob.text())
    assert link is not None
    # the link in the mail works: the answer page opens
    assert Client().get(f"/s/{link.group(1)}/").status_code == 200
    text = alice_client.get(f"/n/{network_a.slug}/outbox/").content.decode()
    assert "15 verzonden / 0 wachtend" in text
    assert set(OutgoingMail.objects.values_list("to", "body_text")) == {("", "")}


def test_without_a_mail_server_survey_mail_is_kept_sealed(
    crowd: Any, network_a: Network, alice_client: Client, settings: Any
) -> None:
    """The demo (EMAIL_URL unset, or outbox:): the mails are recorded, counted, and
    readable by nobody; members answer from their own overview."""
    settings.EMAIL_BACKEND = OUTBOX_BACKEND
    survey = make_round(network_a)
    invite(survey, None, BASE, TODAY)
    assert outbox() == []
    mails = OutgoingMail.objects.filter(reference=f"survey:{survey.pk}")
    assert mails.count() == 15
    assert set(mails.values_list("status", "sealed", "to", "body_text")) == {
        (MailStatus.OUTBOX, True, "", "")
    }
    text = alice_client.get(f"/n/{network_a.slug}/outbox/").content.decode()
    assert "15 uitnodigingen" in text
    assert "15 bewaard, geen mailserver" in text
    assert "bob@example.org" not in text
