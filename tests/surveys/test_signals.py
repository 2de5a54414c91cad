"""Signals from the survey: plain numbers in, typed signals with message keys out."""

from __future__ import annotations

import datetime as dt

from django.utils import translation

from warmnet.surveys.signals import (
    MESSAGES,
    DisputedDecision,
    RoundFigures,
    Severity,
    SurveySignalKind,
    survey_signals,
)
from warmnet.surveys.texts import CATALOGUE, render

TODAY = dt.date(2025, 6, 1)
NAMES = {1: "Gemeente Assen", 2: "Waterschap Hunze en Aa's"}


def _round(title: str, closes: dt.date, **means: float) -> RoundFigures:
    pair = means.pop("pair", None)
    return RoundFigures(
        title,
        closes - dt.timedelta(days=14),
        closes,
        True,
        20,
        16,
        means,
        {(1, 2): pair} if pair is not None else {},
    )


def test_rising_tension_between_two_rounds_is_a_signal() -> None:
    rounds = [
        _round("Voorjaar", dt.date(2025, 3, 1), torn=2.0, loyalty=3.8),
        _round("Zomer", dt.date(2025, 5, 1), torn=2.6, loyalty=3.3),
    ]
    (signal,) = survey_signals(rounds, [], NAMES, TODAY)
    assert signal.kind is SurveySignalKind.LOYALTY_TENSION_RISING
    assert signal.severity is Severity.HIGH  # both moved the wrong way
    assert signal.message.params["before"] == 2.0 and signal.message.params["after"] == 2.6


def test_steady_rounds_give_no_signal() -> None:
    rounds = [
        _round("Voorjaar", dt.date(2025, 3, 1), torn=2.0, loyalty=3.8, disagree=3.6),
        _round("Zomer", dt.date(2025, 5, 1), torn=2.1, loyalty=3.7, disagree=3.5),
    ]
    assert survey_signals(rounds, [], NAMES, TODAY) == []


def test_falling_trust_counts_only_with_a_disputed_decision_ahead() -> None:
    rounds = [
        _round("Voorjaar", dt.date(2025, 3, 1), pair=4.1),
        _round("Zomer", dt.date(2025, 5, 1), pair=3.2),
    ]
    assert survey_signals(rounds, [], NAMES, TODAY) == []
    far = DisputedDecision(2, 1, "Besluit: peilbeheer", TODAY + dt.timedelta(days=200))
    assert survey_signals(rounds, [far], NAMES, TODAY) == []
    near = DisputedDecision(2, 1, "Besluit: peilbeheer", TODAY + dt.timedelta(days=30))
    (signal,) = survey_signals(rounds, [near], NAMES, TODAY)
    assert signal.kind is SurveySignalKind.PAIR_TRUST_FALLING
    assert signal.message.params["org_a"] == "Gemeente Assen"
    assert signal.message.params["day"] == "2025-07-01"


def test_a_pleasant_but_silent_network_is_named() -> None:
    rounds = [_round("Zomer", dt.date(2025, 5, 1), disagree=2.4, trust=3.9)]
    (signal,) = survey_signals(rounds, [], NAMES, TODAY)
    assert signal.kind is SurveySignalKind.DISAGREEMENT_LOW
    assert signal.severity is Severity.HIGH
    assert signal.evidence[0].key == "evidence.pleasant_but_silent"


def test_low_response_waits_until_half_the_round_has_passed() -> None:
    running = RoundFigures("Zomer", dt.date(2025, 5, 25), dt.date(2025, 6, 8), False, 40, 5)
    assert survey_signals([running], [], NAMES, dt.date(2025, 5, 28)) == []
    (signal,) = survey_signals([running], [], NAMES, dt.date(2025, 6, 3))
    assert signal.kind is SurveySignalKind.LOW_RESPONSE
    assert signal.message.params == {"responded": 5, "invited": 40, "pct": 12, "round": "Zomer"}


def test_every_message_is_translated_with_the_same_parameters() -> None:
    assert set(CATALOGUE) == set(MESSAGES)
    for key, english in MESSAGES.items():
        with translation.override("en"):
            assert str(CATALOGUE[key]) == english
    rounds = [
        _round("Voorjaar", dt.date(2025, 3, 1), torn=2.0, loyalty=3.8, pair=4.0),
        _round(
            "Zomer", dt.date(2025, 5, 1), torn=2.9, loyalty=3.0, disagree=2.0, trust=3.6, pair=3.0
        ),
    ]
    near = DisputedDecision(1, 2, "Besluit", TODAY + dt.timedelta(days=10))
    signals = survey_signals(rounds, [near], NAMES, TODAY)
    assert len(signals) == 3
    with translation.override("nl"):
        texts = [render(m) for s in signals for m in (s.message, s.action, *s.evidence)]
    assert all("{" not in t for t in texts)
    assert any("11 juni 2025" in t for t in texts)
    assert any("2,9" in t for t in texts)


def test_figures_are_rounded_not_cut() -> None:
    from warmnet.surveys.report import fmt

    with translation.override("nl"):
        assert (fmt(2.67), fmt(2.96), fmt(None)) == ("2,7", "3,0", "\u2013")
