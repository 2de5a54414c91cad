"""What the member map reads from the analysis instead of the database, what its cached
picture keeps, and where members stand after a write of the day."""

from __future__ import annotations

import datetime as dt
import pickle
from typing import Any

import numpy as np
from django.utils import timezone

from tests.drinks import record_drink
from tests.maps.conftest import TODAY
from warmnet.insights.service import analysis_for
from warmnet.maps.layers import tie_layers
from warmnet.maps.member_map import member_map
from warmnet.maps.queries import dossier_attendance
from warmnet.network.models import Member, Network, Organisation, Role


def test_who_attended_each_dossier_is_read_from_the_analysis_as_from_the_records(
    story: Network,
) -> None:
    for day in (TODAY, TODAY - dt.timedelta(days=200), dt.date(2025, 1, 15)):
        analysis = analysis_for(story, day)
        assert analysis.dossier_members is not None
        from_records = dossier_attendance(story, day)
        assert from_records, day  # the story has dossier meetings on each of these days
        assert analysis.dossier_members == {d: sorted(m) for d, m in from_records.items()}


def test_a_cached_picture_keeps_the_ties_it_sends_not_the_whole_matrix(story: Network) -> None:
    picture = member_map(story, TODAY)
    analysis = analysis_for(story, TODAY)
    layers = tie_layers(analysis.result)
    assert [e.layer.key for e in picture.layers] == [layer.key for layer in layers]
    assert [e.available for e in picture.layers] == [layer.available for layer in layers]
    assert all(e.layer.ties is None for e in picture.layers)
    assert any(e.source.size for e in picture.layers)
    assert "csr_matrix" not in pickle.dumps(picture).decode("latin-1")


def _drink(capture: Any, network: Network, members: list[Member], title: str) -> None:
    with capture(execute=True):  # the data version moves on commit
        record_drink(network, members, timezone.now() - dt.timedelta(hours=2), title, 120)


def _places(network: Network) -> dict[int, tuple[float, float]]:
    analysis_for(network, TODAY, fresh=True)  # as the worker computes it after a write
    picture = member_map(network, TODAY)
    return {
        int(pk): (float(x), float(y))
        for pk, x, y in zip(picture.pk, picture.x, picture.y, strict=True)
    }


def test_members_keep_their_place_through_the_days_writes_and_a_newcomer_gets_one(
    story: Network, django_capture_on_commit_callbacks: Any
) -> None:
    capture = django_capture_on_commit_callbacks
    before = _places(story)
    ties_before = analysis_for(story, TODAY).result.ties.copy()
    members = list(Member.objects.filter(network=story, left_on__isnull=True).order_by("pk"))
    _drink(capture, story, members[:2] + members[-2:], "Borrel bij het waterschap")
    after = _places(story)
    assert after == before, "the day's attendance moves no one"
    ties_after = analysis_for(story, TODAY).result.ties
    assert (ties_after != ties_before).nnz > 0, "while the ties drawn are the new ones"

    with capture(execute=True):
        newcomer = Member.objects.create(
            network=story,
            organisation=Organisation.objects.filter(network=story).order_by("pk").last(),
            name="Nina Nieuw",
            role=Role.PARTICIPANT,
            joined_on=TODAY,
        )
        record_drink(
            story, [newcomer, *members[:3]], timezone.now() - dt.timedelta(hours=1), "Kennismaking"
        )
    placed = _places(story)
    assert newcomer.pk in placed and np.isfinite(placed[newcomer.pk]).all()
    assert set(placed) == set(before) | {newcomer.pk}
