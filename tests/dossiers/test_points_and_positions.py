from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
import time_machine
from django.test import Client

from tests.dossiers.conftest import url
from warmnet.dossiers.models import Dossier, Point, PointKind, PointStatus, Position, Stance
from warmnet.network.models import AuditEntry, Member, Network, Organisation

TODAY = dt.date(2025, 5, 20)


@pytest.fixture(autouse=True)
def frozen() -> Any:
    with time_machine.travel(dt.datetime(2025, 5, 20, 12, tzinfo=dt.UTC), tick=False):
        yield


def point_post(**overrides: Any) -> dict[str, Any]:
    data = {
        "title": "Peilbeheer",
        "kind": PointKind.DISPUTE,
        "status": PointStatus.OPEN,
        "opened_on": "2025-01-06",
        "status_since": "2025-01-06",
        "description": "",
    }
    return data | overrides


def position_post(**overrides: Any) -> dict[str, Any]:
    data = {
        "member": "",
        "organisation": "",
        "stance": Stance.FOR,
        "date": "2025-05-01",
        "note": "",
    }
    return data | overrides


def test_every_point_and_position_page_renders_for_the_coordinator(
    alice_client: Client, dossier_a: Dossier, point_a: Point, henk: Member
) -> None:
    position = Position.objects.create(
        network=point_a.network,
        point=point_a,
        member=henk,
        stance=Stance.AGAINST,
        date=dt.date(2025, 2, 1),
    )
    d, p = dossier_a.pk, point_a.pk
    for page in (
        url("point_new", d),
        url("point_detail", d, p),
        url("point_edit", d, p),
        url("point_delete", d, p),
        url("position_new", d, p),
        url("position_edit", d, p, position.pk),
        url("position_delete", d, p, position.pk),
    ):
        assert alice_client.get(page).status_code == 200, page


def test_a_new_points_status_dates_from_its_opening(
    alice_client: Client,
    dossier_a: Dossier,
    network_a: Network,
    django_capture_on_commit_callbacks: Any,
) -> None:
    with django_capture_on_commit_callbacks(execute=True):
        response = alice_client.post(url("point_new", dossier_a.pk), point_post(status_since=""))
    point = Point.objects.get()
    assert response["Location"] == url("point_detail", dossier_a.pk, point.pk)
    assert (point.dossier, point.status_since) == (dossier_a, dt.date(2025, 1, 6))
    assert AuditEntry.objects.filter(action="create", object_type="point").exists()
    assert Network.objects.get(pk=network_a.pk).data_version > network_a.data_version


def test_changing_the_status_dates_it_from_today(
    alice_client: Client, dossier_a: Dossier, point_a: Point
) -> None:
    alice_client.post(
        url("point_edit", dossier_a.pk, point_a.pk), point_post(status=PointStatus.CONVERGING)
    )
    point_a.refresh_from_db()
    assert (point_a.status, point_a.status_since) == (PointStatus.CONVERGING, TODAY)


def test_changing_the_status_keeps_a_date_the_user_gave(
    alice_client: Client, dossier_a: Dossier, point_a: Point
) -> None:
    alice_client.post(
        url("point_edit", dossier_a.pk, point_a.pk),
        point_post(status=PointStatus.AGREED, status_since="2025-04-30"),
    )
    point_a.refresh_from_db()
    assert point_a.status_since == dt.date(2025, 4, 30)


def test_editing_other_fields_keeps_the_status_date(
    alice_client: Client, dossier_a: Dossier, point_a: Point
) -> None:
    alice_client.post(url("point_edit", dossier_a.pk, point_a.pk), point_post(title="Peil"))
    point_a.refresh_from_db()
    assert (point_a.title, point_a.status_since) == ("Peil", dt.date(2025, 1, 6))


def test_a_status_dated_before_the_opening_is_rejected_on_the_field(
    alice_client: Client, dossier_a: Dossier
) -> None:
    response = alice_client.post(
        url("point_new", dossier_a.pk), point_post(status_since="2024-12-31")
    )
    assert response.status_code == 400
    assert response.context["form"].errors["status_since"] == [
        "The status cannot date from before the point opened."
    ]
    assert not Point.objects.exists()


def test_a_point_is_reached_only_through_its_own_dossier(
    alice_client: Client, dossier_a: Dossier, point_other_dossier: Point
) -> None:
    d, p = dossier_a.pk, point_other_dossier.pk
    for page in (url("point_detail", d, p), url("point_edit", d, p), url("position_new", d, p)):
        assert alice_client.get(page).status_code == 404, page


def test_recording_a_position_of_a_member_is_audited(
    alice_client: Client, dossier_a: Dossier, point_a: Point, henk: Member
) -> None:
    response = alice_client.post(
        url("position_new", dossier_a.pk, point_a.pk), position_post(member=henk.pk)
    )
    assert response["Location"] == url("point_detail", dossier_a.pk, point_a.pk)
    position = Position.objects.get()
    assert (position.point, position.member, position.organisation) == (point_a, henk, None)
    assert AuditEntry.objects.filter(action="create", object_type="position").exists()


def test_a_position_on_a_point_of_another_dossier_is_impossible(
    alice_client: Client, dossier_a: Dossier, point_other_dossier: Point, henk: Member
) -> None:
    response = alice_client.post(
        url("position_new", dossier_a.pk, point_other_dossier.pk), position_post(member=henk.pk)
    )
    assert response.status_code == 404
    assert not Position.objects.exists()


def test_a_position_on_a_point_of_another_network_is_impossible(
    alice_client: Client, dossier_a: Dossier, dossier_b: Dossier, point_b: Point, henk: Member
) -> None:
    for d in (dossier_a.pk, dossier_b.pk):
        response = alice_client.post(
            url("position_new", d, point_b.pk), position_post(member=henk.pk)
        )
        assert response.status_code == 404
    assert not Position.objects.exists()


def test_a_position_needs_exactly_one_holder(
    alice_client: Client, dossier_a: Dossier, point_a: Point, henk: Member, org_a: Organisation
) -> None:
    page = url("position_new", dossier_a.pk, point_a.pk)
    neither = alice_client.post(page, position_post())
    assert neither.status_code == 400
    assert neither.context["form"].errors["member"] == [
        "Choose the member or the organisation that holds it."
    ]
    both = alice_client.post(page, position_post(member=henk.pk, organisation=org_a.pk))
    assert both.context["form"].errors["organisation"] == [
        "A position is held by a member or by an organisation, not both."
    ]
    assert not Position.objects.exists()


def test_a_holder_from_another_network_is_rejected_on_the_field(
    alice_client: Client, dossier_a: Dossier, point_a: Point, org_b: Organisation
) -> None:
    response = alice_client.post(
        url("position_new", dossier_a.pk, point_a.pk), position_post(organisation=org_b.pk)
    )
    assert "organisation" in response.context["form"].errors
    assert not Position.objects.exists()


def test_the_point_page_shows_positions_per_holder_newest_first(
    alice_client: Client, dossier_a: Dossier, point_a: Point, henk: Member, org_a: Organisation
) -> None:
    def hold(stance: int, day: dt.date, **holder: Any) -> Position:
        return Position.objects.create(
            network=point_a.network, point=point_a, stance=stance, date=day, **holder
        )

    old = hold(Stance.AGAINST, dt.date(2025, 2, 1), member=henk)
    new = hold(Stance.NEUTRAL, dt.date(2025, 4, 1), member=henk)
    org = hold(Stance.FOR, dt.date(2025, 3, 1), organisation=org_a)
    response = alice_client.get(url("point_detail", dossier_a.pk, point_a.pk))
    holders = response.context["holders"]
    assert [(h.name, h.positions) for h in holders] == [
        ("Henk Mulder", [new, old]),
        ("Gemeente Assen", [org]),
    ]
    assert dict(response.context["tally"]) == {"against": 0, "neutral": 1, "for": 1}


def test_editing_and_deleting_a_position(
    alice_client: Client, dossier_a: Dossier, point_a: Point, henk: Member
) -> None:
    position = Position.objects.create(
        network=point_a.network,
        point=point_a,
        member=henk,
        stance=Stance.AGAINST,
        date=dt.date(2025, 2, 1),
    )
    base = (dossier_a.pk, point_a.pk, position.pk)
    alice_client.post(url("position_edit", *base), position_post(member=henk.pk, stance=0))
    position.refresh_from_db()
    assert position.stance == Stance.NEUTRAL
    alice_client.post(url("position_delete", *base))
    assert not Position.objects.exists()
    assert AuditEntry.objects.filter(object_type="position", action="delete").exists()


def test_a_position_is_reached_only_through_its_own_point(
    alice_client: Client, dossier_a: Dossier, point_a: Point, henk: Member, org_a: Organisation
) -> None:
    other = Point.objects.create(
        network=point_a.network,
        dossier=dossier_a,
        title="Andere",
        opened_on=TODAY,
        status_since=TODAY,
    )
    position = Position.objects.create(
        network=point_a.network, point=point_a, member=henk, stance=1, date=TODAY
    )
    response = alice_client.post(
        url("position_edit", dossier_a.pk, other.pk, position.pk), position_post(member=henk.pk)
    )
    assert response.status_code == 404
    assert Position.objects.get().point == point_a


@pytest.mark.parametrize("persona", ["bob", "olga"])
def test_participants_and_observers_cannot_write_points_or_positions(
    persona: str, request: pytest.FixtureRequest, dossier_a: Dossier, point_a: Point, henk: Member
) -> None:
    client = request.getfixturevalue(f"{persona}_client")
    position = Position.objects.create(
        network=point_a.network, point=point_a, member=henk, stance=1, date=TODAY
    )
    d, p = dossier_a.pk, point_a.pk
    for page in (
        url("point_new", d),
        url("point_edit", d, p),
        url("point_delete", d, p),
        url("position_new", d, p),
        url("position_edit", d, p, position.pk),
        url("position_delete", d, p, position.pk),
    ):
        assert client.get(page).status_code == 403, page
        response = client.post(page, point_post() | position_post(member=henk.pk))
        assert response.status_code == 403, page
    assert Point.objects.count() == 1
    assert Position.objects.count() == 1
    assert client.get(url("point_detail", d, p)).status_code == 200
