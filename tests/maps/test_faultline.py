"""The fault-line view of a point of dispute: the engine's sides, the ties across them."""

from __future__ import annotations

import re

import numpy as np
from django.test import Client
from django.urls import reverse

from tests.maps.conftest import TODAY
from warmnet.dossiers.models import Point
from warmnet.engine.faultlines import Risk
from warmnet.insights.service import analysis_for
from warmnet.network.models import Network


def _sides(content: bytes) -> dict[str, set[int]]:
    sides: dict[str, set[int]] = {"for": set(), "against": set(), "neutral": set()}
    for pk, side in re.findall(r'data-member="(\d+)" data-side="(\w+)"', content.decode()):
        sides[side].add(int(pk))
    return sides


def test_the_sides_are_the_engines(story: Network, alice_client: Client) -> None:
    analysis = analysis_for(story, TODAY)
    ids = np.asarray(analysis.lookup.member_id)
    assert analysis.result.faultlines
    for line in analysis.result.faultlines:
        pk = analysis.lookup.point_id[line.point]
        url = reverse("maps:faultline", args=[story.slug, pk])
        response = alice_client.get(url, {"as_of": TODAY.isoformat()})
        assert response.status_code == 200
        sides = _sides(response.content)
        assert sides["for"] == set(ids[line.for_members].tolist())
        assert sides["against"] == set(ids[line.against_members].tolist())
        assert len(sides["neutral"]) == line.neutral
        warm_rows = re.findall(r'class="tie across warm"', response.content.decode())
        assert len(warm_rows) == line.warm_across


def test_a_dispute_without_warm_ties_across_says_so_and_suggests_a_bridge(
    story: Network, alice_client: Client
) -> None:
    analysis = analysis_for(story, TODAY)
    line = next(ln for ln in analysis.result.faultlines if ln.risk is Risk.HIGH)
    pk = analysis.lookup.point_id[line.point]
    response = alice_client.get(reverse("maps:faultline", args=[story.slug, pk]))
    text = response.content.decode()
    assert 'class="banner bad" role="alert"' in text
    assert response.context["suggested"]
    invited = response.context["suggested"]
    assert all(name in text for name in invited)
    assert "risk-high" in text


def test_a_point_that_is_no_open_dispute_has_no_fault_line(
    story: Network, alice_client: Client
) -> None:
    analysis = analysis_for(story, TODAY)
    lined = {analysis.lookup.point_id[ln.point] for ln in analysis.result.faultlines}
    other = Point.objects.filter(network=story).exclude(pk__in=lined).first()
    assert other is not None
    response = alice_client.get(reverse("maps:faultline", args=[story.slug, other.pk]))
    assert response.status_code == 200 and response.context["picture"] is None


def test_the_dossier_and_point_pages_show_the_risk_and_link_to_the_fault_line(
    story: Network, alice_client: Client
) -> None:
    analysis = analysis_for(story, TODAY)
    line = analysis.result.faultlines[0]
    point = Point.objects.get(pk=analysis.lookup.point_id[line.point])
    link = reverse("maps:faultline", args=[story.slug, point.pk])
    dossier_page = alice_client.get(
        reverse("dossiers:dossier_detail", args=[story.slug, point.dossier_id])
    ).content.decode()
    assert link in dossier_page and f"risk-{line.risk.value}" in dossier_page
    assert f"{line.for_members.size} / {line.against_members.size} / {line.neutral}" in (
        dossier_page
    )
    point_page = alice_client.get(
        reverse("dossiers:point_detail", args=[story.slug, point.dossier_id, point.pk])
    ).content.decode()
    assert link in point_page
    assert '<svg class="stances"' in point_page
    assert 'class="milestone-axis"' in dossier_page or "No milestones" in dossier_page
