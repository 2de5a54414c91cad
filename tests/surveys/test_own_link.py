""" "Enquête invullen" on the member's own overview: a member invited to an open round
can answer without the mail (no mail server), only for themselves, and only they see
whether the button is still there."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterator
from typing import Any

import pytest
import time_machine
from django.test import Client

from tests.surveys.conftest import BASE, TODAY, close, make_round, outbox
from warmnet.network.models import Member, Network, Role
from warmnet.surveys.actions import invite
from warmnet.surveys.models import Invitation, Response, SurveyRound, SurveyToken

NOW = dt.datetime.combine(TODAY, dt.time(9), tzinfo=dt.UTC)
BUTTON = "Enquête invullen"


@pytest.fixture(autouse=True)
def _today() -> Iterator[None]:
    with time_machine.travel(NOW, tick=False):
        yield


def _me(client: Client, network: Network) -> str:
    page = client.get(f"/n/{network.slug}/me/")
    assert page.status_code == 200
    return page.content.decode()


def _start(client: Client, survey: SurveyRound) -> Any:
    return client.post(f"/n/{survey.network.slug}/surveys/{survey.pk}/answer/")


def _answer_through_the_button(client: Client, survey: SurveyRound) -> None:
    started = _start(client, survey)
    assert started.status_code == 302
    assert re.fullmatch(r"/s/[A-Za-z0-9_-]{43}/", started["Location"])
    form = client.get(started["Location"])
    assert form.status_code == 200 and "Ik vertrouw de mensen in dit netwerk." in form.text
    done = client.post(started["Location"], {"trust": "4"})
    assert done.status_code == 302 and done["Location"].endswith("/s/answered/")


def test_an_invitee_answers_from_their_own_overview_and_the_button_goes(
    crowd: Any, network_a: Network, bob_client: Client
) -> None:
    survey = make_round(network_a)
    assert BUTTON not in _me(bob_client, network_a)  # not invited yet
    invite(survey, None, BASE, TODAY)
    page = _me(bob_client, network_a)
    assert BUTTON in page and "Voorjaar 2025" in page
    _answer_through_the_button(bob_client, survey)
    assert Response.objects.filter(round=survey).count() == 1
    bob = Member.objects.get(name="Bob Jansen")
    invitation = Invitation.objects.get(round=survey, member=bob)
    assert invitation.responded
    # the link is spent, and so is every other link of the invitation (the mailed one)
    assert not SurveyToken.objects.filter(invitation=invitation).exists()
    assert BUTTON not in _me(bob_client, network_a)
    # no second answer: the button's address now finds nothing
    assert _start(bob_client, survey).status_code == 404
    assert Response.objects.filter(round=survey).count() == 1


def test_the_button_mints_a_fresh_link_and_the_mailed_one_keeps_working_until_one_is_used(
    crowd: Any, network_a: Network, bob_client: Client
) -> None:
    survey = make_round(network_a)
    invite(survey, None, BASE, TODAY)
    mailed = next(m for m in outbox() if m.to == ["bob@example.org"])
    mailed_link = re.search(r"/s/[A-Za-z0-9_-]{43}/", mailed.body).group(0)  # type: ignore[union-attr]
    bob = Member.objects.get(name="Bob Jansen")
    invitation = Invitation.objects.get(round=survey, member=bob)
    assert SurveyToken.objects.filter(invitation=invitation).count() == 1
    started = _start(bob_client, survey)["Location"]
    assert started != mailed_link
    assert SurveyToken.objects.filter(invitation=invitation).count() == 2
    assert Client().get(mailed_link).status_code == 200
    Client().post(mailed_link, {"trust": "2"})
    assert Client().get(started).status_code == 404
    assert not SurveyToken.objects.filter(invitation=invitation).exists()


def test_nobody_else_sees_the_button_or_can_use_it(
    crowd: Any, network_a: Network, alice_client: Client, bob_client: Client, dave_client: Client
) -> None:
    survey = make_round(network_a)
    invite(survey, None, BASE, TODAY)
    # a member who joined after the invitations went out was not invited: no button,
    # and the address answers "not found"
    late = Member.objects.create(
        network=network_a,
        organisation=Member.objects.get(name="Bob Jansen").organisation,
        name="Laat Lid",
        email="laat@example.org",
        role=Role.PARTICIPANT,
        joined_on=TODAY,
    )
    from django.contrib.auth import get_user_model

    late.user = get_user_model().objects.create_user("laat", "laat@example.org", "x")
    late.save(update_fields=["user"])
    late_client = Client()
    late_client.force_login(late.user)
    assert BUTTON not in _me(late_client, network_a)
    assert _start(late_client, survey).status_code == 404
    # the coordinator's own overview is the same whether Bob answered or not: it shows
    # only the coordinator's own invitation
    before = _me(alice_client, network_a)
    _answer_through_the_button(bob_client, survey)
    after = _me(alice_client, network_a)
    csrf = re.compile(r"[A-Za-z0-9]{64}")
    assert csrf.sub("", before) == csrf.sub("", after)
    assert "Bob Jansen" not in after
    # Dave still sees his own button: Bob's answer changes nothing for him
    assert BUTTON in _me(dave_client, network_a)
    # the address takes no member: what the coordinator posts answers for the coordinator
    started = _start(alice_client, survey)["Location"]
    alice_client.post(started, {"trust": "5"})
    alice = Member.objects.get(name="Alice de Vries")
    assert Invitation.objects.get(round=survey, member=alice).responded
    assert not Invitation.objects.get(round=survey, member__name="Dave Bakker").responded
    # another network's member cannot reach the round at all
    assert Client().post(f"/n/{network_a.slug}/surveys/{survey.pk}/answer/").status_code == 302
    # a GET does nothing (the button is a form)
    assert bob_client.get(f"/n/{network_a.slug}/surveys/{survey.pk}/answer/").status_code == 405


def test_a_closed_round_offers_no_button(
    crowd: Any, network_a: Network, bob_client: Client
) -> None:
    survey = make_round(network_a)
    invite(survey, None, BASE, TODAY)
    close(survey)
    assert BUTTON not in _me(bob_client, network_a)
    assert _start(bob_client, survey).status_code == 404
