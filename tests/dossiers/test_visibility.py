"""Who sees what on points and hard moments (docs/security.md, "Who sees and changes what").

Participants and observers see the organisations' positions and, per organisation, how
many of its people stand where; not an individual's own position, unless that record is
shared.  Of a hard moment they see the date, title, parties and outcome; the description
only when it is shared.  Coordinators and the core team see everything.
"""

from __future__ import annotations

import datetime as dt
import re
from typing import Any

import pytest
from django.test import Client

from tests.dossiers.conftest import url
from warmnet.dossiers.models import Dossier, HardMoment, Outcome, Point, Position
from warmnet.network.models import Member, Network, Organisation

HENK_NOTE = "Henk stemt tegen, tegen de lijn van zijn gemeente in"
ORG_NOTE = "Het dagelijks bestuur steunt het peilbesluit"
DESCRIPTION = "Een concept van Vitens lekt uit naar de pers"


@pytest.fixture
def positions(
    network_a: Network, point_a: Point, henk: Member, org_a2: Organisation
) -> dict[str, Position]:
    return {
        "henk": Position.objects.create(
            network=network_a,
            point=point_a,
            member=henk,
            stance=-1,
            date=dt.date(2025, 2, 1),
            note=HENK_NOTE,
        ),
        "org": Position.objects.create(
            network=network_a,
            point=point_a,
            organisation=org_a2,
            stance=1,
            date=dt.date(2025, 2, 2),
            note=ORG_NOTE,
        ),
    }


@pytest.fixture
def leak(network_a: Network, org_a: Organisation, org_a2: Organisation) -> HardMoment:
    moment = HardMoment.objects.create(
        network=network_a,
        title="Concept uitgelekt",
        date=dt.date(2025, 3, 1),
        description=DESCRIPTION,
        outcome=Outcome.HELD_TOGETHER,
    )
    moment.parties.add(org_a, org_a2)
    return moment


def _page(client: Client, address: str) -> str:
    response = client.get(address)
    assert response.status_code == 200
    return response.content.decode()


@pytest.mark.parametrize("persona", ["bob_client", "olga_client"])
def test_participants_and_observers_see_organisations_positions_not_individuals(
    request: Any, persona: str, dossier_a: Dossier, point_a: Point, positions: Any
) -> None:
    client = request.getfixturevalue(persona)
    html = _page(client, url("point_detail", dossier_a.pk, point_a.pk))
    assert "Henk Mulder" not in html
    assert HENK_NOTE not in html
    # the organisation's own position, with its note
    assert "Waterschap Hunze en Aa&#x27;s" in html
    assert ORG_NOTE in html
    # and per organisation how many of its people stand where, without names
    assert "People with a stance of their own, per organisation" in html
    summary = html.split('class="people-summary"')[1].split("</section>")[0]
    assert "Gemeente Assen" in summary
    # Henk is his organisation's only person with a stance: a count would be his stance
    assert '<td class="num">' not in summary
    assert "fewer than 3 people with a stance" in summary


@pytest.mark.parametrize("persona", ["bob_client", "olga_client"])
def test_an_organisations_count_shows_from_three_people_with_a_stance(
    request: Any,
    persona: str,
    network_a: Network,
    dossier_a: Dossier,
    point_a: Point,
    positions: Any,
    henk: Member,
) -> None:
    for i, stance in enumerate((1, 1)):
        colleague = Member.objects.create(
            network=network_a,
            organisation=henk.organisation,
            name=f"Collega {i}",
            joined_on=dt.date(2024, 1, 1),
        )
        Position.objects.create(
            network=network_a,
            point=point_a,
            member=colleague,
            stance=stance,
            date=dt.date(2025, 2, 3),
        )
    html = _page(request.getfixturevalue(persona), url("point_detail", dossier_a.pk, point_a.pk))
    summary = html.split('class="people-summary"')[1].split("</section>")[0]
    row = summary.split("Gemeente Assen", 1)[1].split("</tr>", 1)[0]
    counts = [int(n) for n in re.findall(r'<td class="num">(\d+)</td>', row)]
    assert sorted(counts) == [0, 1, 2]  # one against, none neutral, two for
    assert "Collega 0" not in html and "Henk Mulder" not in html


@pytest.mark.parametrize("persona", ["alice_client", "dave_client"])
def test_those_who_run_the_network_see_every_position(
    request: Any, persona: str, dossier_a: Dossier, point_a: Point, positions: Any
) -> None:
    html = _page(request.getfixturevalue(persona), url("point_detail", dossier_a.pk, point_a.pk))
    assert "Henk Mulder" in html
    assert HENK_NOTE in html
    assert ORG_NOTE in html
    assert "People with a stance of their own, per organisation" not in html


def test_a_shared_position_is_seen_by_participants_and_observers(
    bob_client: Client,
    olga_client: Client,
    dossier_a: Dossier,
    point_a: Point,
    positions: dict[str, Position],
) -> None:
    positions["henk"].shared = True
    positions["henk"].save()
    for client in (bob_client, olga_client):
        html = _page(client, url("point_detail", dossier_a.pk, point_a.pk))
        assert "Henk Mulder" in html
        assert HENK_NOTE in html


def test_the_organisation_page_shows_people_positions_only_when_shared(
    bob_client: Client, alice_client: Client, org_a: Organisation, positions: Any
) -> None:
    from django.urls import reverse

    address = reverse("directory:organisation_detail", args=["regio-deal-noord", org_a.pk])
    assert "Positions of its people" not in _page(bob_client, address)
    assert "Positions of its people" in _page(alice_client, address)
    assert "Henk Mulder" in _page(alice_client, address).split("Positions of its people", 1)[1]
    positions["henk"].shared = True
    positions["henk"].save()
    assert "Henk Mulder" in _page(bob_client, address).split("Positions of its people", 1)[1]


def test_a_coordinator_shares_a_position_in_its_form(
    alice_client: Client, dossier_a: Dossier, point_a: Point, positions: dict[str, Position]
) -> None:
    henk = positions["henk"]
    address = url("position_edit", dossier_a.pk, point_a.pk, henk.pk)
    assert 'name="shared"' in _page(alice_client, address)
    response = alice_client.post(
        address,
        {
            "member": henk.member_id,
            "stance": -1,
            "date": "2025-02-01",
            "note": HENK_NOTE,
            "shared": "on",
        },
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    henk.refresh_from_db()
    assert henk.shared is True
    # a new position is not shared unless asked
    response = alice_client.post(
        url("position_new", dossier_a.pk, point_a.pk),
        {"member": henk.member_id, "stance": 0, "date": "2025-04-01"},
    )
    assert response.status_code == 302
    assert Position.objects.get(date=dt.date(2025, 4, 1)).shared is False


@pytest.mark.parametrize("persona", ["bob_client", "olga_client"])
def test_participants_and_observers_see_a_hard_moment_without_its_description(
    request: Any, persona: str, leak: HardMoment
) -> None:
    html = _page(request.getfixturevalue(persona), url("hard_moment_list"))
    assert DESCRIPTION not in html
    assert "Concept uitgelekt" in html
    assert "Gemeente Assen" in html and "Waterschap Hunze en Aa&#x27;s" in html
    assert str(Outcome.HELD_TOGETHER.label) in html


@pytest.mark.parametrize("persona", ["alice_client", "dave_client"])
def test_those_who_run_the_network_see_the_description(
    request: Any, persona: str, leak: HardMoment
) -> None:
    assert DESCRIPTION in _page(request.getfixturevalue(persona), url("hard_moment_list"))


def test_a_shared_hard_moment_shows_its_description_to_everyone(
    alice_client: Client, bob_client: Client, olga_client: Client, leak: HardMoment
) -> None:
    address = url("hard_moment_edit", leak.pk)
    assert 'name="shared"' in _page(alice_client, address)
    response = alice_client.post(
        address,
        {
            "title": leak.title,
            "date": "2025-03-01",
            "description": DESCRIPTION,
            "parties": [p.pk for p in leak.parties.all()],
            "outcome": Outcome.HELD_TOGETHER,
            "shared": "on",
        },
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    leak.refresh_from_db()
    assert leak.shared is True
    for client in (bob_client, olga_client):
        assert DESCRIPTION in _page(client, url("hard_moment_list"))
