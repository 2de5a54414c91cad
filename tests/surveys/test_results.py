"""Results: only after closing, only for groups of at least k, the same for everyone."""

from __future__ import annotations

import csv
import datetime as dt
import io
from typing import Any

import pytest
import time_machine
from django.test import Client

from tests.surveys.conftest import answer, close
from warmnet.network.models import Member, Organisation
from warmnet.surveys.models import SurveyRound

pytestmark = pytest.mark.django_db

AT = time_machine.travel(dt.datetime(2025, 3, 10, 12, tzinfo=dt.UTC), tick=False)


@pytest.fixture(autouse=True)
def _frozen() -> Any:
    with AT:
        yield


def _url(survey: SurveyRound, suffix: str = "") -> str:
    return f"/n/{survey.network.slug}/surveys/{survey.pk}/{suffix}"


def _everyone_answers(tokens: dict[int, str], crowd: dict[str, list[Member]]) -> None:
    """Assen 7 people, Waterschap 6, Provincie 2: Provincie is too small for k=5."""
    scores = {"Gemeente Assen": 4, "Waterschap Hunze en Aa's": 2, "Provincie Drenthe": 5}
    water = crowd["Waterschap Hunze en Aa's"][0].organisation_id
    assen = crowd["Gemeente Assen"][0].organisation_id
    for org, people in crowd.items():
        for m in people:
            partner = water if org == "Gemeente Assen" else assen
            answer(
                tokens[m.pk],
                trust=scores[org],
                torn=1,
                partners={partner: {"openness": 3, "reliability": 4, "mission": 5}},
                open_text=f"Tekst van {m.name}",
            )


def test_nothing_is_shown_before_the_round_closes(
    invited: Any, crowd: Any, alice_client: Client
) -> None:
    survey, tokens = invited()
    _everyone_answers(tokens, crowd)
    page = alice_client.get(_url(survey))
    html = page.content.decode()
    assert "15 van 15" in html
    assert 'data-item="trust"' not in html
    assert alice_client.get(_url(survey, "export/")).status_code == 404


def test_after_closing_groups_of_k_show_and_smaller_ones_do_not(
    invited: Any, crowd: Any, bob_client: Client
) -> None:
    survey, tokens = invited()
    _everyone_answers(tokens, crowd)
    survey = close(survey)
    r = survey.results
    assert r["respondents"] == 15
    trust = r["items"]["trust"]
    assert trust["total"]["n"] == 15
    assen, water, _prov = (
        Organisation.objects.get(name__startswith=n) for n in ("Gem", "Wat", "Prov")
    )
    # Provincie (2) is hidden; 2 < k, so the smallest shown group (Waterschap, 6) is
    # hidden with it and the whole minus Assen gives only the 8 of both together
    assert set(trust["groups"]) == {str(assen.pk)}
    assert trust["hidden_groups"] == 2
    assert trust["groups"][str(assen.pk)]["mean"] == 4.0
    # pair Assen-Waterschap: 7 + 6 raters; Provincie-Assen: 2 raters -> hidden
    assert [(p["a"], p["b"], p["raters"]) for p in r["pairs"]] == [
        (*sorted((assen.pk, water.pk), key=repr), 13)
    ]
    assert r["hidden_pairs"] == 1
    assert sorted(r["open_answers"]) == sorted(
        f"Tekst van {m.name}" for p in crowd.values() for m in p
    )
    html = bob_client.get(_url(survey)).content.decode()
    assert "te weinig antwoorden" in html
    assert "Tekst van Bob Jansen" in html


def test_the_whole_round_below_k_shows_nothing_at_all(invited: Any, crowd: Any) -> None:
    survey, tokens = invited()
    for m in crowd["Provincie Drenthe"] + crowd["Waterschap Hunze en Aa's"][:2]:
        answer(tokens[m.pk], trust=3, open_text="x")
    r = close(survey).results
    assert r["items"]["trust"] == {"total": None, "groups": {}, "hidden_groups": 2}
    assert r["open_answers"] is None


def test_everyone_sees_the_same_figures_as_the_coordinator(
    invited: Any, crowd: Any, alice_client: Client, bob_client: Client, olga_client: Client
) -> None:
    survey, tokens = invited()
    _everyone_answers(tokens, crowd)
    close(survey)
    exports = {
        c.get(_url(survey, "export/")).content for c in (alice_client, bob_client, olga_client)
    }
    assert len(exports) == 1
    rows = list(csv.reader(io.StringIO(exports.pop().decode())))
    assert rows[0][:5] == ["section", "question", "group", "n", "mean"]
    groups = {row[2] for row in rows if row[0] == "item"}
    assert groups == {"", "Gemeente Assen"}


def test_a_round_past_its_last_day_closes_on_first_sight(
    invited: Any, crowd: Any, bob_client: Client
) -> None:
    survey, tokens = invited()
    _everyone_answers(tokens, crowd)
    SurveyRound.objects.filter(pk=survey.pk).update(closes_on=dt.date(2025, 3, 9))
    html = bob_client.get(_url(survey)).content.decode()
    assert 'data-item="trust"' in html
    assert SurveyRound.objects.get(pk=survey.pk).closed_at is not None


def test_the_figures_of_a_closed_round_never_change(invited: Any, crowd: Any) -> None:
    survey, tokens = invited()
    _everyone_answers(tokens, crowd)
    first = close(survey).results
    # a member leaves, an organisation is removed: the round's figures stay as published
    Member.objects.filter(organisation__name="Provincie Drenthe").delete()
    Organisation.objects.filter(name="Provincie Drenthe").delete()
    again = close(SurveyRound.objects.get(pk=survey.pk)).results
    assert again == first


def test_only_coordinators_open_rounds_and_bad_dates_are_named(
    crowd: Any, alice_client: Client, dave_client: Client
) -> None:
    url = f"/n/{crowd['Gemeente Assen'][0].network.slug}/surveys/new/"
    assert dave_client.get(url).status_code == 403
    bad = alice_client.post(
        url,
        {
            "title": "Zomer",
            "opens_on": "2025-03-20",
            "closes_on": "2025-03-15",
            "whole_network": "on",
            "items": ["trust"],
        },
    )
    assert bad.status_code == 400
    assert "kan niet sluiten voordat" in bad.content.decode()
    assert not SurveyRound.objects.exists()
    good = alice_client.post(
        url,
        {
            "title": "Zomer",
            "opens_on": "2025-03-10",
            "closes_on": "2025-03-24",
            "whole_network": "on",
            "items": ["trust", "torn", "partners"],
        },
    )
    assert good.status_code == 302
    survey = SurveyRound.objects.get()
    assert survey.items == ["trust", "torn", "partners"] and survey.min_group == 5


def test_the_minimum_group_cannot_go_below_three(crowd: Any, alice_client: Client) -> None:
    url = f"/n/{crowd['Gemeente Assen'][0].network.slug}/surveys/settings/"
    response = alice_client.post(url, {"min_group": "2"})
    assert response.status_code == 400
    assert alice_client.post(url, {"min_group": "7"}).status_code == 302
