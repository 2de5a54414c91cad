"""The survey without a mail server, as in ``warmnet demo``, on a 390 px phone.

A coordinator opens a round for a demo-like network and sends the invitations; the
outbox shows them as one sealed line of counts (no names, addresses or links); a member
logs in, finds "Enquête invullen" on Mijn overzicht, answers, and the button is gone.
"""

from __future__ import annotations

import datetime as dt
import re
from typing import Any

import pytest
from django.contrib.auth import get_user_model

from tests.browser.axe import describe, serious_violations
from tests.browser.login import log_in
from tests.conftest import PASSWORD
from warmnet.background.worker import drain
from warmnet.generate.management.commands.demo import DEMO_SCENARIO, DEMO_SEED
from warmnet.generate.synth import generate_network
from warmnet.generate.writer import write_network
from warmnet.lib.email_url import OUTBOX_BACKEND
from warmnet.mail.models import OutgoingMail
from warmnet.network.models import Member, Organisation, Role
from warmnet.surveys.models import Invitation, Response, SurveyRound

pytestmark = pytest.mark.django_db(transaction=True)

PHONE = {"width": 390, "height": 844}


def _fits(page: Any) -> None:
    assert page.evaluate("() => document.documentElement.scrollWidth") <= PHONE["width"]


def test_without_a_mail_server_a_member_answers_from_their_own_overview(
    live_server: Any, browser: Any, shoot: Any, alice: Any, settings: Any
) -> None:
    settings.EMAIL_BACKEND = OUTBOX_BACKEND  # what `warmnet demo` configures
    today = dt.date.today()
    g = generate_network(
        DEMO_SEED, "demo", DEMO_SCENARIO, start=today - dt.timedelta(days=700), years=2.0
    )
    network = write_network(g, "peiling-zonder-mail").network
    Member.objects.create(
        network=network,
        organisation=Organisation.objects.filter(network=network).order_by("pk").first(),
        name="Alice de Vries",
        email="alice@example.org",
        role=Role.COORDINATOR,
        joined_on=today - dt.timedelta(days=700),
        user=alice,
    )
    piet = (
        Member.objects.filter(network=network, user__isnull=True, left_on__isnull=True)
        .exclude(email="")
        .order_by("pk")
        .first()
    )
    assert piet is not None
    piet.user = get_user_model().objects.create_user("piet", piet.email, PASSWORD)
    piet.save(update_fields=["user"])
    base = live_server.url

    context = browser.new_context(viewport=PHONE, locale="nl-NL")
    phone = context.new_page()
    phone.set_default_timeout(10_000)
    log_in(phone, base, "alice")
    phone.goto(f"{base}/n/{network.slug}/surveys/new/")
    phone.get_by_label("Titel").fill("Enquête Q3")
    phone.get_by_role("button", name="Opslaan").click()
    phone.get_by_role("button", name="Uitnodigingen versturen").click()
    phone.locator(".messages li").first.wait_for()
    survey = SurveyRound.objects.get(network=network)
    invited = survey.invitations.count()
    assert invited >= 20
    drain()  # the demo's worker thread does this

    # the outbox: one sealed line of counts, nobody named, no link
    phone.goto(f"{base}/n/{network.slug}/outbox/")
    line = phone.locator(".sealed-lines li")
    assert line.count() == 1
    text = line.inner_text()
    assert text.startswith(f"Enquête Q3: {invited} uitnodigingen, 0 verzonden / 0 wachtend")
    assert f"{invited} bewaard, geen mailserver" in text
    main = phone.locator("main").inner_text()
    assert piet.name not in main and "@" not in main
    assert "/s/" not in phone.content()
    assert phone.locator("table.outbox a").count() == 0
    assert set(OutgoingMail.objects.values_list("sealed", "to", "body_text")) == {(True, "", "")}
    _fits(phone)
    assert serious_violations(phone) == [], describe(serious_violations(phone))
    shoot(phone, "survey-sealed-outbox-phone")
    # the coordinator's own overview offers the coordinator's own survey, nobody else's
    phone.goto(f"{base}/n/{network.slug}/me/")
    assert phone.get_by_role("button", name="Enquête invullen").count() == 1
    assert piet.name not in phone.locator("main").inner_text()
    context.close()

    # the member logs in on their phone and answers from Mijn overzicht
    context = browser.new_context(viewport=PHONE, locale="nl-NL")
    phone = context.new_page()
    phone.set_default_timeout(10_000)
    log_in(phone, base, "piet")
    phone.goto(f"{base}/n/{network.slug}/me/")
    assert "Enquête Q3" in phone.locator(".my-surveys").inner_text()
    _fits(phone)
    assert serious_violations(phone) == [], describe(serious_violations(phone))
    shoot(phone, "survey-own-overview-phone")
    phone.get_by_role("button", name="Enquête invullen").click()
    phone.wait_for_url(re.compile(r"/s/[A-Za-z0-9_-]{43}/$"))
    assert phone.locator("h1").inner_text() == "Enquête Q3"
    _fits(phone)
    phone.locator("fieldset.question").nth(0).get_by_text("4", exact=True).click()
    phone.get_by_role("button", name="Mijn antwoorden versturen").click()
    phone.wait_for_url(re.compile("/s/answered/$"))
    assert Response.objects.filter(round=survey).count() == 1
    assert Invitation.objects.get(round=survey, member=piet).responded

    phone.goto(f"{base}/n/{network.slug}/me/")
    assert phone.locator(".my-surveys").count() == 0
    assert phone.get_by_role("button", name="Enquête invullen").count() == 0
    context.close()
