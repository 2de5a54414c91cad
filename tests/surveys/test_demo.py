"""The demo's two closed rounds: results and signals to look at straight away."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from django.test import Client

from warmnet.generate.management.commands.demo import DEMO_NAME, DEMO_SCENARIO, DEMO_SEED
from warmnet.generate.synth import generate_network
from warmnet.generate.writer import delete_network, write_network
from warmnet.network.models import Member, Organisation, Role
from warmnet.surveys.demo import ensure_demo_surveys
from warmnet.surveys.models import Invitation, OpenAnswer, PartnerRating, Response, SurveyRound
from warmnet.surveys.panel import survey_signal_views

pytestmark = pytest.mark.django_db

TODAY = dt.date(2025, 11, 1)


def test_the_demo_has_two_closed_rounds_that_tell_its_story(alice: Any) -> None:
    g = generate_network(
        DEMO_SEED,
        "demo",
        DEMO_SCENARIO,
        start=TODAY - dt.timedelta(days=730),
        years=2.0,
        region="Groene Delta",
        name=DEMO_NAME,
    )
    network = write_network(g, "demo").network
    assert ensure_demo_surveys(network, TODAY) == 2
    assert ensure_demo_surveys(network, TODAY) == 0  # a rerun adds nothing
    first, second = SurveyRound.objects.filter(network=network).order_by("opens_on")
    assert first.closed_at and second.closed_at and second.closes_on < TODAY
    mean = {
        r: {c: i["total"]["mean"] for c, i in r.results["items"].items()} for r in (first, second)
    }
    assert mean[second]["trust"] < mean[first]["trust"]
    assert mean[second]["torn"] > mean[first]["torn"]
    assert len(second.results["pairs"]) >= 2
    kinds = {s.kind for s in survey_signal_views(network, TODAY)}
    assert {"loyalty_tension_rising", "pair_trust_falling", "disagreement_low"} <= kinds

    Member.objects.create(
        network=network,
        organisation=Organisation.objects.filter(network=network).first(),
        name="Alice de Vries",
        role=Role.COORDINATOR,
        joined_on=TODAY - dt.timedelta(days=730),
        user=alice,
    )
    client = Client()
    client.force_login(alice)
    page = client.get(f"/n/{network.slug}/surveys/{second.pk}/").content.decode()
    assert 'data-discrepancy="meet_often_trust_little"' in page or (
        'data-discrepancy="trust_a_lot_never_meet"' in page
    )
    dashboard = client.get(f"/n/{network.slug}/?as_of={TODAY.isoformat()}").content.decode()
    assert 'class="survey-panel"' in dashboard
    assert 'data-kind="pair_trust_falling"' in dashboard
    # the verdict's evidence holds the latest round, strong enough to count
    assert 'class="survey-evidence" data-strong="yes"' in dashboard
    # the organisation map shows the second round's pairs next to the warm ties
    org_map = client.get(
        f"/n/{network.slug}/map/organisations/", {"as_of": TODAY.isoformat()}
    ).content.decode()
    layer = org_map[org_map.index('id="survey-layer"') :]
    assert second.title in layer
    assert layer.count('<tr class="published') == len(
        [p for p in second.results["pairs"] if p["raters"] >= second.min_group]
    )
    assert 'class="survey-tie' in org_map


def test_a_network_with_survey_rounds_can_be_deleted_whole() -> None:
    g = generate_network(DEMO_SEED, "demo", DEMO_SCENARIO, start=TODAY - dt.timedelta(days=730))
    network = write_network(g, "weg").network
    ensure_demo_surveys(network, TODAY)
    assert Invitation.objects.exists() and Response.objects.exists()
    delete_network(network)
    assert not SurveyRound.objects.exists()
    assert not Invitation.objects.exists() and not Response.objects.exists()
    assert not PartnerRating.objects.exists() and not OpenAnswer.objects.exists()
