"""A point's page and its fault line count different things, and say so: the page tallies
the parties (organisations, and people with a stance of their own), the fault line the
people on each side (their own stance, else their organisation's).  Both pages give the
people count, so "for 6 / against 6" never stands beside "11 for, 10 against" unexplained."""

from __future__ import annotations

import html
import re

from django.test import Client
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext

from tests.maps.conftest import TODAY
from warmnet.dossiers.models import Point
from warmnet.insights.service import analysis_for
from warmnet.maps.faultline import risk_by_point
from warmnet.network.models import Network


def test_the_point_page_and_the_fault_line_count_the_same_people(
    story: Network, alice_client: Client
) -> None:
    risks = risk_by_point(analysis_for(story, TODAY))
    assert risks, "the network has a fault line"
    point = Point.objects.get(pk=next(iter(risks)))
    summary = risks[point.pk]
    counts = {"pro": summary.for_count, "con": summary.against_count}

    url = reverse("dossiers:point_detail", args=[story.slug, point.dossier_id, point.pk])
    page = html.unescape(alice_client.get(url).content.decode())
    language = re.search(r'<html lang="(\w+)"', page)
    assert language
    with translation.override(language.group(1)):
        people = gettext("%(pro)s people for, %(con)s against") % counts
        parties = gettext("Stances of the parties")
        what = gettext("Organisations, and people with a stance of their own:")
    assert people in page
    assert parties in page and what in page

    line = alice_client.get(reverse("maps:faultline", args=[story.slug, point.pk]))
    assert people in html.unescape(line.content.decode())
