"""The network map: one node per member shown, coloured by organisation, filtered, replayed."""

from __future__ import annotations

import datetime as dt
import re
from typing import Any

import numpy as np
import pytest
import scipy.sparse as sp
from django.test import Client
from django.urls import reverse

from tests.maps.conftest import TODAY
from warmnet.activities.models import Attendance, AttendanceStatus
from warmnet.dossiers.models import Dossier
from warmnet.insights.service import analysis_for
from warmnet.maps import member_map as member_map_module
from warmnet.maps.layout import style_of
from warmnet.network.models import Member, Network

NODE = re.compile(
    r'<a href="(?P<href>[^"]+)" class="node" data-member="(?P<pk>\d+)">'
    r"<title>[^<]*</title><(?:circle|polygon)[^>]*fill=\"(?P<fill>#[0-9A-Fa-f]{6})\""
)


def _nodes(content: bytes) -> list[dict[str, str]]:
    return [m.groupdict() for m in NODE.finditer(content.decode())]


def _active(network: Network, day: dt.date) -> set[int]:
    members = Member.objects.filter(network=network, joined_on__lte=day)
    return {m.pk for m in members if m.left_on is None or m.left_on > day}


def _map(client: Client, network: Network, **params: Any) -> Any:
    params.setdefault("as_of", TODAY.isoformat())
    return client.get(reverse("maps:network_map", args=[network.slug]), params)


def test_it_draws_one_linked_node_per_member_coloured_by_organisation(
    story: Network, alice_client: Client
) -> None:
    response = _map(alice_client, story)
    assert response.status_code == 200
    nodes = _nodes(response.content)
    assert {int(n["pk"]) for n in nodes} == _active(story, TODAY)
    assert len(nodes) == len({n["pk"] for n in nodes})
    org_rows = {pk: i for i, pk in enumerate(analysis_for(story, TODAY).lookup.org_id)}
    members = Member.objects.in_bulk([int(n["pk"]) for n in nodes])
    for node in nodes:
        member = members[int(node["pk"])]
        assert node["href"] == reverse("network:member_detail", args=[story.slug, member.pk])
        colour, _shape = style_of(org_rows[member.organisation_id])
        assert node["fill"] == colour
    # the legend names every organisation drawn, and the picture has a text alternative
    text = response.content.decode()
    for member in members.values():
        assert member.organisation.name.replace("'", "&#x27;") in text
    assert "<desc" in text and '<table class="list">' in text


def test_filtering_by_organisation_keeps_only_its_members(
    story: Network, alice_client: Client
) -> None:
    member = Member.objects.filter(network=story).order_by("pk")[3]
    org = member.organisation
    nodes = _nodes(_map(alice_client, story, organisation=org.pk).content)
    expected = {
        pk for pk in _active(story, TODAY) if Member.objects.get(pk=pk).organisation_id == org.pk
    }
    assert {int(n["pk"]) for n in nodes} == expected
    assert 0 < len(nodes) < len(_active(story, TODAY))


def test_filtering_by_dossier_keeps_those_who_attended_its_activities(
    story: Network, alice_client: Client
) -> None:
    dossier = Dossier.objects.filter(network=story).order_by("pk").first()
    assert dossier is not None
    attended = set(
        Attendance.objects.filter(
            activity__dossier=dossier,
            status=AttendanceStatus.ATTENDED,
            activity__start__date__lte=TODAY,
        ).values_list("member_id", flat=True)
    )
    nodes = {int(n["pk"]) for n in _nodes(_map(alice_client, story, dossier=dossier.pk).content)}
    assert nodes == attended & _active(story, TODAY)
    assert nodes


def test_replaying_the_history_leaves_out_later_members_and_ties(
    story: Network, alice_client: Client
) -> None:
    early = dt.date(2025, 3, 31)
    response = _map(alice_client, story, as_of=early.isoformat())
    shown = {int(n["pk"]) for n in _nodes(response.content)}
    assert shown == _active(story, early)
    later = set(
        Member.objects.filter(network=story, joined_on__gt=early).values_list("pk", flat=True)
    )
    assert later and not shown & later
    picture = response.context["picture"]
    assert picture.as_of == early
    ties = analysis_for(story, early).result.ties
    assert picture.tie_count == sp.triu(ties, k=1).nnz
    assert picture.tie_count < _map(alice_client, story).context["picture"].tie_count


def test_a_date_after_today_is_today(story: Network, alice_client: Client) -> None:
    response = _map(alice_client, story, as_of="2030-01-01")
    assert response.context["picture"].as_of == TODAY


def test_an_htmx_request_gets_only_the_picture(story: Network, alice_client: Client) -> None:
    response = alice_client.get(
        reverse("maps:network_map", args=[story.slug]),
        {"as_of": "2025-06-30"},
        HTTP_HX_REQUEST="true",
    )
    text = response.content.decode()
    assert response.status_code == 200
    assert text.lstrip().startswith('<section id="map-picture"')
    assert "<html" not in text


def test_a_large_network_shows_only_the_most_connected(
    story: Network, alice_client: Client, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(member_map_module, "MAX_NODES", 10)
    response = _map(alice_client, story)
    picture = response.context["picture"]
    assert len(_nodes(response.content)) == 10 and picture.capped
    assert picture.eligible == len(_active(story, TODAY))
    assert 'class="map-note"' in response.content.decode()
    analysis = analysis_for(story, TODAY)
    strength = analysis.result.warmth.strength
    rows = {pk: i for i, pk in enumerate(analysis.lookup.member_id)}
    shown = [strength[rows[n.pk]] for n in picture.nodes]
    hidden = [strength[rows[pk]] for pk in _active(story, TODAY) - {n.pk for n in picture.nodes}]
    assert min(shown) >= max(hidden)


def test_the_layout_is_the_same_every_time(story: Network, alice_client: Client) -> None:
    first = _map(alice_client, story).context["picture"]
    from django.core.cache import cache

    cache.clear()
    second = _map(alice_client, story).context["picture"]
    assert [(n.x, n.y) for n in first.nodes] == [(n.x, n.y) for n in second.nodes]
    assert np.isfinite([float(n.x) for n in first.nodes]).all()
