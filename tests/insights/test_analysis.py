"""Analyses are served from the cache until the network changes, and read as a report."""

from __future__ import annotations

import datetime as dt
import json
import string
from io import StringIO
from typing import Any

import pytest
from django.core.cache import cache
from django.core.management import CommandError, call_command
from django.utils import translation

from warmnet.engine.texts import MESSAGES
from warmnet.generate.synth import generate_network
from warmnet.generate.writer import write_network
from warmnet.insights import service
from warmnet.insights.service import analysis_for
from warmnet.insights.texts import CATALOGUE, render_message
from warmnet.network.models import Network, Organisation

AS_OF = dt.date(2026, 11, 1)


@pytest.fixture
def story(db: Any) -> Network:
    cache.clear()
    generated = generate_network(
        seed=3, size="demo", scenario="kickoff-then-content", start=dt.date(2024, 11, 1), years=2
    )
    return write_network(generated, "verhaal").network


def test_a_second_request_is_served_from_the_cache(
    story: Network, monkeypatch: pytest.MonkeyPatch
) -> None:
    calls: list[int] = []
    original = service.analyse

    def counting(*args: Any, **kwargs: Any) -> Any:
        calls.append(1)
        return original(*args, **kwargs)

    monkeypatch.setattr(service, "analyse", counting)
    first = analysis_for(story, AS_OF)
    second = analysis_for(story, AS_OF)
    assert len(calls) == 1
    assert second.result.scenario.overall.scenario == first.result.scenario.overall.scenario


def test_any_write_makes_the_next_fresh_request_compute_afresh(
    story: Network, monkeypatch: pytest.MonkeyPatch, django_capture_on_commit_callbacks: Any
) -> None:
    """(Pages serve the last analysis meanwhile: tests/insights/test_stale_while_revalidate.py.)"""
    calls: list[int] = []
    original = service.analyse

    def counting(*args: Any, **kwargs: Any) -> Any:
        calls.append(1)
        return original(*args, **kwargs)

    monkeypatch.setattr(service, "analyse", counting)
    analysis_for(story, AS_OF)
    with django_capture_on_commit_callbacks(execute=True):  # the version moves on commit
        Organisation.objects.create(network=story, name="Nieuwe partner")
    analysis = analysis_for(story, AS_OF, fresh=True)
    assert len(calls) == 2
    assert "Nieuwe partner" in analysis.lookup.org_name


def test_the_generated_story_is_recognised_from_the_database(story: Network) -> None:
    verdict = analysis_for(story, AS_OF).result.scenario.overall
    assert verdict.scenario.name == "KICKOFF_THEN_CONTENT"


def test_the_report_reads_in_dutch_by_default_and_in_english_on_request(story: Network) -> None:
    out = StringIO()
    call_command("analyse", story.slug, "--as-of", "2026-11-01", stdout=out)
    dutch = out.getvalue()
    out = StringIO()
    call_command("analyse", story.slug, "--as-of", "2026-11-01", "--language", "en", stdout=out)
    english = out.getvalue()
    assert "SCENARIO" in english and "WARMTH" in english and "FAULT LINES" in english
    assert "Kick-off then content" in english
    assert "analyse per 1 november 2026" in dutch
    assert "WARMTE" in dutch and "BREUKLIJNEN" in dutch and "SIGNALEN" in dutch


def test_the_report_is_dutch_unless_asked_whatever_language_the_caller_had(
    story: Network,
) -> None:
    from django.utils import translation

    with translation.override("en"):  # as a request or command before it may leave it
        out = StringIO()
        call_command("analyse", story.slug, "--as-of", "2026-11-01", stdout=out)
        assert "analyse per 1 november 2026" in out.getvalue()
        call_command("analyse", story.slug, "--as-of", "2026-11-01", "--language", "nl", stdout=out)
        assert translation.get_language() == "en", "the command leaves the caller's language"
    with pytest.raises(CommandError, match="invalid choice: 'xx'"):
        call_command("analyse", story.slug, "--language", "xx")


def test_the_json_output_is_json_with_the_verdict(story: Network) -> None:
    out = StringIO()
    call_command("analyse", story.slug, "--as-of", "2026-11-01", "--json", stdout=out)
    payload = json.loads(out.getvalue())
    assert payload["scenario"]["overall"]["scenario"] == "kickoff_then_content"
    assert payload["network"]["slug"] == story.slug
    assert len(payload["names"]["member_name"]) == len(payload["warmth"]["warm_ties"])


def test_bad_arguments_get_a_clear_message(story: Network) -> None:
    with pytest.raises(CommandError, match="No network"):
        call_command("analyse", "nergens", "--language", "en")
    with pytest.raises(CommandError, match="not a date"):
        call_command("analyse", story.slug, "--as-of", "31-02-2026", "--language", "en")
    story.analysis_settings = {"band_low": "laag"}
    story.save()
    with pytest.raises(CommandError, match="band_low"):
        call_command("analyse", story.slug, "--language", "en")


def test_the_translation_mirror_holds_every_engine_sentence_unchanged() -> None:
    assert set(CATALOGUE) == set(MESSAGES)
    with translation.override("en"):
        for key, english in MESSAGES.items():
            assert str(CATALOGUE[key]) == english, key


def _fields(template: str) -> set[str]:
    return {name for _, name, _, _ in string.Formatter().parse(template) if name}


def test_every_dutch_sentence_keeps_the_placeholders() -> None:
    with translation.override("nl"):
        for key, english in MESSAGES.items():
            dutch = str(CATALOGUE[key])
            assert dutch != english, f"{key} is not translated"
            assert _fields(dutch) == _fields(english), key


def test_dates_and_codes_in_messages_are_localised() -> None:
    message = {
        "key": "evidence.milestone_drop",
        "params": {
            "drop_pct": 80,
            "months": 6,
            "milestone_kind": "covenant",
            "month": "2025-03",
            "milestone": "Convenant",
        },
    }
    with translation.override("nl"):
        text = render_message(message)
    assert "80%" in text and "maart 2025" in text and "convenant" in text
