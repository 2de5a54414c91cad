"""Writes: the pages' validation and actions, an audit row as the token's user, all or
nothing, and a clear 4xx for bad input."""

from __future__ import annotations

from typing import Any

from tests.api.conftest import ApiClient, World, base
from warmnet.activities.models import Activity, Attendance, Contact
from warmnet.network.models import AuditEntry, Network, Organisation

NEW = {
    "title": "Stamppotavond",
    "kind": "dinner",
    "start": "2024-11-20T18:00:00+01:00",
    "duration_minutes": 150,
    "location": "Assen",
}


def _counts() -> tuple[int, int, int, int]:
    return (
        Activity.objects.count(),
        Attendance.objects.count(),
        Contact.objects.count(),
        AuditEntry.objects.count(),
    )


def test_an_activity_is_recorded_and_logged_as_the_tokens_user(
    world: World, dave_api: ApiClient
) -> None:
    response = dave_api.send("POST", f"{base(world)}/activities", NEW)
    assert response.status_code == 201, response.content
    body = response.json()
    assert body["start"] == "2024-11-20T17:00:00Z"
    assert body["end"] == "2024-11-20T19:30:00Z"
    assert body["track"] == "relationship"
    activity = Activity.objects.get(pk=body["id"])
    assert activity.network == world.network and activity.location == "Assen"
    entry = AuditEntry.objects.get(object_type="activity", object_id=activity.pk)
    assert (entry.action, entry.user.username, entry.network) == ("create", "dave", world.network)
    assert entry.changes["title"] == "Stamppotavond"


def test_an_activity_is_changed_field_by_field(world: World, alice_api: ApiClient) -> None:
    url = f"{base(world)}/activities/{world.activity.pk}"
    moved = alice_api.send("PATCH", url, {"start": "2024-03-08T14:00:00+01:00"}).json()
    assert (moved["start"], moved["end"]) == ("2024-03-08T13:00:00Z", "2024-03-08T15:00:00Z")
    assert moved["title"] == "Werkbezoek gemaal" and moved["dossier_id"] == world.dossier.pk
    cleared = alice_api.send("PATCH", url, {"dossier_id": None, "relationship_share": 0.25}).json()
    assert cleared["dossier_id"] is None and cleared["track"] == "content"
    entry = AuditEntry.objects.filter(object_type="activity", action="update").first()
    assert entry is not None and set(entry.changes) == {"dossier", "relationship_share"}


def test_an_activity_is_deleted_with_its_attendance(world: World, alice_api: ApiClient) -> None:
    url = f"{base(world)}/activities/{world.activity.pk}"
    assert alice_api.send("DELETE", url).status_code == 204
    assert not Activity.objects.filter(pk=world.activity.pk).exists()
    assert not Attendance.objects.filter(activity=world.activity.pk).exists()
    assert AuditEntry.objects.filter(action="delete", object_type="activity").count() == 1
    assert alice_api.send("DELETE", url).status_code == 404


def test_the_forms_rules_hold_and_name_the_field(world: World, alice_api: ApiClient) -> None:
    url = f"{base(world)}/activities"
    before = _counts()
    same_day = NEW | {"title": "werkbezoek GEMAAL", "start": "2024-03-01T15:00:00+01:00"}
    other_org = Organisation.objects.create(
        network=Network.objects.create(name="Elders", slug="elders"), name="Elders BV"
    )
    cases: list[tuple[dict[str, Any], list[Any]]] = [
        (same_day, ["body", "title"]),
        (NEW | {"host_organisation_id": other_org.pk}, ["body", "host_organisation_id"]),
        (NEW | {"dossier_id": 123456}, ["body", "dossier_id"]),
        (NEW | {"duration_minutes": None, "end": "2024-11-20T17:00:00+01:00"}, ["body", "end"]),
    ]
    for body, loc in cases:
        response = alice_api.send("POST", url, body)
        assert response.status_code == 422, body
        assert [p["loc"] for p in response.json()["detail"]] == [loc]
    # The form's messages are the pages' own, in the user's language.
    response = alice_api.send("POST", url, same_day)
    assert "titel" in response.json()["detail"][0]["msg"]
    assert _counts() == before


def test_bad_input_is_4xx_with_a_clear_message_and_writes_nothing(
    world: World, alice_api: ApiClient
) -> None:
    url = f"{base(world)}/activities"
    before = _counts()
    invalid_json = alice_api.send("POST", url, raw='{"title": "half')
    assert invalid_json.status_code == 400
    assert invalid_json.json() == {"detail": "De inhoud van het verzoek is geen geldige JSON."}
    problems = {
        "wrong type": (NEW | {"duration_minutes": "long"}, ["body", "duration_minutes"]),
        "unknown field": (NEW | {"colour": "red"}, ["body", "colour"]),
        "unknown kind": (NEW | {"kind": "party"}, ["body", "kind"]),
        "no offset": (NEW | {"start": "2024-11-20T18:00:00"}, ["body", "start"]),
        "share above 1": (NEW | {"relationship_share": 1.5}, ["body", "relationship_share"]),
        "absurd id": (NEW | {"dossier_id": 10**30}, ["body", "dossier_id"]),
        "title too long": (NEW | {"title": "x" * 201}, ["body", "title"]),
    }
    for name, (body, loc) in problems.items():
        response = alice_api.send("POST", url, body)
        assert response.status_code == 422, name
        detail = response.json()["detail"]
        assert detail[0]["loc"] == loc, name
        assert detail[0]["msg"], name
    both = alice_api.send("POST", url, NEW | {"end": "2024-11-20T20:00:00+01:00"})
    assert both.status_code == 422 and "not both" in both.json()["detail"][0]["msg"]
    assert alice_api.send("POST", url, [NEW]).status_code == 422
    assert alice_api.send("POST", url, raw="").status_code == 422
    assert _counts() == before


def test_attendance_is_set_and_removed_one_by_one(world: World, alice_api: ApiClient) -> None:
    url = f"{base(world)}/activities/{world.activity.pk}/attendance/{world.henk.pk}"
    first = alice_api.send("PUT", url, {"status": "accepted"})
    assert first.status_code == 200
    assert first.json() | {"id": 0} == {
        "id": 0,
        "activity_id": world.activity.pk,
        "member_id": world.henk.pk,
        "status": "accepted",
    }
    assert alice_api.send("PUT", url, {"status": "attended"}).json()["status"] == "attended"
    assert alice_api.send("PUT", url, {"status": "present"}).status_code == 422
    assert alice_api.send("DELETE", url).status_code == 204
    assert not Attendance.objects.filter(member=world.henk).exists()
    actions = AuditEntry.objects.filter(object_type="attendance").values_list("action", flat=True)
    assert sorted(actions) == ["create", "delete", "update"]


def test_a_sign_in_list_is_recorded_whole_or_not_at_all(world: World, alice_api: ApiClient) -> None:
    url = f"{base(world)}/attendance"
    items = [
        {"activity_id": world.activity.pk, "member_id": world.henk.pk, "status": "attended"},
        {"activity_id": world.activity.pk, "member_id": world.bob.pk, "status": "declined"},
        {"activity_id": world.activity.pk, "member_id": world.alice.pk, "status": None},
    ]
    before = _counts()
    for bad, loc in [
        (
            {"activity_id": world.activity.pk, "member_id": 999999, "status": "attended"},
            "member_id",
        ),
        ({"activity_id": 999999, "member_id": world.henk.pk, "status": "attended"}, "activity_id"),
    ]:
        response = alice_api.send("POST", url, {"items": [*items, bad]})
        assert response.status_code == 422
        assert response.json()["detail"][0]["loc"] == ["body", "items", 3, loc]
    twice = alice_api.send("POST", url, {"items": [*items, items[0]]})
    assert twice.status_code == 422 and twice.json()["detail"][0]["loc"] == ["body", "items", 3]
    too_many = [items[0]] * 801
    assert alice_api.send("POST", url, {"items": too_many}).status_code == 422
    assert alice_api.send("POST", url, {"items": []}).status_code == 422
    assert _counts() == before

    response = alice_api.send("POST", url, {"items": items})
    assert response.status_code == 200 and response.json() == {"changed": 3}
    statuses = dict(Attendance.objects.values_list("member__name", "status"))
    assert statuses == {"Henk Mulder": 3, "Bob Jansen": 2}
    assert alice_api.send("POST", url, {"items": items}).json() == {"changed": 0}


def test_contacts_are_recorded_changed_and_deleted(world: World, dave_api: ApiClient) -> None:
    url = f"{base(world)}/contacts"
    body = {"member_a_id": world.bob.pk, "member_b_id": world.henk.pk, "date": "2024-05-02"}
    created = dave_api.send("POST", url, body | {"channel": "video", "note": "Kennismaking"})
    assert created.status_code == 201
    contact = created.json()
    assert contact["channel"] == "video"
    changed = dave_api.send("PATCH", f"{url}/{contact['id']}", {"note": "Kennismaking, vervolg"})
    assert changed.json()["note"] == "Kennismaking, vervolg"
    assert changed.json()["member_a_id"] == world.bob.pk
    same = dave_api.send("POST", url, body | {"member_b_id": world.bob.pk})
    assert same.status_code == 422 and same.json()["detail"][0]["loc"] == ["body", "member_b_id"]
    assert dave_api.send("DELETE", f"{url}/{contact['id']}").status_code == 204
    actions = AuditEntry.objects.filter(object_type="contact").values_list(
        "action", "user__username"
    )
    assert sorted(actions) == [("create", "dave"), ("delete", "dave"), ("update", "dave")]
