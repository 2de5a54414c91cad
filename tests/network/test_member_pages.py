from __future__ import annotations

from typing import Any

from django.test import Client

from warmnet.dashboard import member as members_views
from warmnet.network.models import AuditEntry, Member, Network, Organisation


def _member_post(org: Organisation, **overrides: Any) -> dict[str, Any]:
    data = {
        "name": "Fatima el Amrani",
        "email": "fatima@example.org",
        "organisation": org.pk,
        "role": 2,
        "joined_on": "2024-05-01",
        "left_on": "",
    }
    return data | overrides


def test_coordinator_adds_a_member_and_the_audit_log_says_so(
    network_a: Network,
    org_a: Organisation,
    alice: Any,
    alice_client: Client,
    django_capture_on_commit_callbacks: Any,
) -> None:
    version = network_a.data_version
    with django_capture_on_commit_callbacks(execute=True):
        response = alice_client.post(f"/n/{network_a.slug}/members/new/", _member_post(org_a))
    assert response.status_code == 302
    member = Member.objects.get(network=network_a, email="fatima@example.org")
    entry = AuditEntry.objects.get(network=network_a, object_id=member.pk)
    assert entry.action == "create"
    assert entry.user == alice
    assert "email" in entry.changes
    network_a.refresh_from_db()
    assert network_a.data_version > version


def test_a_duplicate_email_in_one_network_is_refused_on_the_field(
    network_a: Network, org_a: Organisation, alice: Any, alice_client: Client
) -> None:
    existing = Member.objects.get(user=alice).email
    before = Member.objects.count()
    alice_client.cookies["django_language"] = "en"
    response = alice_client.post(
        f"/n/{network_a.slug}/members/new/", _member_post(org_a, email=existing.upper())
    )
    assert response.status_code == 400
    assert "already has a member with this e-mail" in response.content.decode()
    assert response.context["form"].errors["email"]
    assert Member.objects.count() == before


def test_the_same_email_may_be_used_in_another_network(
    network_a: Network,
    network_b: Network,
    org_b: Organisation,
    alice: Any,
    carol: Any,
    carol_client: Client,
) -> None:
    email = Member.objects.get(user=alice).email
    response = carol_client.post(
        f"/n/{network_b.slug}/members/new/", _member_post(org_b, email=email)
    )
    assert response.status_code == 302
    assert Member.objects.filter(email=email).count() == 2


def test_a_member_of_an_organisation_of_another_network_is_refused(
    network_a: Network, org_b: Organisation, alice: Any, alice_client: Client
) -> None:
    before = Member.objects.count()
    response = alice_client.post(f"/n/{network_a.slug}/members/new/", _member_post(org_b))
    assert response.status_code == 400
    assert response.context["form"].errors["organisation"]
    assert Member.objects.count() == before


def test_leaving_before_joining_is_refused_in_dutch_by_default(
    network_a: Network, org_a: Organisation, alice: Any, alice_client: Client
) -> None:
    response = alice_client.post(
        f"/n/{network_a.slug}/members/new/",
        _member_post(org_a, joined_on="2024-05-01", left_on="2024-04-01"),
    )
    assert response.status_code == 400
    assert response.context["form"].errors["left_on"]
    assert "Een lid kan niet vertrekken voordat het is toegetreden." in response.content.decode()


def test_member_search_answers_htmx_with_just_the_rows(
    network_a: Network, alice: Any, bob: Any, alice_client: Client
) -> None:
    response = alice_client.post(
        f"/n/{network_a.slug}/members/", {"q": "Bob"}, HTTP_HX_REQUEST="true"
    )
    body = response.content.decode()
    assert response.status_code == 200
    assert "Bob Jansen" in body
    assert "Alice de Vries" not in body
    assert "<html" not in body


def test_an_organisation_in_use_cannot_be_deleted(
    network_a: Network, org_a: Organisation, alice: Any, alice_client: Client
) -> None:
    response = alice_client.post(f"/n/{network_a.slug}/organisations/{org_a.pk}/delete/")
    assert response.status_code == 302
    assert Organisation.objects.filter(pk=org_a.pk).exists()


def test_organisation_names_are_unique_per_network_ignoring_case(
    network_a: Network, org_a: Organisation, alice: Any, alice_client: Client
) -> None:
    response = alice_client.post(
        f"/n/{network_a.slug}/organisations/new/", {"name": org_a.name.upper(), "kind": 0}
    )
    assert response.status_code == 400
    assert response.context["form"].errors["name"]
    assert Organisation.objects.filter(network=network_a).count() == 1


def test_core_team_may_write_but_not_read_the_audit_log(
    network_a: Network, org_a: Organisation, dave: Any, dave_client: Client
) -> None:
    response = dave_client.post(
        f"/n/{network_a.slug}/organisations/new/", {"name": "Provincie Drenthe", "kind": 1}
    )
    assert response.status_code == 302
    assert dave_client.get(f"/n/{network_a.slug}/audit/").status_code == 403


def test_a_member_who_left_no_longer_gets_in(
    network_a: Network, bob: Any, bob_client: Client
) -> None:
    Member.objects.filter(user=bob).update(left_on="2024-12-31")
    assert bob_client.get(f"/n/{network_a.slug}/").status_code == 404


def test_a_participant_on_someone_elses_page_costs_no_analysis(
    network_a: Network, alice: Any, bob: Any, bob_client: Client, monkeypatch: Any
) -> None:
    def forbidden(*args: Any, **kwargs: Any) -> None:
        raise AssertionError("another member's page must not compute their warmth")

    monkeypatch.setattr(members_views, "analysis_for", forbidden)
    other = Member.objects.get(user=alice)
    response = bob_client.get(f"/n/{network_a.slug}/members/{other.pk}/")
    assert response.status_code == 200
    assert "member-insights" not in response.content.decode()
