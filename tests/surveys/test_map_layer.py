"""The organisation map's survey layer: reported trust and value between partners next to
the warm ties, only where at least k people rated the pair."""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import replace
from typing import Any

import pytest
import time_machine
from django.test import Client

from tests.surveys.conftest import answer, close
from warmnet.maps.organisation_map import OrgEdge, organisation_map
from warmnet.network.models import Member
from warmnet.surveys.map_layer import survey_layer
from warmnet.surveys.models import SurveyRound

pytestmark = pytest.mark.django_db

AT = time_machine.travel(dt.datetime(2025, 3, 10, 12, tzinfo=dt.UTC), tick=False)


@pytest.fixture(autouse=True)
def _frozen() -> Any:
    with AT:
        yield


def _map(client: Client, survey: SurveyRound, **params: str) -> str:
    return client.get(f"/n/{survey.network.slug}/map/organisations/", params).content.decode()


def _answers(tokens: dict[int, str], crowd: dict[str, list[Member]], provincie: int = 1) -> None:
    """Assen (7) rates Waterschap, Waterschap (6) rates Assen: 13 raters, trust 4.0.
    Provincie's 2 people rate Assen ``provincie`` on everything: a pair of 2 raters."""
    water = crowd["Waterschap Hunze en Aa's"][0].organisation_id
    assen = crowd["Gemeente Assen"][0].organisation_id
    for org, people in crowd.items():
        for m in people:
            if org == "Provincie Drenthe":
                scores = dict.fromkeys(
                    ("openness", "reliability", "mission", "influence", "involvement"), provincie
                )
                partners = {assen: scores}
            else:
                partner = water if org == "Gemeente Assen" else assen
                partners = {
                    partner: {
                        "openness": 3,
                        "reliability": 4,
                        "mission": 5,
                        "influence": 2,
                        "involvement": 2,
                        "resources": 2,
                    }
                }
            answer(tokens[m.pk], trust=3, partners=partners)


def test_the_map_shows_reported_trust_where_k_rated_and_too_few_elsewhere(
    invited: Any, crowd: Any, alice_client: Client
) -> None:
    survey, tokens = invited()
    _answers(tokens, crowd)
    close(survey)
    html = _map(alice_client, survey)
    layer = html[html.index('id="survey-layer"') :]
    rows = re.findall(r'<tr class="published[^"]*"[^>]*>(.*?)</tr>', layer, re.S)
    assert len(rows) == 1
    cells = re.findall(r"<td[^>]*>(.*?)</td>", rows[0], re.S)
    assert cells[0] == "Gemeente Assen \u2013 Waterschap Hunze en Aa&#x27;s"
    assert cells[1:5] == ["0", "4,0", "2,0", "13"]
    # no warm tie between them, trust 4: the discrepancy is called out, on the map too
    assert "<strong>vertrouwen veel, zien elkaar nooit</strong>" in rows[0]
    assert 'class="survey-tie trust-high discrepancy"' in html
    # the pair Provincie rated (2 people) and the pair nobody rated: too few answers
    assert "2 andere paren van organisaties: te weinig antwoorden." in layer
    assert "Provincie Drenthe" not in layer
    assert html.count('class="survey-tie ') == 1


def test_before_any_round_closed_there_is_no_layer(
    invited: Any, crowd: Any, alice_client: Client
) -> None:
    survey, tokens = invited()
    _answers(tokens, crowd)
    assert 'id="survey-layer"' not in _map(alice_client, survey)
    close(survey)
    earlier = (dt.date(2025, 3, 10) - dt.timedelta(days=1)).isoformat()
    # the map of a day before the round closed does not show it
    assert 'id="survey-layer"' not in _map(alice_client, survey, as_of=earlier)
    assert 'id="survey-layer"' in _map(alice_client, survey)


def test_the_small_pair_could_have_rated_anything(
    invited: Any, crowd: Any, alice_client: Client, mailoutbox: Any
) -> None:
    """Two worlds in which Provincie's two people rate Assen 1 or 5 give the same map."""

    def world(score: int) -> str:
        SurveyRound.objects.all().delete()
        mailoutbox.clear()
        survey, tokens = invited()
        _answers(tokens, crowd, provincie=score)
        close(survey)
        html = _map(alice_client, survey)
        html = re.sub(r"\b[A-Za-z0-9]{64}\b", "(csrf)", html)
        return re.sub(r"/surveys/\d+/", "/surveys/X/", html)

    assert world(1) == world(5)


def test_pairs_that_meet_often_and_trust_little_are_called_out(
    invited: Any, crowd: Any, network_a: Any
) -> None:
    """The same round on a map where Assen and Waterschap share four warm ties: trust 2.7
    is low for a pair that meets that often."""
    survey, tokens = invited()
    water = crowd["Waterschap Hunze en Aa's"][0].organisation_id
    assen = crowd["Gemeente Assen"][0].organisation_id
    for org, people in crowd.items():
        for m in people:
            partner = water if org == "Gemeente Assen" else assen
            answer(
                tokens[m.pk],
                trust=3,
                partners={partner: {"openness": 2, "reliability": 3, "mission": 3}},
            )
    close(survey)
    picture = organisation_map(network_a, dt.date(2025, 3, 10))
    names = {n.pk: n.name for n in picture.nodes}
    warm = OrgEdge(0, 0, 1, 1, 2.0, 0.5, names[assen], names[water], 4, 1.5)
    layer = survey_layer(network_a, replace(picture, edges=[warm]))
    assert layer is not None
    (pair,) = layer.pairs
    assert (pair.warm_ties, pair.trust, pair.value) == (4, "2,7", "\u2013")
    assert pair.discrepancy == "meet_often_trust_little"
    assert layer.discrepancies == [pair]
    # a warm pair nobody rated is listed, as too few answers and without figures
    cold = replace(picture, edges=[warm, replace(warm, b=names[pair_org(crowd)], warm_ties=2)])
    layer = survey_layer(network_a, cold)
    assert layer is not None
    (too_few,) = layer.too_few
    assert (too_few.published, too_few.trust, too_few.warm_ties) == (False, "", 2)


def pair_org(crowd: dict[str, list[Member]]) -> int:
    return crowd["Provincie Drenthe"][0].organisation_id


def test_the_layer_is_for_those_who_see_the_map(
    invited: Any, crowd: Any, bob_client: Client, network_a: Any
) -> None:
    survey, tokens = invited()
    _answers(tokens, crowd)
    close(survey)
    # participants do not see the organisation map (the analysis's own rule); the
    # survey's own pages show them the same pairs
    assert bob_client.get(f"/n/{network_a.slug}/map/organisations/").status_code in (403, 404)
