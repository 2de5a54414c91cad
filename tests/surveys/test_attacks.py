"""Trying to learn one person's answer, as an attacker would: from every page, filter
and export, by difference between groups and between rounds, and as a superuser.

The strongest form of the check: two worlds that differ in one person's answer (with
another respondent's answer changed to balance it) must publish exactly the same
figures.  If they do, nothing published can tell the attacker which world is real.
"""

from __future__ import annotations

import datetime as dt
import json
import re
from collections.abc import Callable
from typing import Any

import pytest
import time_machine
from django.contrib.admin.sites import site
from django.contrib.auth import get_user_model
from django.test import Client
from hypothesis import given, settings
from hypothesis import strategies as st

from tests.api.conftest import token
from tests.conftest import PASSWORD
from tests.surveys.conftest import BASE, TODAY, answer, close, links_by_email, make_round
from warmnet.api.api import api
from warmnet.network.models import Member, Network
from warmnet.privacy.actions import export_person
from warmnet.surveys.actions import invite
from warmnet.surveys.anonymity import publish_groups
from warmnet.surveys.models import (
    Invitation,
    OpenAnswer,
    PartnerRating,
    Response,
    SurveyRound,
    SurveyToken,
)

pytestmark = pytest.mark.django_db

NOW = dt.datetime(2025, 3, 10, 12, tzinfo=dt.UTC)
AT = time_machine.travel(NOW, tick=False)


@pytest.fixture(autouse=True)
def _frozen() -> Any:
    with AT:
        yield


def _published(client: Client, survey: SurveyRound) -> list[str]:
    """Everything anyone can read about a round: the page (with every filter) and the
    export, with the CSRF token (which differs per request) taken out."""
    base = f"/n/{survey.network.slug}/surveys/{survey.pk}/"
    keys = [
        "",
        *[str(k) for k in (survey.results or {}).get("organisations", {})],
        "999999",
        "none",
    ]
    out = []
    for key in keys:
        html = client.get(base, {"organisation": key} if key else {}).content.decode()
        out.append(re.sub(r"\b[A-Za-z0-9]{64}\b", "(csrf)", html))
    out.append(client.get(base + "export/").content.decode())
    return out


API_PATHS = [
    p.removeprefix("/api/v1")
    for p, ops in api.get_openapi_schema(path_prefix="/api/v1")["paths"].items()
    if "get" in ops and "{id}" not in p
]


def _csrf_out(text: str) -> str:
    return re.sub(r"\b[A-Za-z0-9]{64}\b", "(csrf)", text)


def _everywhere_else(coordinator: Client, api_client: Client, network: Network) -> list[str]:
    """What else anyone could read while hunting for an answer: the coordinator's
    dashboard (its verdict evidence and survey panel), the organisation map with its
    survey layer, the round list with its trend, every GET of the API (found in its
    schema, so a survey endpoint added later is tried too) and the person's own access
    export, for each member of the network."""
    slug = network.slug
    out = [
        _csrf_out(coordinator.get(f"/n/{slug}/", {"as_of": TODAY.isoformat()}).content.decode()),
        _csrf_out(coordinator.get(f"/n/{slug}/map/organisations/").content.decode()),
        _csrf_out(coordinator.get(f"/n/{slug}/surveys/").content.decode()),
    ]
    for path in API_PATHS:
        response = api_client.get("/api/v1" + path.replace("{network}", slug))
        assert response.status_code == 200, path
        out.append(response.content.decode())
    for member in Member.objects.filter(network=network).order_by("pk"):
        out.append(json.dumps(export_person(member, now=NOW)["sections"]["surveys"]))
    return out


def _same_names(pages: list[str], *rounds: SurveyRound) -> list[str]:
    for i, r in enumerate(rounds):
        name = f"R{i + 1}"
        pages = [
            p.replace(f"/surveys/{r.pk}/", f"/surveys/{name}/").replace(f"survey-{r.pk}.csv", name)
            for p in pages
        ]
    return pages


def _world(
    crowd: dict[str, list[Member]], network: Network, answers: Callable[[Member], dict[str, Any]]
) -> SurveyRound:
    SurveyRound.objects.filter(network=network).delete()
    survey = make_round(network, k=5)
    invite(survey, None, BASE, TODAY)
    tokens = links_by_email()
    for people in crowd.values():
        for m in people:
            answer(tokens[m.email], **answers(m))
    return close(survey)


def test_the_only_respondent_of_a_small_organisation_could_have_answered_anything(
    crowd: dict[str, list[Member]],
    network_a: Network,
    bob_client: Client,
    alice_client: Client,
    alice: Any,
    mailoutbox: Any,
) -> None:
    """Provincie lid 1 answers 1 or 5; Provincie lid 2 the other way round.  Everything
    published is identical, so nobody can tell what lid 1 said."""
    water = crowd["Waterschap Hunze en Aa's"][0].organisation_id

    def world(target_score: int) -> list[str]:
        def answers(m: Member) -> dict[str, Any]:
            score = 3
            if m.name == "Provincie lid 1":
                score = target_score
            elif m.name == "Provincie lid 2":
                score = 6 - target_score
            return {
                "trust": score,
                "torn": score,
                "partners": {water: {"openness": score}} if m.name.startswith("Provincie") else {},
            }

        mailoutbox.clear()
        survey = _world(crowd, network_a, answers)
        pages = _published(bob_client, survey)
        pages += _everywhere_else(alice_client, api_client, network_a)
        return _same_names(pages, survey)

    api_client = Client(HTTP_AUTHORIZATION=f"Bearer {token(alice, network_a)}")
    one, five = world(1), world(5)
    views = len(one) - 3 - len(API_PATHS) - Member.objects.filter(network=network_a).count()
    assert views == 5  # four views of the page and the export
    # the layer and the evidence are really there to be compared
    assert 'class="survey-evidence"' in one[views] and 'id="survey-layer"' in one[views + 1]
    assert any('"answered": true' in page for page in one)
    assert one == five


def test_the_whole_minus_the_shown_groups_never_leaves_fewer_than_k(
    invited: Any, crowd: dict[str, list[Member]]
) -> None:
    """An attacker subtracts every shown organisation from the network total."""
    survey, tokens = invited()
    for org, people in crowd.items():
        for m in people:
            answer(tokens[m.pk], trust=4 if org.startswith("Gem") else 2)
    r = close(survey).results["items"]["trust"]
    left = r["total"]["n"] - sum(g["n"] for g in r["groups"].values())
    assert left == 0 or left >= 5
    counts = [
        t - sum(g["counts"][i] for g in r["groups"].values())
        for i, t in enumerate(r["total"]["counts"])
    ]
    assert sum(counts) == left


@settings(max_examples=300, deadline=None)
@given(
    sizes=st.lists(st.integers(min_value=0, max_value=12), min_size=1, max_size=8),
    k=st.integers(min_value=3, max_value=7),
)
def test_no_combination_of_sizes_leaves_a_small_remainder(sizes: list[int], k: int) -> None:
    answers = {g: [3] * n for g, n in enumerate(sizes)}
    published = publish_groups(answers, k)
    if published.total is None:
        assert published.shown == {}
        return
    remainder = published.total.n - sum(f.n for f in published.shown.values())
    assert remainder == 0 or remainder >= k
    assert all(f.n >= k for f in published.shown.values())


def test_a_dont_know_of_the_only_respondent_cannot_be_found_by_difference() -> None:
    """Organisation C's single respondent said "weet ik niet": C has answers, so it is a
    hidden group, and its remainder is protected like any other."""
    answers = {"A": [4] * 6, "B": [2] * 5, "C": [0]}
    published = publish_groups(answers, 5)
    remainder = published.total.n - sum(f.n for f in published.shown.values())  # type: ignore[union-attr]
    assert remainder >= 5


def test_rounds_of_different_sizes_with_a_leaver_give_nothing_away(
    crowd: dict[str, list[Member]],
    network_a: Network,
    bob_client: Client,
    alice_client: Client,
    alice: Any,
    mailoutbox: Any,
) -> None:
    """Round 1: all 15; one Waterschap member leaves; round 2: 14.  Two worlds differ in
    the leaver's round-1 answers (1 or 5 on trust and on each partner question about
    Gemeente Assen, with a colleague's the other way round) and agree on round 2: every
    page and export of both rounds, the map, the dashboard, the API and everyone's
    access export are identical, so the difference between the rounds cannot tell
    which world is real."""
    assen = crowd["Gemeente Assen"][0].organisation_id
    api_client = Client(HTTP_AUTHORIZATION=f"Bearer {token(alice, network_a)}")

    def rating(score: int) -> dict[int, dict[str, int]]:
        return {assen: {d: score for d in ("openness", "reliability", "mission", "influence")}}

    leaver = crowd["Waterschap Hunze en Aa's"][-1]
    colleague = crowd["Waterschap Hunze en Aa's"][-2]

    def world(leaver_score: int) -> list[str]:
        mailoutbox.clear()
        SurveyRound.objects.filter(network=network_a).delete()
        Member.objects.filter(pk=leaver.pk).update(left_on=None)
        first = make_round(network_a, k=5)
        invite(first, None, BASE, TODAY)
        tokens = links_by_email()
        for people in crowd.values():
            for m in people:
                score = 3
                if m.pk == leaver.pk:
                    score = leaver_score
                elif m.pk == colleague.pk:
                    score = 6 - leaver_score
                water = m.organisation_id == leaver.organisation_id
                answer(tokens[m.email], trust=score, partners=rating(score) if water else {})
        first = close(first)
        Member.objects.filter(pk=leaver.pk).update(left_on=TODAY - dt.timedelta(days=1))
        mailoutbox.clear()
        second = make_round(network_a, k=5)
        invite(second, None, BASE, TODAY)
        tokens = links_by_email()
        assert leaver.email not in tokens
        for people in crowd.values():
            for m in people:
                if m.email in tokens:
                    # in round 2 the colleague answers 5 in both worlds
                    score = 5 if m.pk == colleague.pk else 3
                    water = m.organisation_id == leaver.organisation_id
                    answer(tokens[m.email], trust=score, partners=rating(score) if water else {})
        second = close(second)
        pages = _published(bob_client, first) + _published(bob_client, second)
        pages += _everywhere_else(alice_client, api_client, network_a)
        return _same_names(pages, first, second)

    one, five = world(1), world(5)
    # the pair was published in both rounds (6 raters, then 5): a real difference to try
    assert all(len(r.results["pairs"]) == 1 for r in SurveyRound.objects.all())
    assert one == five


def test_a_superuser_finds_no_answers_in_the_admin_nor_who_answered(
    invited: Any, crowd: dict[str, list[Member]]
) -> None:
    survey, tokens = invited()
    for people in crowd.values():
        for m in people:
            answer(tokens[m.pk], trust=2, open_text="geheim")
    close(survey)
    registered = set(site._registry)
    for model in (Response, PartnerRating, OpenAnswer, Invitation, SurveyToken):
        assert model not in registered
    boss = get_user_model().objects.create_superuser("boss", "boss@example.org", PASSWORD)
    client = Client()
    client.force_login(boss)
    for path in (
        "/admin/surveys/",
        "/admin/surveys/surveyround/",
        f"/admin/surveys/surveyround/{survey.pk}/change/",
    ):
        page = client.get(path)
        assert page.status_code in (200, 404)
        assert "geheim" not in page.content.decode()
    for url in (
        "/admin/surveys/response/",
        "/admin/surveys/invitation/",
        "/admin/surveys/openanswer/",
    ):
        assert client.get(url).status_code == 404


def test_another_network_sees_nothing_of_the_round(
    invited: Any, crowd: dict[str, list[Member]], carol_client: Client
) -> None:
    survey, _tokens = invited()
    close(survey)
    for suffix in ("", "export/"):
        assert (
            carol_client.get(f"/n/{survey.network.slug}/surveys/{survey.pk}/{suffix}").status_code
            == 404
        )
        assert (
            carol_client.get(f"/n/zorgregio-zuid/surveys/{survey.pk}/{suffix}").status_code == 404
        )
