"""Figures in plain words, Dutch and English: changes as "daalde met 13%", confidence as
"duidelijk", shares as percentages, periods as "maart 2025"."""

from __future__ import annotations

import re

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import translation

from tests.maps.conftest import TODAY, frozen, story  # noqa: F401  (fixtures)
from warmnet.engine.texts import MESSAGE_PARAMS, Message, render
from warmnet.insights.service import analysis_for
from warmnet.insights.texts import render_message
from warmnet.network.models import Network
from warmnet.ui.words import (
    change_phrase,
    confidence_word,
    direction_word,
    period_name,
    share_phrase,
    tie_time_phrase,
)

MILESTONE = {
    "months": 6,
    "milestone_kind": "covenant",
    "month": "2025-03",
    "milestone": "Convenant Dijkversterking",
}


@pytest.mark.parametrize(
    ("language", "value", "unit", "said"),
    [
        ("nl", -13, "percent", "daalde met 13%"),
        ("nl", 5, "percent", "steeg met 5%"),
        ("nl", 0, "percent", "bleef gelijk"),
        ("nl", 21, "points", "steeg met 21 procentpunten"),
        ("nl", -4, "points", "daalde met 4 procentpunten"),
        ("en", -13, "percent", "fell by 13%"),
        ("en", 5.4, "percent", "rose by 5%"),
        ("en", 0.2, "percent", "stayed the same"),
        ("en", 21, "points", "rose by 21 percentage points"),
    ],
)
def test_a_change_is_said_as_rising_or_falling(
    language: str, value: float, unit: str, said: str
) -> None:
    with translation.override(language):
        assert change_phrase(value, unit) == said


def test_the_analysis_says_fell_and_rose_not_changed_by_a_negative_number() -> None:
    fell = Message("evidence.milestone_change", {**MILESTONE, "change_pct": -13})
    rose = Message("evidence.milestone_change", {**MILESTONE, "change_pct": 5})
    with translation.override("nl"):
        assert render_message(fell) == (
            "De investering in de relatie daalde met 13% in de 6 maanden na de convenant "
            "van maart 2025 (Convenant Dijkversterking)."
        )
        assert "steeg met 5%" in render_message(rose)
    with translation.override("en"):
        assert "Relationship investment fell by 13% in the 6 months" in render_message(fell)
        assert "rose by 5%" in render_message(rose)
    # the engine's own English says it the same way, and still takes the figure
    assert "fell by 13%" in render(fell.key, fell.params)
    assert "change_pct" in MESSAGE_PARAMS["evidence.milestone_change"]
    assert "-13" not in render(fell.key, fell.params)


def test_a_break_in_the_share_says_which_way_it_went() -> None:
    down = Message("evidence.share_break", {"before_pct": 40, "after_pct": 12, "period": "2025-03"})
    with translation.override("nl"):
        assert render_message(down) == "Het relatieaandeel daalde in maart 2025 van 40% naar 12%."
        assert direction_word(10, 30) == "steeg"
    with translation.override("en"):
        assert render_message(down) == "The relationship share fell from 40% to 12% in March 2025."
    assert render(down.key, down.params).startswith("The relationship share fell from 40%")


@pytest.mark.parametrize(
    ("language", "words"),
    [("nl", ("duidelijk", "waarschijnlijk", "onzeker")), ("en", ("clear", "likely", "uncertain"))],
)
def test_confidence_is_a_word(language: str, words: tuple[str, str, str]) -> None:
    with translation.override(language):
        assert (confidence_word(0.92), confidence_word(0.6), confidence_word(0.3)) == words
        assert confidence_word(0.75) == words[0] and confidence_word(0.5) == words[1]


def test_shares_and_periods_in_words() -> None:
    with translation.override("nl"):
        assert share_phrase(0.0) == "alleen inhoud, geen relatietijd"
        assert share_phrase(1.0) == "alleen relatie, geen inhoudstijd"
        assert share_phrase(0.3) == "30% relatie, 70% inhoud"
        assert period_name("2025-03") == "maart 2025"
        assert period_name("2025-Q1") == "kwartaal 1 2025"
    with translation.override("en"):
        assert share_phrase(0.3) == "30% relationship, 70% content"
        assert period_name("2025-10") == "October 2025"


@pytest.mark.parametrize(
    ("language", "words", "never"),
    [
        (
            "nl",
            {"duidelijk", "waarschijnlijk", "onzeker"},
            ("Zekerheid", "zekerheid", "procentpunten</span>"),
        ),
        ("en", {"clear", "likely", "uncertain"}, ("Confidence", "confidence ", "▲ +")),
    ],
)
def test_the_dashboard_says_how_sure_in_words_and_names_its_months(
    story: Network,  # noqa: F811
    alice_client: Client,
    language: str,
    words: set[str],
    never: tuple[str, ...],
) -> None:
    alice_client.cookies["django_language"] = language
    html = alice_client.get(
        reverse("network:overview", args=[story.slug]), {"as_of": TODAY.isoformat()}
    ).content.decode()
    verdict = html.split('class="verdict', 1)[1].split("<details", 1)[0]
    said = re.findall(r'<span class="confidence-word" title="(\d+)%[^"]*">(\w+)<', verdict)
    assert len(said) == 1  # one headline verdict, one confidence (the drift is a sentence)
    analysis = analysis_for(story, TODAY)
    overall = analysis.result.scenario.overall
    assert said[0] == (
        str(round(100 * overall.confidence)),
        confidence_word_in(language, overall.confidence),
    )
    assert {word for _pct, word in said} <= words
    for text in never:
        assert text not in verdict
    assert not re.search(r"\b20\d\d-\d\d\b", verdict), "a period as a code"
    month = "oktober 2026" if language == "nl" else "October 2026"
    assert month in verdict


def confidence_word_in(language: str, confidence: float) -> str:
    with translation.override(language):
        return confidence_word(confidence)


def test_the_dashboards_chart_names_its_months(
    story: Network,  # noqa: F811
    alice_client: Client,
) -> None:
    alice_client.cookies["django_language"] = "nl"
    html = alice_client.get(
        reverse("network:overview", args=[story.slug]), {"as_of": TODAY.isoformat()}
    ).content.decode()
    rows = re.findall(r'<th scope="row"><a href="[^"]*period=([^"&]+)[^>]*>([^<]+)</a>', html)
    assert rows
    for code, shown in rows:
        assert shown == period_name_in("nl", code) and not re.match(r"\d{4}-", shown)
    titles = re.findall(r"<title>([^<]*person-hours[^<]*|[^<]*persoonsuren[^<]*)</title>", html)
    assert titles and not any(re.match(r"\d{4}-\d\d:", t) for t in titles)


def period_name_in(language: str, code: str) -> str:
    with translation.override(language):
        return period_name(code)


def test_the_two_tie_layers_are_a_share_of_time_together_not_hours_per_pair() -> None:
    with translation.override("en"):
        text = tie_time_phrase(0.02, 0.18)
        assert "10% relationship, 90% content" in text
        assert "hour" not in text
        assert "no time together" in tie_time_phrase(0.0, 0.0)
    with translation.override("nl"):
        assert "10% relatie, 90% inhoud" in tie_time_phrase(0.02, 0.18)
