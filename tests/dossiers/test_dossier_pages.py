from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from django.test import Client
from django.utils import timezone

from tests.dossiers.conftest import url
from warmnet.activities.models import Activity, ActivityKind
from warmnet.dossiers.models import Dossier, Milestone, MilestoneKind, Point
from warmnet.network.models import AuditEntry, Network


def test_every_dossier_page_renders_for_the_coordinator(
    alice_client: Client, dossier_a: Dossier, point_a: Point
) -> None:
    for page in (
        url("dossier_list"),
        url("dossier_new"),
        url("dossier_detail", dossier_a.pk),
        url("dossier_edit", dossier_a.pk),
        url("dossier_delete", dossier_a.pk),
    ):
        assert alice_client.get(page).status_code == 200, page


def test_the_list_counts_points_milestones_and_activities(
    alice_client: Client, dossier_a: Dossier, point_a: Point, network_a: Network
) -> None:
    Milestone.objects.create(
        network=network_a,
        dossier=dossier_a,
        kind=MilestoneKind.COVENANT,
        title="Convenant",
        date=dt.date(2025, 6, 1),
    )
    response = alice_client.get(url("dossier_list"))
    [row] = response.context["rows"]
    assert (row["points"], row["open_disputes"], row["milestones"], row["activities"]) == (
        1,
        1,
        1,
        0,
    )


def test_the_detail_shows_points_milestones_in_order_and_activities(
    alice_client: Client, dossier_a: Dossier, point_a: Point, network_a: Network
) -> None:
    for title, day in (("Convenant", dt.date(2025, 6, 1)), ("Visie", dt.date(2025, 2, 1))):
        Milestone.objects.create(
            network=network_a,
            dossier=dossier_a,
            kind=MilestoneKind.SHARED_VISION,
            title=title,
            date=day,
        )
    Activity.objects.create(
        network=network_a,
        dossier=dossier_a,
        kind=ActivityKind.NEGOTIATION,
        title="Ronde 1",
        start=timezone.make_aware(dt.datetime(2025, 3, 1, 10)),
        duration_minutes=60,
    )
    response = alice_client.get(url("dossier_detail", dossier_a.pk))
    assert [m.title for m in response.context["milestones"]] == ["Visie", "Convenant"]
    assert list(response.context["points"]) == [point_a]
    assert "Ronde 1" in response.content.decode()


def test_creating_a_dossier_is_audited_and_bumps_the_data_version(
    alice_client: Client, network_a: Network, alice: Any, django_capture_on_commit_callbacks: Any
) -> None:
    with django_capture_on_commit_callbacks(execute=True):
        response = alice_client.post(url("dossier_new"), {"name": "Mobiliteit", "description": ""})
    dossier = Dossier.objects.get()
    assert response["Location"] == url("dossier_detail", dossier.pk)
    assert AuditEntry.objects.filter(action="create", object_id=dossier.pk).exists()
    assert Network.objects.get(pk=network_a.pk).data_version > network_a.data_version


def test_a_duplicate_dossier_name_is_rejected_on_the_field(
    alice_client: Client, dossier_a: Dossier
) -> None:
    response = alice_client.post(url("dossier_new"), {"name": "water en bodem"})
    assert response.status_code == 400
    assert response.context["form"].errors["name"] == [
        "This network already has a dossier of this name."
    ]
    assert Dossier.objects.count() == 1


def test_deleting_a_dossier_is_audited(alice_client: Client, dossier_a: Dossier) -> None:
    alice_client.post(url("dossier_delete", dossier_a.pk))
    assert not Dossier.objects.exists()
    assert AuditEntry.objects.filter(action="delete", object_type="dossier").exists()


@pytest.mark.parametrize("persona", ["bob", "olga"])
def test_participants_and_observers_cannot_write_dossiers(
    persona: str, request: pytest.FixtureRequest, dossier_a: Dossier
) -> None:
    client = request.getfixturevalue(f"{persona}_client")
    for page in (
        url("dossier_new"),
        url("dossier_edit", dossier_a.pk),
        url("dossier_delete", dossier_a.pk),
    ):
        assert client.get(page).status_code == 403, page
        assert client.post(page, {"name": "Overgenomen"}).status_code == 403, page
    assert list(Dossier.objects.values_list("name", flat=True)) == ["Water en bodem"]
    assert client.get(url("dossier_detail", dossier_a.pk)).status_code == 200
