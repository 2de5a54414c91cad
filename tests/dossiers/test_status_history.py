"""A point keeps the dated history of its status, and the analysis replays it."""

from __future__ import annotations

import datetime as dt
from typing import Any

import numpy as np
import time_machine
from django.test import Client

from tests.dossiers.conftest import url
from warmnet.dossiers.models import Dossier, Point, PointStatus, PointStatusChange
from warmnet.engine.faultlines import point_status_as_of
from warmnet.engine.frame import frame
from warmnet.engine.settings import AnalysisSettings
from warmnet.insights.loader import load_network
from warmnet.network.models import AuditEntry, Network

TODAY = dt.date(2025, 9, 1)


def statuses(network: Network, day: str) -> list[int]:
    fr = frame(load_network(network), np.datetime64(day), AnalysisSettings())
    return point_status_as_of(fr).tolist()


@time_machine.travel(dt.datetime(2025, 9, 1, 12, tzinfo=dt.UTC), tick=False)
def test_deadlocked_then_agreed_is_recorded_and_replayed_as_of_a_date(
    alice_client: Client, dossier_a: Dossier, point_a: Point, network_a: Network
) -> None:
    new = url("status_change_new", dossier_a.pk, point_a.pk)
    assert alice_client.get(new).status_code == 200
    for status, day in ((PointStatus.DEADLOCKED, "2025-03-01"), (PointStatus.AGREED, "2025-07-15")):
        response = alice_client.post(new, {"status": status, "date": day, "note": ""})
        assert response.status_code == 302, response.content
    point_a.refresh_from_db()
    assert (point_a.status, point_a.status_since) == (PointStatus.AGREED, dt.date(2025, 7, 15))
    assert statuses(network_a, "2025-02-01") == [PointStatus.OPEN]
    assert statuses(network_a, "2025-05-01") == [PointStatus.DEADLOCKED]
    assert statuses(network_a, "2025-08-01") == [PointStatus.AGREED]
    page = alice_client.get(url("point_detail", dossier_a.pk, point_a.pk)).content.decode()
    assert "Status history" in page and "deadlocked" in page
    assert AuditEntry.objects.filter(object_type="pointstatuschange", action="create").count() == 2

    # a wrong entry removed: the point follows its history back
    agreed = PointStatusChange.objects.get(point=point_a, status=PointStatus.AGREED)
    delete = url("status_change_delete", dossier_a.pk, point_a.pk, agreed.pk)
    assert alice_client.get(delete).status_code == 200
    assert alice_client.post(delete).status_code == 302
    point_a.refresh_from_db()
    assert (point_a.status, point_a.status_since) == (PointStatus.DEADLOCKED, dt.date(2025, 3, 1))


@time_machine.travel(dt.datetime(2025, 9, 1, 12, tzinfo=dt.UTC), tick=False)
def test_changing_the_status_on_the_point_form_is_kept_in_the_history(
    alice_client: Client, dossier_a: Dossier, point_a: Point
) -> None:
    from tests.dossiers.test_points_and_positions import point_post

    alice_client.post(
        url("point_edit", dossier_a.pk, point_a.pk),
        point_post(status=PointStatus.CONVERGING, status_since="2025-05-02"),
    )
    # the date left as it was: the change dates from today
    alice_client.post(
        url("point_edit", dossier_a.pk, point_a.pk),
        point_post(status=PointStatus.AGREED, status_since="2025-05-02"),
    )
    history = list(
        PointStatusChange.objects.filter(point=point_a)
        .order_by("date")
        .values_list("status", "date")
    )
    assert history == [(PointStatus.CONVERGING, dt.date(2025, 5, 2)), (PointStatus.AGREED, TODAY)]


def test_a_status_change_dated_before_the_opening_is_refused(
    alice_client: Client, dossier_a: Dossier, point_a: Point
) -> None:
    response = alice_client.post(
        url("status_change_new", dossier_a.pk, point_a.pk),
        {"status": PointStatus.AGREED, "date": "2024-01-01", "note": ""},
    )
    assert response.status_code == 400
    assert not PointStatusChange.objects.exists()


def test_only_writers_record_status_changes(
    bob_client: Client, dossier_a: Dossier, point_a: Point
) -> None:
    response = bob_client.post(
        url("status_change_new", dossier_a.pk, point_a.pk),
        {"status": PointStatus.AGREED, "date": "2025-06-01", "note": ""},
    )
    assert response.status_code == 403
    assert not PointStatusChange.objects.exists()


def test_a_point_of_another_network_has_no_status_page(
    alice_client: Client, point_b: Point, dossier_b: Dossier, network_b: Any
) -> None:
    response = alice_client.get(url("status_change_new", dossier_b.pk, point_b.pk))
    assert response.status_code == 404


def test_hard_moments_between_the_sides_show_on_the_dossier_and_point_pages_for_runners(
    alice_client: Client,
    bob_client: Client,
    dossier_a: Dossier,
    point_a: Point,
    network_a: Network,
    org_a: Any,
    org_a2: Any,
) -> None:
    from warmnet.dossiers.models import HardMoment, Position

    Position.objects.create(
        network=network_a, point=point_a, organisation=org_a, stance=1, date=dt.date(2025, 1, 7)
    )
    Position.objects.create(
        network=network_a, point=point_a, organisation=org_a2, stance=-1, date=dt.date(2025, 1, 7)
    )
    moment = HardMoment.objects.create(
        network=network_a, title="Ruzie over het peil", date=dt.date(2025, 2, 1), outcome=1
    )
    moment.parties.set([org_a, org_a2])
    for page in (
        url("dossier_detail", dossier_a.pk),
        url("point_detail", dossier_a.pk, point_a.pk),
        url("hard_moment_list"),
    ):
        html = alice_client.get(page).content.decode()
        assert "Ruzie over het peil" in html and "tb-cold" in html, page
        assert "tb-" not in bob_client.get(page).content.decode(), page
