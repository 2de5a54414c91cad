"""Reading records and the analysis: pages, dates, ETags, and what each role sees."""

from __future__ import annotations

import datetime as dt
import io
import json
from typing import Any

from django.core.management import call_command
from django.utils import timezone

from tests.api.conftest import ApiClient, World, base
from warmnet.activities.models import Activity, ActivityKind


def _add_activities(world: World, n: int) -> list[Activity]:
    """n activities on n days of 2024, some at the same moment (ties in the order)."""
    rows = [
        Activity(
            network=world.network,
            kind=ActivityKind.DINNER,
            title=f"Diner {i}",
            start=timezone.make_aware(dt.datetime(2024, 4, 1 + i // 3, 18)),
            duration_minutes=60,
        )
        for i in range(n)
    ]
    return Activity.objects.bulk_create(rows)


def test_pages_walk_the_whole_list_once_in_order(world: World, bob_api: ApiClient) -> None:
    _add_activities(world, 23)
    seen: list[int] = []
    cursor = ""
    pages = 0
    while True:
        page = bob_api.get(f"{base(world)}/activities", limit=5, cursor=cursor).json()
        seen += [a["id"] for a in page["items"]]
        pages += 1
        if page["next"] is None:
            break
        cursor = page["next"]
    expected = list(
        Activity.objects.filter(network=world.network)
        .order_by("start", "pk")
        .values_list("pk", flat=True)
    )
    assert seen == expected
    assert pages == 5  # 24 activities, 5 a page


def test_a_page_added_to_meanwhile_neither_skips_nor_repeats(
    world: World, bob_api: ApiClient
) -> None:
    _add_activities(world, 6)
    first = bob_api.get(f"{base(world)}/attendance", limit=1, activity_id=world.activity.pk).json()
    assert len(first["items"]) == 1 and first["next"] is None
    members = bob_api.get(f"{base(world)}/members", limit=2).json()
    from warmnet.network.models import Member

    Member.objects.create(
        network=world.network,
        organisation=world.org,
        name="Zoë Laatst",
        role=2,
        joined_on=dt.date(2024, 5, 1),
    )
    rest = bob_api.get(f"{base(world)}/members", limit=100, cursor=members["next"]).json()
    ids = [m["id"] for m in members["items"] + rest["items"]]
    assert len(ids) == len(set(ids)) == 6


def test_bad_pages_are_refused_clearly(world: World, bob_api: ApiClient) -> None:
    url = f"{base(world)}/activities"
    huge = bob_api.get(url, limit=100000)
    assert huge.status_code == 422
    assert huge.json()["detail"][0]["loc"] == ["query", "limit"]
    assert "500" in huge.json()["detail"][0]["msg"]
    assert bob_api.get(url, limit=0).status_code == 422
    assert bob_api.get(url, limit="many").status_code == 422
    for cursor in [
        "garbage!",
        "WzFd",
        "W10",
        "eyJhIjoxfQ",
        "WyJ4IiwxXQ",
        "WyIyMDI0LTAxLTAxIiw5OTk5OTk5OTk5OTk5OTk5OTk5OTlJd",
    ]:
        response = bob_api.get(url, cursor=cursor)
        assert response.status_code == 400, cursor
        assert "cursor" in response.json()["detail"]


def test_lists_filter_by_day(world: World, bob_api: ApiClient) -> None:
    _add_activities(world, 9)  # April 1, 2, 3 at 18:00
    url = f"{base(world)}/activities"
    ids = lambda **q: [a["title"] for a in bob_api.get(url, **q).json()["items"]]  # noqa: E731
    assert ids(since="2024-04-02", until="2024-04-02") == ["Diner 3", "Diner 4", "Diner 5"]
    assert ids(until="2024-03-31") == ["Werkbezoek gemaal"]
    assert len(ids(since="2024-04-01")) == 9
    assert ids(kind="work_visit") == ["Werkbezoek gemaal"]
    assert bob_api.get(url, since="2024-02-30").status_code == 422
    assert bob_api.get(url, since="1066-10-14").status_code == 422
    milestones = bob_api.get(f"{base(world)}/milestones", since="2024-06-01", until="2024-06-01")
    assert [m["title"] for m in milestones.json()["items"]] == ["Convenant"]
    attendance = bob_api.get(f"{base(world)}/attendance", since="2024-03-02")
    assert attendance.json()["items"] == []


def test_an_unchanged_answer_is_304(world: World, bob_api: ApiClient) -> None:
    url = f"{base(world)}/activities/{world.activity.pk}"
    first = bob_api.get(url)
    etag = first["ETag"]
    assert first["Cache-Control"] == "private, no-store"
    assert "Authorization" in first["Vary"]
    again = bob_api.client.get(url, HTTP_IF_NONE_MATCH=etag)
    assert again.status_code == 304
    assert again.content == b""
    Activity.objects.filter(pk=world.activity.pk).update(title="Werkbezoek gemaal (verzet)")
    changed = bob_api.client.get(url, HTTP_IF_NONE_MATCH=etag)
    assert changed.status_code == 200
    assert changed["ETag"] != etag


def test_the_records_come_as_codes_and_ids(world: World, alice_api: ApiClient) -> None:
    activity = alice_api.get(f"{base(world)}/activities/{world.activity.pk}").json()
    assert activity == {
        "id": world.activity.pk,
        "title": "Werkbezoek gemaal",
        "kind": "work_visit",
        "track": "relationship",
        "start": "2024-03-01T09:00:00Z",
        "end": "2024-03-01T11:00:00Z",
        "duration_minutes": 120,
        "location": "",
        "host_organisation_id": world.org.pk,
        "dossier_id": world.dossier.pk,
        "relationship_share": None,
        "effective_relationship_share": 1.0,
        "description": "",
    }
    moment = alice_api.get(f"{base(world)}/hard-moments/{world.moment.pk}").json()
    assert moment["party_ids"] == [world.org.pk] and moment["outcome"] == "unknown"
    position = alice_api.get(f"{base(world)}/positions/{world.member_position.pk}").json()
    assert position["stance"] == "against" and position["member_id"] == world.henk.pk


def test_email_addresses_are_for_those_who_run_the_network(
    world: World, alice_api: ApiClient, dave_api: ApiClient, bob_api: ApiClient, olga_api: ApiClient
) -> None:
    url = f"{base(world)}/members/{world.henk.pk}"
    assert alice_api.get(url).json()["email"] == "henk@example.org"
    assert dave_api.get(url).json()["email"] == "henk@example.org"
    for client in (bob_api, olga_api):
        assert client.get(url).json()["email"] is None
        assert {m["email"] for m in client.get(f"{base(world)}/members").json()["items"]} == {None}


def test_where_people_stand_is_for_those_who_run_the_network(
    world: World, alice_api: ApiClient, bob_api: ApiClient
) -> None:
    url = f"{base(world)}/positions"
    runner = [p["id"] for p in alice_api.get(url).json()["items"]]
    participant = [p["id"] for p in bob_api.get(url).json()["items"]]
    assert runner == [world.member_position.pk, world.org_position.pk]
    assert participant == [world.org_position.pk]
    assert bob_api.get(f"{url}/{world.member_position.pk}").status_code == 404
    assert bob_api.get(f"{url}/{world.org_position.pk}").status_code == 200


def _cli_json(slug: str, as_of: str) -> dict[str, Any]:
    out = io.StringIO()
    call_command("analyse", slug, "--json", "--as-of", as_of, stdout=out)
    return json.loads(out.getvalue())  # type: ignore[no-any-return]


def test_the_analysis_is_the_command_lines_json(world: World, alice_api: ApiClient) -> None:
    response = alice_api.get(f"{base(world)}/analysis", as_of="2024-08-01")
    assert response.status_code == 200
    payload = response.json()
    assert payload.pop("visibility") == "full"
    assert payload == _cli_json(world.network.slug, "2024-08-01")
    assert payload["as_of"] == "2024-08-01"
    assert (
        alice_api.client.get(
            f"{base(world)}/analysis?as_of=2024-08-01", HTTP_IF_NONE_MATCH=response["ETag"]
        ).status_code
        == 304
    )


def test_participants_get_the_analysis_of_the_network_as_a_whole(
    world: World, bob_api: ApiClient
) -> None:
    payload = bob_api.get(f"{base(world)}/analysis", as_of="2024-08-01").json()
    full = _cli_json(world.network.slug, "2024-08-01")
    assert set(payload) == {"network", "as_of", "visibility", "scenario", "faultlines"}
    assert payload["visibility"] == "network"
    assert payload["scenario"] == {"overall": full["scenario"]["overall"]}
    assert [f["point_id"] for f in payload["faultlines"]] == [world.point.pk]
    line = payload["faultlines"][0]
    assert set(line) == {"point_id", "point", "risk", "for", "against", "neutral", "warm_across"}
    text = json.dumps(payload)
    for name in ("Henk Mulder", "Alice de Vries", "Bob Jansen"):
        assert name not in text


def test_an_analysis_date_out_of_range_is_422(world: World, alice_api: ApiClient) -> None:
    assert alice_api.get(f"{base(world)}/analysis", as_of="9999-01-01").status_code == 422
    assert alice_api.get(f"{base(world)}/analysis", as_of="yesterday").status_code == 422
