"""The organisation map: partners sized by their people, joined by their warm ties."""

from __future__ import annotations

import re

from django.test import Client
from django.urls import reverse

from tests.maps.conftest import TODAY
from warmnet.insights.service import analysis_for
from warmnet.network.models import Member, Network


def test_it_draws_each_organisation_with_members_and_links_to_its_people(
    story: Network, alice_client: Client
) -> None:
    url = reverse("maps:organisation_map", args=[story.slug])
    response = alice_client.get(url, {"as_of": TODAY.isoformat()})
    assert response.status_code == 200
    drawn = {int(pk) for pk in re.findall(r'data-organisation="(\d+)"', response.content.decode())}
    with_members = set(
        Member.objects.filter(network=story, left_on__isnull=True).values_list(
            "organisation_id", flat=True
        )
    )
    assert drawn == with_members
    picture = response.context["picture"]
    warmth = analysis_for(story, TODAY).result.warmth
    assert sum(e.warm_ties for e in picture.edges) == warmth.warm_cross_org_ties
    map_url = reverse("maps:network_map", args=[story.slug])
    assert f"{map_url}?organisation={next(iter(drawn))}" in response.content.decode()
