from __future__ import annotations

from typing import Any

import pytest
from django.test import Client
from django.urls import reverse

from tests.activities.conftest import member_of
from warmnet.activities.models import Activity, ActivityKind, Attendance, AttendanceStatus
from warmnet.dossiers.models import Dossier
from warmnet.network.models import AuditEntry, Member, Network, Organisation

SLUG = "regio-deal-noord"


def url(name: str, *args: Any) -> str:
    return reverse(f"activities:{name}", args=[SLUG, *args])


def activity_post(**overrides: Any) -> dict[str, Any]:
    data = {
        "title": "Wandeling langs de Hunze",
        "kind": ActivityKind.INFORMAL_MEETING,
        "start": "2025-04-01T14:00",
        "end": "2025-04-01T16:30",
        "location": "Zuidlaren",
        "host_organisation": "",
        "dossier": "",
        "relationship_share": "",
        "description": "",
    }
    return data | overrides


def test_every_activity_page_renders_for_the_coordinator(
    alice_client: Client, activity_a: Activity
) -> None:
    for page in (
        url("activity_list"),
        url("activity_new"),
        url("activity_detail", activity_a.pk),
        url("activity_edit", activity_a.pk),
        url("activity_delete", activity_a.pk),
    ):
        assert alice_client.get(page).status_code == 200, page


def test_the_list_shows_both_tracks_with_distinct_badges(
    alice_client: Client, activity_a: Activity, dinner_a: Activity
) -> None:
    html = alice_client.get(url("activity_list")).content.decode()
    assert 'class="track con"' in html
    assert 'class="track rel"' in html


def test_the_list_filters_by_track_and_dossier(
    alice_client: Client, activity_a: Activity, dinner_a: Activity, dossier_a: Dossier
) -> None:
    relationship = alice_client.get(url("activity_list"), {"track": "rel"})
    assert list(relationship.context["page"]) == [dinner_a]
    content = alice_client.get(url("activity_list"), {"track": "con"})
    assert list(content.context["page"]) == [activity_a]
    by_dossier = alice_client.get(url("activity_list"), {"dossier": dossier_a.pk})
    assert list(by_dossier.context["page"]) == [activity_a]


def test_the_list_filters_by_date_range(
    alice_client: Client, activity_a: Activity, dinner_a: Activity
) -> None:
    response = alice_client.get(
        url("activity_list"), {"since": "2025-03-05", "until": "2025-03-06"}
    )
    assert list(response.context["page"]) == [dinner_a]


def test_htmx_filtering_returns_only_the_rows(alice_client: Client, dinner_a: Activity) -> None:
    response = alice_client.get(
        url("activity_list"), {"track": "rel"}, headers={"HX-Request": "true"}
    )
    html = response.content.decode()
    assert 'id="activity-rows"' in html
    assert "<html" not in html


def test_creating_an_activity_computes_its_duration_and_is_audited(
    alice_client: Client,
    network_a: Network,
    org_a: Organisation,
    django_capture_on_commit_callbacks: Any,
) -> None:
    version = network_a.data_version
    with django_capture_on_commit_callbacks(execute=True):
        response = alice_client.post(url("activity_new"), activity_post(host_organisation=org_a.pk))
    activity = Activity.objects.get(title="Wandeling langs de Hunze")
    assert response.status_code == 302
    assert activity.duration_minutes == 150
    assert activity.relationship_share is None
    assert activity.effective_share == 1.0
    assert AuditEntry.objects.filter(
        network=network_a, action="create", object_type="activity", object_id=activity.pk
    ).exists()
    network_a.refresh_from_db()
    assert network_a.data_version > version


def test_an_activity_that_ends_before_it_starts_is_rejected_on_the_end_field(
    alice_client: Client,
) -> None:
    for end in ("2025-04-01T13:00", "2025-04-01T14:00"):
        response = alice_client.post(url("activity_new"), activity_post(end=end))
        assert response.status_code == 400
        assert response.context["form"].errors["end"] == ["The activity ends before it starts."]
    assert not Activity.objects.exists()
    assert not AuditEntry.objects.exists()


def test_a_host_or_dossier_of_another_network_is_rejected_on_the_field(
    alice_client: Client, org_b: Organisation, network_b: Network
) -> None:
    dossier_b = Dossier.objects.create(network=network_b, name="Zorg")
    response = alice_client.post(
        url("activity_new"), activity_post(host_organisation=org_b.pk, dossier=dossier_b.pk)
    )
    assert response.status_code == 400
    assert "host_organisation" in response.context["form"].errors
    assert "dossier" in response.context["form"].errors
    assert not Activity.objects.exists()


def test_a_relationship_share_outside_zero_to_one_is_rejected(alice_client: Client) -> None:
    response = alice_client.post(url("activity_new"), activity_post(relationship_share="1.5"))
    assert "relationship_share" in response.context["form"].errors
    assert not Activity.objects.exists()


def test_the_share_field_explains_the_defaults_of_each_kind(alice_client: Client) -> None:
    form = alice_client.get(url("activity_new")).context["form"]
    help_text = str(form.fields["relationship_share"].help_text)
    assert "dinner 1.0" in help_text
    assert "working session 0.0" in help_text


def test_editing_shows_the_end_and_can_change_it(
    alice_client: Client, activity_a: Activity, network_a: Network
) -> None:
    html = alice_client.get(url("activity_edit", activity_a.pk)).content.decode()
    assert 'name="end" value="2025-03-04T12:00"' in html
    response = alice_client.post(
        url("activity_edit", activity_a.pk),
        activity_post(
            kind=ActivityKind.MIXED,
            start="2025-03-04T10:00",
            end="2025-03-04T13:00",
            relationship_share="0.4",
        ),
    )
    assert response.status_code == 302
    activity_a.refresh_from_db()
    assert activity_a.duration_minutes == 180
    assert activity_a.effective_share == 0.4
    assert AuditEntry.objects.filter(action="update", object_id=activity_a.pk).exists()


def test_deleting_an_activity_is_audited(
    alice_client: Client,
    activity_a: Activity,
    network_a: Network,
    django_capture_on_commit_callbacks: Any,
) -> None:
    version = Network.objects.get(pk=network_a.pk).data_version
    with django_capture_on_commit_callbacks(execute=True):
        response = alice_client.post(url("activity_delete", activity_a.pk))
    assert response.status_code == 302
    assert not Activity.objects.exists()
    assert AuditEntry.objects.filter(action="delete", object_type="activity").exists()
    assert Network.objects.get(pk=network_a.pk).data_version > version


def test_the_detail_shows_attendees_by_status_and_the_effective_share(
    alice_client: Client, dinner_a: Activity, alice: Any, henk: Member
) -> None:
    Attendance.objects.create(
        network=dinner_a.network, activity=dinner_a, member=henk, status=AttendanceStatus.ATTENDED
    )
    alice_client.cookies["django_language"] = "en"
    response = alice_client.get(url("activity_detail", dinner_a.pk))
    groups = {value: items for value, _label, items in response.context["groups"]}
    assert [a.member for a in groups[AttendanceStatus.ATTENDED]] == [henk]
    # a share in words, not "1.00"
    assert "all relationship, no content time" in response.content.decode()
    assert "1.00" not in response.content.decode()
    alice_client.cookies["django_language"] = "nl"
    response = alice_client.get(url("activity_detail", dinner_a.pk))
    assert "alleen relatie, geen inhoudstijd" in response.content.decode()


def test_inviting_members_creates_invitations_and_one_audit_entry(
    alice_client: Client, activity_a: Activity, alice: Any, henk: Member, network_a: Network
) -> None:
    response = alice_client.post(
        url("activity_invite", activity_a.pk), {"members": [henk.pk, member_of(alice).pk]}
    )
    assert response.status_code == 302
    invited = Attendance.objects.filter(activity=activity_a, status=AttendanceStatus.INVITED)
    assert {a.member for a in invited} == {henk, member_of(alice)}
    assert AuditEntry.objects.filter(action="invite", object_id=activity_a.pk).count() == 1


def test_inviting_everyone_of_an_organisation(
    alice_client: Client, activity_a: Activity, alice: Any, henk: Member, org_a: Organisation
) -> None:
    alice_client.post(url("activity_invite", activity_a.pk), {"organisations": [org_a.pk]})
    assert set(Attendance.objects.values_list("member__name", flat=True)) == {
        "Alice de Vries",
        "Henk Mulder",
    }


def test_inviting_a_member_of_another_network_is_rejected(
    alice_client: Client, activity_a: Activity, member_b: Member
) -> None:
    response = alice_client.post(url("activity_invite", activity_a.pk), {"members": [member_b.pk]})
    assert response.status_code == 400
    assert "members" in response.context["invite_form"].errors
    assert not Attendance.objects.exists()


def test_changing_a_status_on_the_detail_page_with_htmx_returns_the_attendees(
    alice_client: Client, activity_a: Activity, henk: Member
) -> None:
    Attendance.objects.create(network=activity_a.network, activity=activity_a, member=henk)
    response = alice_client.post(
        url("activity_attendance", activity_a.pk),
        {"member": henk.pk, "status": AttendanceStatus.ACCEPTED},
        headers={"HX-Request": "true"},
    )
    assert response.status_code == 200
    assert 'id="attendees"' in response.content.decode()
    assert Attendance.objects.get().status == AttendanceStatus.ACCEPTED


def test_an_empty_status_removes_the_attendee(
    alice_client: Client, activity_a: Activity, henk: Member
) -> None:
    Attendance.objects.create(network=activity_a.network, activity=activity_a, member=henk)
    alice_client.post(url("activity_attendance", activity_a.pk), {"member": henk.pk, "status": ""})
    assert not Attendance.objects.exists()
    assert AuditEntry.objects.filter(action="delete", object_type="attendance").exists()


@pytest.mark.parametrize("persona", ["bob", "olga"])
def test_participants_and_observers_cannot_write_activities(
    persona: str, request: pytest.FixtureRequest, activity_a: Activity, henk: Member
) -> None:
    client = request.getfixturevalue(f"{persona}_client")
    for page in (
        url("activity_new"),
        url("activity_edit", activity_a.pk),
        url("activity_delete", activity_a.pk),
        url("activity_invite", activity_a.pk),
        url("activity_attendance", activity_a.pk),
    ):
        assert client.get(page).status_code == 403, page
        response = client.post(page, activity_post() | {"members": [henk.pk], "member": henk.pk})
        assert response.status_code == 403, page
    assert Activity.objects.count() == 1
    assert not Attendance.objects.exists()
    assert client.get(url("activity_detail", activity_a.pk)).status_code == 200


def test_a_second_activity_of_the_same_title_on_one_day_is_refused_on_the_title(
    alice_client: Client, activity_a: Activity
) -> None:
    """Title plus day names an activity in spreadsheets, so it must be unique."""
    same_day = activity_post(
        title=activity_a.title.upper(), start="2025-03-04T14:00", end="2025-03-04T15:00"
    )
    response = alice_client.post(url("activity_new"), same_day)
    assert response.status_code == 400
    assert (
        "already an activity with this title on that day"
        in response.context["form"].errors["title"][0]
    )
    assert Activity.objects.count() == 1
    other_day = same_day | {"start": "2025-03-05T14:00", "end": "2025-03-05T15:00"}
    assert alice_client.post(url("activity_new"), other_day).status_code == 302
    # editing the activity itself keeps its own title
    response = alice_client.post(
        url("activity_edit", activity_a.pk),
        activity_post(title=activity_a.title, start="2025-03-04T10:00", end="2025-03-04T12:00"),
    )
    assert response.status_code == 302
