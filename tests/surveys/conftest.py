"""A survey-ready network A: the personas of tests/conftest.py plus enough members in
three organisations to fill groups, and helpers that answer through real links.

Organisations of A: Gemeente Assen (alice, olga + 5), Waterschap Hunze en Aa's (dave,
bob + 4), Provincie Drenthe (2).
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable
from typing import Any

import pytest
from django.core import mail
from django.utils import translation

from warmnet.network.models import Member, Network, Organisation, OrganisationKind, Role
from warmnet.surveys.actions import Answer, close_round, invite, record_response
from warmnet.surveys.models import SurveyRound, SurveySettings

TODAY = dt.date(2025, 3, 10)
BASE = "http://testserver/"
LINK = re.compile(r"http://testserver/s/([A-Za-z0-9_-]{43})/")


@pytest.fixture(autouse=True)
def dutch(settings: Any) -> Any:
    # the personas' passwords are hashed with a fast hasher here: these tests log in
    # with force_login, and four slow hashes per test would cost seconds
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    settings.LANGUAGE_CODE = "nl"
    with translation.override("nl"):
        yield


@pytest.fixture
def org_a3(network_a: Network) -> Organisation:
    return Organisation.objects.create(
        network=network_a, name="Provincie Drenthe", kind=OrganisationKind.PROVINCE
    )


@pytest.fixture
def crowd(
    network_a: Network,
    org_a: Organisation,
    org_a2: Organisation,
    org_a3: Organisation,
    alice: Any,
    dave: Any,
    bob: Any,
    olga: Any,
) -> dict[str, list[Member]]:
    """Members of A per organisation name, the personas included."""
    extra = {org_a: 5, org_a2: 4, org_a3: 2}
    for org, n in extra.items():
        for i in range(n):
            Member.objects.create(
                network=network_a,
                organisation=org,
                name=f"{org.name.split()[0]} lid {i + 1}",
                email=f"{org.pk}-{i}@example.org",
                role=Role.PARTICIPANT,
                joined_on=dt.date(2024, 1, 1),
            )
    return {
        org.name: list(Member.objects.filter(organisation=org).order_by("pk"))
        for org in (org_a, org_a2, org_a3)
    }


def make_round(network: Network, *, k: int = 5, items: list[str] | None = None) -> SurveyRound:
    SurveySettings.objects.update_or_create(network=network, defaults={"min_group": k})
    survey = SurveyRound.objects.create(
        network=network,
        title="Voorjaar 2025",
        opens_on=TODAY - dt.timedelta(days=3),
        closes_on=TODAY + dt.timedelta(days=11),
        min_group=k,
        **({"items": items} if items is not None else {}),
    )
    return survey


def outbox() -> list[Any]:
    """What the mail server received: the worker first delivers the queued (sealed)
    survey mails, then Django's locmem outbox holds them."""
    from warmnet.background.worker import drain

    drain()
    return list(mail.outbox)


def links_by_email(since: int = 0) -> dict[str, str]:
    """The token of each recipient's most recent mail in the locmem outbox."""
    out = {}
    for message in outbox()[since:]:
        match = LINK.search(message.body)
        assert match, message.body
        out[message.to[0]] = match.group(1)
    return out


@pytest.fixture
def invited(crowd: dict[str, list[Member]], network_a: Network) -> Callable[..., Any]:
    """Open a round for A, invite everyone, and hand back (round, token per member)."""

    def make(k: int = 5, items: list[str] | None = None) -> tuple[SurveyRound, dict[int, str]]:
        survey = make_round(network_a, k=k, items=items)
        before = len(outbox())
        invite(survey, None, BASE, TODAY)
        by_email = links_by_email(before)
        members = Member.objects.filter(network=network_a)
        return survey, {m.pk: by_email[m.email] for m in members if m.email in by_email}

    return make


def answer(token: str, **items: int | None) -> None:
    partners = items.pop("partners", None) or {}
    text = items.pop("open_text", "") or ""
    record_response(token, Answer(items=items, partners=partners, open_text=text), TODAY)  # type: ignore[arg-type]


def close(survey: SurveyRound) -> SurveyRound:
    return close_round(survey, None)
