"""The positions grid: one press per cell sets a dated, audited stance."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.test import Client
from django.utils import timezone

from tests.dossiers.conftest import url
from warmnet.dossiers.actions import set_stance
from warmnet.dossiers.models import Dossier, Point, Position, Stance
from warmnet.network.models import AuditEntry, Member, Network, Organisation


def test_one_press_records_an_organisations_stance_and_the_audit_log_says_so(
    network_a: Network,
    org_a: Organisation,
    alice: Any,
    alice_client: Client,
    dossier_a: Dossier,
    point_a: Point,
) -> None:
    grid = url("positions_grid", dossier_a.pk)
    page = alice_client.get(grid)
    assert page.status_code == 200
    assert f'value="o{org_a.pk}-p{point_a.pk}-s-1"' in page.content.decode()
    response = alice_client.post(
        grid, {"cell": f"o{org_a.pk}-p{point_a.pk}-s-1", "date": "2025-03-01"}
    )
    assert response.status_code == 302
    position = Position.objects.get(point=point_a, organisation=org_a)
    assert (position.stance, position.date) == (Stance.AGAINST, dt.date(2025, 3, 1))
    entry = AuditEntry.objects.get(network=network_a, object_id=position.pk)
    assert entry.action == "create" and entry.user == alice


def test_htmx_gets_back_only_the_cell_and_the_same_stance_twice_changes_nothing(
    org_a: Organisation, alice: Any, alice_client: Client, dossier_a: Dossier, point_a: Point
) -> None:
    grid = url("positions_grid", dossier_a.pk)
    cell = {"cell": f"o{org_a.pk}-p{point_a.pk}-s1"}
    first = alice_client.post(grid, cell, HTTP_HX_REQUEST="true")
    body = first.content.decode()
    assert first.status_code == 200 and "<html" not in body and body.lstrip().startswith("<td")
    assert 'aria-pressed="true"' in body
    alice_client.post(grid, cell, HTTP_HX_REQUEST="true")
    assert Position.objects.filter(point=point_a, organisation=org_a).count() == 1
    assert Position.objects.get(point=point_a, organisation=org_a).date == timezone.localdate()


def test_a_new_stance_on_the_same_day_corrects_it_and_a_later_one_adds_history(
    network_a: Network, org_a: Organisation, alice: Any, point_a: Point
) -> None:
    day = dt.date(2025, 4, 1)
    set_stance(network_a, alice, point_a, Stance.FOR, day, organisation=org_a)
    _p, changed = set_stance(network_a, alice, point_a, Stance.NEUTRAL, day, organisation=org_a)
    assert changed and Position.objects.filter(point=point_a).count() == 1
    set_stance(
        network_a, alice, point_a, Stance.AGAINST, day + dt.timedelta(days=30), organisation=org_a
    )
    stances = list(
        Position.objects.filter(point=point_a).order_by("date").values_list("stance", flat=True)
    )
    assert stances == [Stance.NEUTRAL, Stance.AGAINST]


def test_the_point_grid_holds_the_people_and_sets_a_members_stance(
    network_a: Network,
    alice: Any,
    bob: Any,
    alice_client: Client,
    dossier_a: Dossier,
    point_a: Point,
) -> None:
    bob_member = Member.objects.get(user=bob)
    grid = url("point_positions_grid", dossier_a.pk, point_a.pk)
    assert bob_member.name in alice_client.get(grid).content.decode()
    alice_client.post(grid, {"cell": f"m{bob_member.pk}-p{point_a.pk}-s0"})
    assert Position.objects.get(point=point_a, member=bob_member).stance == Stance.NEUTRAL


def test_bad_cells_other_networks_and_participants_are_refused(
    network_a: Network,
    org_b: Organisation,
    alice: Any,
    bob: Any,
    alice_client: Client,
    bob_client: Client,
    dossier_a: Dossier,
    other_dossier_a: Dossier,
    point_a: Point,
) -> None:
    grid = url("positions_grid", dossier_a.pk)
    assert alice_client.post(grid, {"cell": "o1-p1-s7"}).status_code == 400
    assert alice_client.post(grid, {"cell": f"o{org_b.pk}-p{point_a.pk}-s1"}).status_code == 404
    other_grid = url("positions_grid", other_dossier_a.pk)
    assert alice_client.post(other_grid, {"cell": f"m1-p{point_a.pk}-s1"}).status_code == 400
    assert (
        alice_client.post(grid, {"cell": f"m1-p{point_a.pk}-s1", "date": "3000-01-01"}).status_code
        == 400
    )
    assert bob_client.get(grid).status_code == 403
    assert Position.objects.count() == 0
