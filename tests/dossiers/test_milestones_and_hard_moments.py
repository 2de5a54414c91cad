from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from django.test import Client

from tests.dossiers.conftest import url
from warmnet.dossiers.models import Dossier, HardMoment, Milestone, MilestoneKind, Outcome
from warmnet.network.models import AuditEntry, Network, Organisation


@pytest.fixture
def milestone(network_a: Network, dossier_a: Dossier) -> Milestone:
    return Milestone.objects.create(
        network=network_a,
        dossier=dossier_a,
        kind=MilestoneKind.LETTER_OF_INTENT,
        title="Intentieverklaring",
        date=dt.date(2025, 2, 14),
    )


@pytest.fixture
def moment(network_a: Network, org_a: Organisation) -> HardMoment:
    moment = HardMoment.objects.create(
        network=network_a, title="Dreigend vertrek", date=dt.date(2025, 3, 1)
    )
    moment.parties.add(org_a)
    return moment


def test_every_milestone_and_hard_moment_page_renders_for_the_coordinator(
    alice_client: Client, milestone: Milestone, moment: HardMoment
) -> None:
    for page in (
        url("milestone_list"),
        url("milestone_new"),
        url("milestone_edit", milestone.pk),
        url("milestone_delete", milestone.pk),
        url("hard_moment_list"),
        url("hard_moment_new"),
        url("hard_moment_edit", moment.pk),
        url("hard_moment_delete", moment.pk),
    ):
        assert alice_client.get(page).status_code == 200, page


def test_a_milestone_without_a_dossier_is_fine_and_audited(
    alice_client: Client, network_a: Network, django_capture_on_commit_callbacks: Any
) -> None:
    with django_capture_on_commit_callbacks(execute=True):
        response = alice_client.post(
            url("milestone_new"),
            {"title": "Gedeelde visie", "kind": MilestoneKind.SHARED_VISION, "date": "2025-04-01"},
        )
    assert response.status_code == 302
    milestone = Milestone.objects.get()
    assert milestone.dossier is None
    assert AuditEntry.objects.filter(action="create", object_type="milestone").exists()
    assert Network.objects.get(pk=network_a.pk).data_version > network_a.data_version


def test_a_milestone_in_a_dossier_of_another_network_is_rejected(
    alice_client: Client, dossier_b: Dossier
) -> None:
    response = alice_client.post(
        url("milestone_new"),
        {
            "title": "x",
            "kind": MilestoneKind.COVENANT,
            "date": "2025-04-01",
            "dossier": dossier_b.pk,
        },
    )
    assert response.status_code == 400
    assert "dossier" in response.context["form"].errors
    assert not Milestone.objects.exists()


def test_the_milestone_form_can_start_from_a_dossier(
    alice_client: Client, dossier_a: Dossier
) -> None:
    form = alice_client.get(url("milestone_new"), {"dossier": dossier_a.pk}).context["form"]
    assert form["dossier"].value() == dossier_a.pk


def test_editing_and_deleting_a_milestone(alice_client: Client, milestone: Milestone) -> None:
    alice_client.post(
        url("milestone_edit", milestone.pk),
        {"title": "Convenant", "kind": MilestoneKind.COVENANT, "date": "2025-06-01", "dossier": ""},
    )
    milestone.refresh_from_db()
    assert (milestone.kind, milestone.dossier) == (MilestoneKind.COVENANT, None)
    alice_client.post(url("milestone_delete", milestone.pk))
    assert not Milestone.objects.exists()


def test_a_hard_moment_records_its_parties_and_outcome(
    alice_client: Client, org_a: Organisation, org_a2: Organisation
) -> None:
    response = alice_client.post(
        url("hard_moment_new"),
        {
            "title": "Conflict over peil",
            "date": "2025-03-12",
            "description": "",
            "parties": [org_a.pk, org_a2.pk],
            "outcome": Outcome.DAMAGED,
        },
    )
    assert response.status_code == 302
    moment = HardMoment.objects.get()
    assert set(moment.parties.all()) == {org_a, org_a2}
    entry = AuditEntry.objects.get(action="create", object_type="hardmoment")
    assert sorted(entry.changes["parties"]) == sorted([org_a.pk, org_a2.pk])
    html = alice_client.get(url("hard_moment_list")).content.decode()
    assert "Gemeente Assen" in html and "damaged" in html


def test_a_party_from_another_network_is_rejected_on_the_field(
    alice_client: Client, org_b: Organisation
) -> None:
    response = alice_client.post(
        url("hard_moment_new"),
        {"title": "x", "date": "2025-03-12", "parties": [org_b.pk], "outcome": Outcome.UNKNOWN},
    )
    assert response.status_code == 400
    assert "parties" in response.context["form"].errors
    assert not HardMoment.objects.exists()


def test_the_parties_are_checkboxes(alice_client: Client, org_a: Organisation) -> None:
    html = alice_client.get(url("hard_moment_new")).content.decode()
    assert f'type="checkbox" name="parties" value="{org_a.pk}"' in html


def test_editing_and_deleting_a_hard_moment(alice_client: Client, moment: HardMoment) -> None:
    alice_client.post(
        url("hard_moment_edit", moment.pk),
        {
            "title": "Dreigend vertrek",
            "date": "2025-03-01",
            "parties": [],
            "outcome": Outcome.HELD_TOGETHER,
        },
    )
    moment.refresh_from_db()
    assert moment.outcome == Outcome.HELD_TOGETHER
    assert not moment.parties.exists()
    alice_client.post(url("hard_moment_delete", moment.pk))
    assert not HardMoment.objects.exists()
    assert AuditEntry.objects.filter(object_type="hardmoment", action="delete").exists()


@pytest.mark.parametrize("persona", ["bob", "olga"])
def test_participants_and_observers_cannot_write_milestones_or_hard_moments(
    persona: str, request: pytest.FixtureRequest, milestone: Milestone, moment: HardMoment
) -> None:
    client = request.getfixturevalue(f"{persona}_client")
    for page in (
        url("milestone_new"),
        url("milestone_edit", milestone.pk),
        url("milestone_delete", milestone.pk),
        url("hard_moment_new"),
        url("hard_moment_edit", moment.pk),
        url("hard_moment_delete", moment.pk),
    ):
        assert client.get(page).status_code == 403, page
        assert client.post(page, {"title": "x", "date": "2025-01-01", "kind": 0}).status_code == 403
    assert Milestone.objects.count() == HardMoment.objects.count() == 1
    assert client.get(url("milestone_list")).status_code == 200
    assert client.get(url("hard_moment_list")).status_code == 200
