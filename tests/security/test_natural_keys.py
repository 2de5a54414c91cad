"""Finding 6: what the import takes for one record is one record in the database too."""

from __future__ import annotations

import datetime as dt
import threading
from typing import Any

import pytest
from django.db import IntegrityError, connection, transaction
from django.test import Client
from django.utils import timezone

from warmnet.activities.models import Activity, ActivityKind, Contact
from warmnet.dossiers.models import HardMoment, Milestone, MilestoneKind
from warmnet.network.models import Member, Network, Organisation


def _refused(create: Any) -> None:
    with pytest.raises(IntegrityError), transaction.atomic():
        create()


def test_the_database_refuses_what_the_import_takes_for_the_same_record(
    network_a: Network, org_a: Organisation, alice: Any, bob: Any
) -> None:
    a, b = Member.objects.get(user=alice), Member.objects.get(user=bob)
    day = dt.date(2025, 3, 1)
    Contact.objects.create(network=network_a, member_a=a, member_b=b, date=day)
    _refused(lambda: Contact.objects.create(network=network_a, member_a=b, member_b=a, date=day))
    Milestone.objects.create(
        network=network_a, kind=MilestoneKind.COVENANT, title="Convenant", date=day
    )
    _refused(
        lambda: Milestone.objects.create(
            network=network_a, kind=MilestoneKind.DECISION, title="CONVENANT", date=day
        )
    )
    HardMoment.objects.create(network=network_a, title="Ruzie", date=day)
    _refused(lambda: HardMoment.objects.create(network=network_a, title="ruzie", date=day))
    _refused(lambda: Organisation.objects.create(network=network_a, name="gemeente assen"))
    start = timezone.make_aware(dt.datetime(2025, 3, 1, 9))
    kind = ActivityKind.WORKING_SESSION
    Activity.objects.create(
        network=network_a, kind=kind, title="Werksessie", start=start, duration_minutes=60
    )
    later = start + dt.timedelta(hours=5)
    _refused(
        lambda: Activity.objects.create(
            network=network_a, kind=kind, title="werksessie", start=later, duration_minutes=60
        )
    )


def test_the_forms_show_the_clash_on_the_field(
    network_a: Network, alice: Any, bob: Any, alice_client: Client
) -> None:
    a, b = Member.objects.get(user=alice), Member.objects.get(user=bob)
    Contact.objects.create(network=network_a, member_a=a, member_b=b, date=dt.date(2025, 3, 1))
    response = alice_client.post(
        f"/n/{network_a.slug}/contacts/new/",
        {"member_a": b.pk, "member_b": a.pk, "date": "2025-03-01", "channel": 0},
    )
    assert response.status_code == 400
    assert response.context["form"].errors["date"]
    Milestone.objects.create(network=network_a, kind=0, title="Visie", date=dt.date(2025, 1, 1))
    response = alice_client.post(
        f"/n/{network_a.slug}/milestones/new/", {"title": "VISIE", "kind": 1, "date": "2025-01-01"}
    )
    assert response.status_code == 400
    assert response.context["form"].errors["title"]
    response = alice_client.post(
        f"/n/{network_a.slug}/dossiers/new/", {"name": "Water", "description": "x" * 100_001}
    )
    assert response.status_code == 400
    assert response.context["form"].errors["description"]


@pytest.mark.django_db(transaction=True)
def test_simultaneous_creates_leave_one_activity_per_title_per_day(
    network_a: Network, alice: Any
) -> None:
    results: list[int] = []

    def create(n: int) -> None:
        client = Client()
        client.force_login(alice)
        response = client.post(
            f"/n/{network_a.slug}/activities/new/",
            {
                "title": f"Sessie {n % 2}",
                "kind": 0,
                "start": "2025-05-01T10:00",
                "end": "2025-05-01T12:00",
            },
        )
        results.append(response.status_code)
        connection.close()

    threads = [threading.Thread(target=create, args=(n,)) for n in range(8)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert sorted(Activity.objects.values_list("title", flat=True)) == ["Sessie 0", "Sessie 1"]
    assert 500 not in results
    assert set(results) <= {302, 400, 409}
