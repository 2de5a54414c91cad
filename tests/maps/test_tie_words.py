"""Tie strength is said in words (sterk / gemiddeld / zwak / nog geen), the hours behind
it in a tooltip, on every page that shows a tie: the member page, the network map's table
and script, the organisation map, the fault line and the organisation page."""

from __future__ import annotations

import re
from typing import Any

import numpy as np
import pytest
from django.test import Client
from django.urls import reverse
from django.utils import translation

from tests.maps.conftest import TODAY
from warmnet.engine.warmth import TIE_BANDS, tie_band
from warmnet.insights.service import analysis_for
from warmnet.maps.faultline import fault_line_of
from warmnet.network.models import Member, Network, Organisation
from warmnet.ui.templatetags.ui import tie_strength

WORDS = {
    "nl": {"strong": "sterk", "medium": "gemiddeld", "weak": "zwak", "none": "nog geen"},
    "en": {"strong": "strong", "medium": "medium", "weak": "weak", "none": "none yet"},
}
BAND = re.compile(r'<span class="tie-band tie-(\w+)"(?: title="([^"]*)")?>([^<]*)')


def _bands(html: str) -> list[tuple[str, str, str]]:
    return BAND.findall(html)


def test_the_bands_follow_the_engines_warm_line_and_the_networks_own_median() -> None:
    assert TIE_BANDS == ("none", "weak", "medium", "strong")
    assert tie_band(0.0, 0.5, 2.0) == "none"
    assert tie_band(0.49, 0.5, 2.0) == "weak"
    assert tie_band(0.5, 0.5, 2.0) == "medium"
    assert tie_band(1.99, 0.5, 2.0) == "medium"
    assert tie_band(2.0, 0.5, 2.0) == "strong"


def test_strong_starts_at_the_median_of_the_networks_warm_ties(
    story: Network,
) -> None:
    result = analysis_for(story, TODAY).result
    values = result.ties.data
    warm = values[values >= result.settings.warm_threshold]
    assert warm.size > 0
    assert result.warmth.strong_threshold == pytest.approx(float(np.median(warm)))
    # scale-free: the same network with every tie twice as long has its strong line twice
    # as high, so the same ties are strong
    bands = [tie_band(v, 0.5, result.warmth.strong_threshold) for v in warm]
    doubled = [tie_band(2 * v, 1.0, 2 * result.warmth.strong_threshold) for v in warm]
    assert bands == doubled
    assert {"medium", "strong"} <= set(bands)


@pytest.mark.parametrize("language", ["nl", "en"])
def test_the_member_page_says_each_tie_in_words_with_the_hours_in_a_tooltip(
    story: Network, alice_client: Client, language: str
) -> None:
    analysis = analysis_for(story, TODAY)
    result = analysis.result
    row = int(result.warmth.strength.argmax())
    member = Member.objects.get(pk=analysis.lookup.member_id[row])
    alice_client.cookies["django_language"] = language
    response = alice_client.get(reverse("network:member_detail", args=[story.slug, member.pk]))
    html = response.content.decode()
    found = _bands(html)
    insights = response.context["insights"]
    assert len(found) == len(insights.ties) > 0
    for tie, (band, title, word) in zip(insights.ties, found, strict=True):
        assert band == tie_band(
            tie.strength, result.settings.warm_threshold, result.warmth.strong_threshold
        )
        assert word == WORDS[language][band]
        hours = f"{tie.strength:.1f}" if tie.strength >= 1 else f"{tie.strength:.2f}"
        assert (hours.replace(".", ",") if language == "nl" else hours) in title
    assert "effective hours" not in html and "effectieve uren" not in html
    # the hours are in the text too, for a screen reader
    assert html.count('<span class="visually-hidden"> (') >= len(found)


@pytest.mark.parametrize("language", ["nl", "en"])
def test_the_map_table_the_organisation_map_and_the_fault_line_use_the_words(
    story: Network, alice_client: Client, language: str
) -> None:
    alice_client.cookies["django_language"] = language
    words = set(WORDS[language].values())
    table = alice_client.get(reverse("maps:network_map", args=[story.slug])).content.decode()
    assert _bands(table) and {w for _b, _t, w in _bands(table)} <= words
    assert "(hours)" not in table and "(uren)" not in table
    orgs = alice_client.get(reverse("maps:organisation_map", args=[story.slug])).content.decode()
    assert _bands(orgs) and {w for _b, _t, w in _bands(orgs)} <= words
    analysis = analysis_for(story, TODAY)
    line = analysis.result.faultlines[0]
    pk = analysis.lookup.point_id[line.point]
    assert fault_line_of(analysis, pk) is line
    html = alice_client.get(reverse("maps:faultline", args=[story.slug, pk])).content.decode()
    lead = html.split('<p class="lead">', 1)[1].split("</p>", 1)[0]
    assert len(_bands(lead)) == 2
    assert " hours" not in lead.replace("hours together", "") and " uur," not in lead


def test_the_map_script_gets_the_same_bands(story: Network, alice_client: Client) -> None:
    data = alice_client.get(
        reverse("maps:network_map_data", args=[story.slug]), {"as_of": TODAY.isoformat()}
    ).json()
    result = analysis_for(story, TODAY).result
    assert data["warmThreshold"] == result.settings.warm_threshold
    assert data["strongThreshold"] == pytest.approx(result.warmth.strong_threshold)


def test_the_organisation_page_says_how_strong_the_ties_with_each_partner_are(
    story: Network, alice_client: Client
) -> None:
    analysis = analysis_for(story, TODAY)
    w = analysis.result.warmth
    row = int(np.asarray(w.org_warm_ties).sum(axis=1).argmax())
    org = Organisation.objects.get(pk=analysis.lookup.org_id[row])
    alice_client.cookies["django_language"] = "nl"
    html = alice_client.get(
        reverse("directory:organisation_detail", args=[story.slug, org.pk])
    ).content.decode()
    section = html.split('id="partners-title"', 1)[1].split("</section>", 1)[0]
    assert "per paar van hun mensen" in section
    assert _bands(section) and {w for _b, _t, w in _bands(section)} <= set(WORDS["nl"].values())


def test_the_tag_speaks_both_languages() -> None:
    with translation.override("nl"):
        html = str(tie_strength("strong", 2.27))
        assert ">sterk<" in html and "2,3 uur samen" in html
        assert ">nog geen<" in str(tie_strength("none", 0.0))
    with translation.override("en"):
        html = str(tie_strength("weak", 0.33))
        assert ">weak<" in html and "0.33 hours together" in html


def test_a_tie_word_stands_for_any_band(story: Any) -> None:
    for band in TIE_BANDS:
        with translation.override("nl"):
            assert WORDS["nl"][band] in str(tie_strength(band, 1.0))
