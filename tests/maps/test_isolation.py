"""Maps of network A are not there for anyone outside A."""

from __future__ import annotations

from django.test import Client
from django.urls import reverse

from warmnet.dossiers.models import Point
from warmnet.network.models import Member, Network


def test_the_coordinator_of_another_network_gets_404(story: Network, carol_client: Client) -> None:
    point = Point.objects.filter(network=story).first()
    member = Member.objects.filter(network=story).first()
    assert point is not None and member is not None
    for url in (
        reverse("maps:network_map", args=[story.slug]),
        reverse("maps:network_map_data", args=[story.slug]),
        reverse("maps:organisation_map", args=[story.slug]),
        reverse("maps:faultline", args=[story.slug, point.pk]),
        reverse("network:member_detail", args=[story.slug, member.pk]),
    ):
        assert carol_client.get(url).status_code == 404, url


def test_a_point_of_another_network_is_404_under_ones_own(
    story: Network, network_b: Network, carol_client: Client
) -> None:
    point = Point.objects.filter(network=story).first()
    assert point is not None
    url = reverse("maps:faultline", args=[network_b.slug, point.pk])
    assert carol_client.get(url).status_code == 404
