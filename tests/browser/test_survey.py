"""The pulse survey end to end in real Chromium, with mail through a real SMTP server.

A coordinator opens a round for a demo-like network; the invitations wait sealed in the
outbox (counts only) until the worker delivers them to an aiosmtpd server in this
process, where they are parsed with the ``email`` package; three members answer through
their links (one on a 390 px phone with the keyboard only); the round closes; the
results show the figures where the minimum group (3) is met and "te weinig antwoorden"
where it is not.
"""

from __future__ import annotations

import datetime as dt
import email
import re
from email.policy import default as default_policy
from typing import Any

import pytest
from aiosmtpd.controller import Controller

from tests.browser.axe import axe_violations
from tests.browser.login import log_in
from warmnet.background.worker import drain
from warmnet.generate.management.commands.demo import DEMO_SCENARIO, DEMO_SEED
from warmnet.generate.synth import generate_network
from warmnet.generate.writer import write_network
from warmnet.network.models import Member, Organisation, Role
from warmnet.surveys.models import Response, SurveyRound

pytestmark = pytest.mark.django_db(transaction=True)

SMTP_PORT = 8071
PHONE = {"width": 390, "height": 844}
LINK = re.compile(r"https?://[^/\s]+(/s/[A-Za-z0-9_-]{43}/)")


class Inbox:
    """An aiosmtpd handler that keeps every message it receives."""

    def __init__(self) -> None:
        self.messages: list[email.message.EmailMessage] = []

    async def handle_DATA(self, server: Any, session: Any, envelope: Any) -> str:
        message = email.message_from_bytes(envelope.content, policy=default_policy)
        self.messages.append(message)  # type: ignore[arg-type]
        return "250 Message accepted for delivery"


@pytest.fixture
def inbox(settings: Any) -> Any:
    handler = Inbox()
    controller = Controller(handler, hostname="127.0.0.1", port=SMTP_PORT)
    controller.start()
    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST, settings.EMAIL_PORT = "127.0.0.1", SMTP_PORT
    settings.DEFAULT_FROM_EMAIL = "warmnet@example.org"
    yield handler
    controller.stop()


def _link(message: email.message.EmailMessage) -> str:
    body = message.get_body(preferencelist=("plain",))
    assert body is not None
    match = LINK.search(body.get_content())
    assert match, body.get_content()
    return match.group(1)


def test_a_round_from_invitation_to_results(
    live_server: Any, page: Any, shoot: Any, alice: Any, inbox: Inbox, settings: Any
) -> None:
    today = dt.date.today()
    g = generate_network(
        DEMO_SEED, "demo", DEMO_SCENARIO, start=today - dt.timedelta(days=700), years=2.0
    )
    network = write_network(g, "peiling-demo").network
    first_org = Organisation.objects.filter(network=network).order_by("pk").first()
    Member.objects.create(
        network=network,
        organisation=first_org,
        name="Alice de Vries",
        email="alice@example.org",
        role=Role.COORDINATOR,
        joined_on=today - dt.timedelta(days=700),
        user=alice,
    )
    base = live_server.url
    log_in(page, base, "alice")

    # the minimum group of this network: 3 (the lowest allowed)
    page.goto(f"{base}/n/{network.slug}/surveys/settings/")
    page.get_by_label("Minimale groep").fill("3")
    page.get_by_role("button", name="Opslaan").click()

    # open a round for the whole network, with every question
    page.goto(f"{base}/n/{network.slug}/surveys/new/")
    page.get_by_label("Titel").fill("Peiling najaar")
    page.get_by_role("button", name="Opslaan").click()
    page.get_by_role("button", name="Uitnodigingen versturen").click()
    page.locator(".messages li").first.wait_for()
    survey = SurveyRound.objects.get(network=network)
    assert survey.min_group == 3
    invited = survey.invitations.count()
    assert invited >= 20
    # queued, sealed: the outbox counts them and names nobody
    page.goto(f"{base}/n/{network.slug}/outbox/")
    sealed = page.locator(".sealed-lines li").first.inner_text()
    assert f"{invited} uitnodigingen, 0 verzonden / {invited} wachtend" in sealed
    assert inbox.messages == []
    drain()  # the worker delivers them
    assert len(inbox.messages) == invited
    page.reload()
    sealed = page.locator(".sealed-lines li").first.inner_text()
    assert f"{invited} uitnodigingen, {invited} verzonden / 0 wachtend" in sealed
    assert "@" not in page.locator("main").inner_text()
    by_address = {str(m["To"]): m for m in inbox.messages}
    assert by_address["alice@example.org"]["Subject"].startswith("Peilingsronde: Peiling najaar")

    # three members of three different organisations answer through their links
    respondents = []
    seen_orgs: set[int] = set()
    for m in Member.objects.filter(network=network).exclude(email="").order_by("pk"):
        if m.email in by_address and m.organisation_id not in seen_orgs and m.user_id is None:
            respondents.append(m)
            seen_orgs.add(m.organisation_id)
        if len(respondents) == 3:
            break
    context = page.context.browser.new_context(viewport=PHONE, locale="nl-NL")
    phone = context.new_page()
    phone.set_default_timeout(10_000)
    for i, member in enumerate(respondents):
        phone.goto(base + _link(by_address[member.email]))
        assert phone.locator("h1").inner_text() == "Peiling najaar"
        if i == 0:
            # 390 px wide: nothing sticks out sideways, and axe finds nothing serious
            width = phone.evaluate("() => document.documentElement.scrollWidth")
            assert width <= PHONE["width"]
            assert axe_violations(phone) == []
            shoot(phone, "survey-answer-phone")
            # the keyboard only: into the first scale, arrows choose, space confirms
            phone.get_by_role("radio", name=re.compile("^1")).first.focus()
            for _ in range(3):
                phone.keyboard.press("ArrowRight")
            assert phone.locator("input[name=trust]:checked").get_attribute("value") == "4"
            partner = phone.locator("details.partner summary").first
            partner.focus()
            phone.keyboard.press("Enter")
            assert phone.locator("details.partner").first.get_attribute("open") is not None
            phone.locator("details.partner").first.get_by_role(
                "radio", name=re.compile("^5")
            ).first.check()
        else:
            phone.locator("fieldset.question").nth(0).get_by_text("2", exact=True).click()
        phone.locator("fieldset.question").nth(5).get_by_text("weet ik niet").click()
        phone.get_by_label("Wat zou dit netwerk nu het meest helpen?").fill(f"Idee {i + 1}")
        phone.get_by_role("button", name="Mijn antwoorden versturen").click()
        phone.wait_for_url(re.compile("/s/answered/$"))
        assert "zonder uw naam" in phone.locator("main").inner_text()
        # the link is spent
        phone.goto(base + _link(by_address[member.email]))
        assert "niet (meer) geldig" in phone.locator("h1").inner_text()
    context.close()
    assert Response.objects.filter(round=survey).count() == 3

    # while open: counts only, no figures
    page.goto(f"{base}/n/{network.slug}/surveys/{survey.pk}/")
    assert f"3 van {invited} uitgenodigde leden" in page.locator("main").inner_text()
    assert page.locator("article.item").count() == 0

    # the coordinator closes the round; the results appear
    page.get_by_role("button", name="Nu sluiten").click()
    page.locator("article.item").first.wait_for()
    trust = page.locator("article.item[data-item=trust]")
    assert "3 antwoorden" in trust.inner_text()
    assert "2,7" in trust.locator(".mean").inner_text()  # 4, 2 and 2: 2.67, rounded
    trust.locator("details.groups summary").click()
    assert "3 organisaties: te weinig antwoorden" in trust.locator("details.groups").inner_text()
    partners = page.locator(
        "section", has=page.get_by_role("heading", name="Vertrouwen en waarde tussen organisaties")
    )
    assert "te weinig antwoorden" in partners.inner_text()
    open_answers = page.locator("ul.open-answers li").all_inner_texts()
    assert sorted(open_answers) == ["Idee 1", "Idee 2", "Idee 3"]
    shoot(page, "survey-results")
    assert axe_violations(page) == []
    # filtered to one respondent's organisation: too few answers, like any small group
    page.goto(
        f"{base}/n/{network.slug}/surveys/{survey.pk}/?organisation={respondents[0].organisation_id}"
    )
    assert "te weinig antwoorden" in page.locator("article.item[data-item=trust]").inner_text()


def test_the_survey_on_the_organisation_map_and_in_the_verdict(
    live_server: Any, page: Any, shoot: Any, alice: Any
) -> None:
    """The demo's closed rounds: the organisation map shows reported trust beside the
    warm ties (desktop and a 390 px phone), the verdict's evidence names the round;
    axe finds nothing serious on either page."""
    from tests.browser.axe import describe, serious_violations
    from warmnet.surveys.demo import ensure_demo_surveys

    today = dt.date.today()
    g = generate_network(
        DEMO_SEED, "demo", DEMO_SCENARIO, start=today - dt.timedelta(days=730), years=2.0
    )
    network = write_network(g, "peiling-kaart").network
    assert ensure_demo_surveys(network, today) == 2
    Member.objects.create(
        network=network,
        organisation=Organisation.objects.filter(network=network).order_by("pk").first(),
        name="Alice de Vries",
        email="alice@example.org",
        role=Role.COORDINATOR,
        joined_on=today - dt.timedelta(days=730),
        user=alice,
    )
    base = live_server.url
    log_in(page, base, "alice")

    page.goto(f"{base}/n/{network.slug}/map/organisations/")
    layer = page.locator("#survey-layer")
    layer.wait_for()
    assert "Peiling: gerapporteerd vertrouwen naast de warme banden" in layer.inner_text()
    published = layer.locator("tr.published")
    assert published.count() >= 1
    # each published row: a trust figure; the too-few rows: never a figure
    for row in layer.locator("tr.too-few").all():
        assert "te weinig antwoorden" in row.inner_text()
    assert page.locator("svg.map line.survey-tie").count() == published.count()
    assert serious_violations(page) == [], describe(serious_violations(page))
    shoot(page, "survey-organisation-map")

    phone = page.context.browser.new_context(viewport=PHONE, locale="nl-NL")
    small = phone.new_page()
    small.context.add_cookies(page.context.cookies())
    small.goto(f"{base}/n/{network.slug}/map/organisations/")
    small.locator("#survey-layer").wait_for()
    assert small.evaluate("() => document.documentElement.scrollWidth") <= PHONE["width"]
    phone.close()

    page.goto(f"{base}/n/{network.slug}/")
    page.locator("#verdict-evidence summary").click()
    evidence = page.locator(".survey-evidence")
    assert evidence.get_attribute("data-strong") == "yes"
    assert "Wat de leden zeggen (peiling)" in evidence.inner_text()
    assert serious_violations(page) == [], describe(serious_violations(page))
