"""Personal links: invited by mail, one respondent, one round, once; the answer keeps
no key to the person."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
import time_machine
from django.db import connection
from django.test import Client

from tests.surveys.conftest import BASE, TODAY, answer, close, links_by_email, make_round, outbox
from warmnet.network.models import AuditEntry, Member, Network
from warmnet.surveys.actions import LinkNotValid, remind
from warmnet.surveys.models import Invitation, OpenAnswer, PartnerRating, Response, SurveyToken
from warmnet.surveys.tokens import digest_of

pytestmark = pytest.mark.django_db

AT = time_machine.travel(dt.datetime(2025, 3, 10, 12, tzinfo=dt.UTC), tick=False)


@pytest.fixture(autouse=True)
def _frozen() -> Any:
    with AT:
        yield


def test_every_member_with_an_address_gets_their_own_link(invited: Any, crowd: Any) -> None:
    survey, tokens = invited()
    members = Member.objects.filter(network=survey.network)
    assert len(tokens) == members.count() == 15
    assert len(set(tokens.values())) == 15
    assert len(outbox()) == 15
    message = outbox()[0]
    assert "Voorjaar 2025" in message.subject
    assert "drie minuten" in message.body
    # only the digest is stored, never the token
    stored = set(SurveyToken.objects.values_list("digest", flat=True))
    assert stored == {digest_of(t) for t in tokens.values()}
    assert not stored & set(tokens.values())


def test_inviting_twice_invites_nobody_twice(invited: Any) -> None:
    survey, _tokens = invited()
    from warmnet.surveys.actions import invite

    assert invite(survey, None, BASE, TODAY).sent == 0
    assert Invitation.objects.filter(round=survey).count() == 15


def test_a_member_without_e_mail_is_named_not_invited(invited: Any, network_a: Network) -> None:
    Member.objects.filter(name="Provincie lid 1").update(email="")
    survey = make_round(network_a)
    from warmnet.surveys.actions import invite

    report = invite(survey, None, BASE, TODAY)
    assert report.without_email == ["Provincie lid 1"]
    assert report.sent == 14


def test_the_link_opens_the_survey_without_logging_in(invited: Any, client: Client) -> None:
    _survey, tokens = invited()
    token = next(iter(tokens.values()))
    page = client.get(f"/s/{token}/")
    assert page.status_code == 200
    html = page.content.decode()
    assert "Ik vertrouw de mensen in dit netwerk." in html
    assert "weet ik niet" in html
    assert "Wie ziet wat" in html or "privacy" in html
    assert page["Cache-Control"].startswith("max-age=0")


def test_an_answer_spends_the_link_and_keeps_no_key_to_the_person(
    invited: Any, client: Client, crowd: Any
) -> None:
    survey, tokens = invited()
    bob = Member.objects.get(name="Bob Jansen")
    token = tokens[bob.pk]
    partner = crowd["Gemeente Assen"][0].organisation
    audit_before = AuditEntry.objects.count()
    response = client.post(
        f"/s/{token}/",
        {
            "trust": "4",
            "disagree": "0",
            "progress": "2",
            f"p{partner.pk}_openness": "5",
            f"p{partner.pk}_resources": "3",
            "open_text": "Meer informeel contact.",
        },
    )
    assert response.status_code == 302
    assert response["Location"] == "/s/answered/"
    saved = Response.objects.get(round=survey)
    assert (saved.trust, saved.disagree, saved.progress, saved.whom_to_call) == (4, 0, 2, None)
    assert saved.organisation_id == bob.organisation_id
    rating = PartnerRating.objects.get(response=saved)
    assert (rating.organisation_id, rating.openness, rating.resources) == (partner.pk, 5, 3)
    assert OpenAnswer.objects.get(round=survey).text == "Meer informeel contact."
    # the invitation knows *that* bob answered, nothing more; his links are gone
    assert Invitation.objects.get(round=survey, member=bob).responded
    assert not SurveyToken.objects.filter(invitation__member=bob).exists()
    # the answer's columns: no member, user, token, invitation or time of answering
    columns = {
        c.name
        for c in connection.introspection.get_table_description(
            connection.cursor(), Response._meta.db_table
        )
    }
    assert columns == {
        "id",
        "round_id",
        "organisation_id",
        "trust",
        "disagree",
        "whom_to_call",
        "progress",
        "loyalty",
        "torn",
    }
    open_columns = {
        c.name
        for c in connection.introspection.get_table_description(
            connection.cursor(), OpenAnswer._meta.db_table
        )
    }
    assert open_columns == {"id", "round_id", "text"}
    # and answering leaves nothing in the audit log
    assert AuditEntry.objects.count() == audit_before


def test_a_used_link_is_refused_like_one_that_never_existed(invited: Any, client: Client) -> None:
    _survey, tokens = invited()
    token = next(iter(tokens.values()))
    assert client.post(f"/s/{token}/", {"trust": "3"}).status_code == 302
    again = client.post(f"/s/{token}/", {"trust": "1"})
    never = client.get("/s/" + "A" * 43 + "/")
    garbage = client.get("/s/not-a-token/")
    assert again.status_code == never.status_code == garbage.status_code == 404
    assert Response.objects.count() == 1
    with pytest.raises(LinkNotValid):
        answer(token, trust=2)


def test_a_reminder_goes_only_to_those_who_did_not_answer_with_a_fresh_link(
    invited: Any,
) -> None:
    survey, tokens = invited()
    bob = Member.objects.get(name="Bob Jansen")
    answer(tokens[bob.pk], trust=3)
    before = len(outbox())
    assert remind(survey, None, BASE, TODAY) == 14
    fresh = links_by_email(before)
    assert "bob@example.org" not in fresh
    alice = Member.objects.get(name="Alice de Vries")
    assert fresh[alice.email] != tokens[alice.pk]
    assert "Herinnering" in outbox()[-1].subject
    # the first mail's link keeps working until one of them is used
    answer(tokens[alice.pk], trust=4)
    with pytest.raises(LinkNotValid):
        answer(fresh[alice.email], trust=4)


def test_each_member_reads_the_mail_in_their_own_language(crowd: Any, network_a: Network) -> None:
    Member.objects.filter(network=network_a, name__startswith="Bob").update(language="en")
    Member.objects.filter(network=network_a).exclude(name__startswith="Bob").update(language="nl")
    survey = make_round(network_a)
    from warmnet.surveys.actions import invite

    invite(survey, None, BASE, TODAY)
    by_to = {m.to[0]: m for m in outbox()}
    assert by_to["bob@example.org"].subject.startswith("Pulse survey:")
    assert "three minutes" in by_to["bob@example.org"].body
    assert by_to["alice@example.org"].subject.startswith("Peilingsronde:")
    assert Invitation.objects.get(member__name="Bob Jansen").language == "en"


def test_the_answer_page_opens_in_the_invitations_language(
    crowd: Any, network_a: Network, client: Client
) -> None:
    Member.objects.filter(network=network_a).update(language="en")
    survey = make_round(network_a)
    from warmnet.surveys.actions import invite

    invite(survey, None, BASE, TODAY)
    token = next(iter(links_by_email().values()))
    assert "I trust the people in this network." in client.get(f"/s/{token}/").content.decode()


def test_a_closed_round_takes_no_answers(invited: Any, client: Client) -> None:
    survey, tokens = invited()
    token = next(iter(tokens.values()))
    close(survey)
    assert client.get(f"/s/{token}/").status_code == 404  # closing voids every link
    assert not SurveyToken.objects.exists()


def test_more_than_five_partners_is_refused_with_a_message(
    invited: Any, client: Client, network_a: Network
) -> None:
    from warmnet.network.models import Organisation

    for i in range(4):
        Organisation.objects.create(network=network_a, name=f"Partner {i}")
    _survey, tokens = invited()
    bob = Member.objects.get(name="Bob Jansen")
    others = Organisation.objects.filter(network=network_a).exclude(pk=bob.organisation_id)
    data = {f"p{o.pk}_openness": "4" for o in others}
    response = client.post(f"/s/{tokens[bob.pk]}/", data)
    assert response.status_code == 400
    assert "hoogstens 5" in response.content.decode()
    assert Response.objects.count() == 0


def test_an_answer_outside_the_scale_is_refused(invited: Any, client: Client) -> None:
    _survey, tokens = invited()
    response = client.post(f"/s/{next(iter(tokens.values()))}/", {"trust": "9"})
    assert response.status_code == 400
    assert Response.objects.count() == 0
