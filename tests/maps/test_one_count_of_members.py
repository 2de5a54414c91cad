"""One definition of "the members of an organisation" (warmnet.network.models.members_on):
the organisations list, the organisation's page, the organisation map and the analysis
count the same people, on the day someone leaves too."""

from __future__ import annotations

import datetime as dt

import numpy as np
from django.db.models import Count
from django.test import Client
from django.urls import reverse

from tests.maps.conftest import TODAY
from warmnet.engine.frame import frame
from warmnet.insights.loader import load_network
from warmnet.insights.service import analysis_for
from warmnet.maps.organisation_map import organisation_map
from warmnet.network.models import Member, Network, Organisation


def test_every_page_counts_the_same_members(story: Network, alice_client: Client) -> None:
    org = (
        Organisation.objects.filter(network=story)
        .annotate(n=Count("member"))
        .filter(n__gte=4)
        .order_by("pk")
        .first()
    )
    assert org is not None
    people = list(Member.objects.filter(organisation=org, left_on__isnull=True).order_by("pk"))
    leaves_today, left_yesterday, joins_tomorrow = people[:3]
    leaves_today.left_on = TODAY
    left_yesterday.left_on = TODAY - dt.timedelta(days=1)
    joins_tomorrow.joined_on = TODAY + dt.timedelta(days=1)
    for m in (leaves_today, left_yesterday, joins_tomorrow):
        m.save()
    expected = sum(
        m.joined_on <= TODAY and (m.left_on is None or m.left_on >= TODAY)
        for m in Member.objects.filter(organisation=org)
    )

    listed = alice_client.get(reverse("directory:organisation_list", args=[story.slug]))
    in_list = {o.pk: o.n_members for o, _index in listed.context["rows"]}
    page = alice_client.get(reverse("directory:organisation_detail", args=[story.slug, org.pk]))
    on_map = {n.pk: n.members for n in organisation_map(story, TODAY).nodes}
    analysis = analysis_for(story, TODAY)
    row = list(analysis.lookup.org_id).index(org.pk)

    assert in_list[org.pk] == expected
    assert page.context["n_current"] == expected
    assert on_map[org.pk] == expected
    # the analysis: who of the organisation's members is in the network as of today
    data = load_network(story)
    fr = frame(data, np.datetime64(TODAY.isoformat(), "D"), analysis.result.settings)
    in_analysis = int((fr.member_active & (np.asarray(analysis.lookup.member_org) == row)).sum())
    assert in_analysis == expected
