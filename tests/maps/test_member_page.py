"""The member page: their ties, their standing, and people they have not met yet."""

from __future__ import annotations

from typing import Any

from django.test import Client
from django.urls import reverse

from tests.maps.conftest import TODAY
from warmnet.insights.service import analysis_for
from warmnet.network.models import Member, Network, Role


def _busiest(network: Network) -> Member:
    analysis = analysis_for(network, TODAY)
    row = int(analysis.result.warmth.strength.argmax())
    return Member.objects.get(pk=analysis.lookup.member_id[row])


def test_it_lists_ties_warmest_first_and_never_suggests_known_people(
    story: Network, alice_client: Client
) -> None:
    analysis = analysis_for(story, TODAY)
    rows = {pk: i for i, pk in enumerate(analysis.lookup.member_id)}
    for member in Member.objects.filter(network=story).order_by("pk")[:12]:
        response = alice_client.get(reverse("network:member_detail", args=[story.slug, member.pk]))
        assert response.status_code == 200
        insights = response.context["insights"]
        strengths = [t.strength for t in insights.ties]
        assert strengths == sorted(strengths, reverse=True)
        row = rows[member.pk]
        known = {analysis.lookup.member_id[c] for c in analysis.result.ties[row].indices.tolist()}
        unmet = {t.pk for t in insights.unmet}
        assert member.pk not in unmet
        assert not unmet & known
        assert len(insights.ties) == min(15, len(known))


def test_a_connected_member_gets_suggestions_through_people_they_know(
    story: Network, alice_client: Client
) -> None:
    member = _busiest(story)
    response = alice_client.get(reverse("network:member_detail", args=[story.slug, member.pk]))
    insights = response.context["insights"]
    assert insights.unmet and insights.unmet[0].via
    assert insights.warm_ties > 0 and insights.status
    text = response.content.decode()
    assert 'class="plain not-met"' in text and insights.unmet[0].name in text


def test_a_participant_sees_the_same_list_on_their_own_page(
    story: Network, alice_client: Client, bob: Any
) -> None:
    member = _busiest(story)
    member.user = bob
    member.role = Role.PARTICIPANT
    member.save(update_fields=["user", "role"])
    bob_client = Client()
    bob_client.force_login(bob)
    url = reverse("network:member_detail", args=[story.slug, member.pk])
    own = bob_client.get(url)
    assert own.status_code == 200 and own.context["is_self"]
    assert [t.pk for t in own.context["insights"].unmet] == [
        t.pk for t in alice_client.get(url).context["insights"].unmet
    ]


def test_a_member_who_has_left_gets_no_suggestions(story: Network, alice_client: Client) -> None:
    gone = Member.objects.filter(network=story, left_on__lt=TODAY).first()
    assert gone is not None
    response = alice_client.get(reverse("network:member_detail", args=[story.slug, gone.pk]))
    insights = response.context["insights"]
    assert insights.status == ["away"] and not insights.unmet and not insights.ties
