"""A token sees what its holder sees on the pages: individuals' positions, hard moments'
descriptions and other people's attendance history only for those who run the network,
or when the record is shared (docs/security.md, "Who sees and changes what")."""

from __future__ import annotations

from typing import Any

import pytest

from tests.api.conftest import ApiClient, World, base

NOTE = "Henk stemt tegen, tegen de lijn van zijn gemeente in"
DESCRIPTION = "Een concept van Vitens lekt uit naar de pers"

READERS = ["bob_api", "olga_api"]
RUNNERS = ["alice_api", "dave_api"]


@pytest.fixture
def texts(world: World) -> World:
    world.member_position.note = NOTE
    world.member_position.save()
    world.moment.description = DESCRIPTION
    world.moment.save()
    return world


def _json(client: ApiClient, path: str, **params: Any) -> Any:
    response = client.get(path, **params)
    assert response.status_code == 200, response.content
    return response.json()


@pytest.mark.parametrize("persona", READERS)
def test_participants_and_observers_get_no_individuals_positions(
    request: Any, persona: str, texts: World
) -> None:
    client = request.getfixturevalue(persona)
    listed = _json(client, f"{base(texts)}/positions")
    assert [p["id"] for p in listed["items"]] == [texts.org_position.pk]
    assert NOTE not in str(listed)
    detail = client.get(f"{base(texts)}/positions/{texts.member_position.pk}")
    assert detail.status_code == 404
    assert NOTE not in detail.content.decode()


@pytest.mark.parametrize("persona", RUNNERS)
def test_those_who_run_the_network_get_every_position(
    request: Any, persona: str, texts: World
) -> None:
    client = request.getfixturevalue(persona)
    listed = _json(client, f"{base(texts)}/positions")
    assert {p["id"] for p in listed["items"]} == {
        texts.member_position.pk,
        texts.org_position.pk,
    }
    assert _json(client, f"{base(texts)}/positions/{texts.member_position.pk}")["note"] == NOTE


@pytest.mark.parametrize("persona", READERS)
def test_a_shared_position_reaches_participants_and_observers(
    request: Any, persona: str, texts: World
) -> None:
    texts.member_position.shared = True
    texts.member_position.save()
    client = request.getfixturevalue(persona)
    listed = _json(client, f"{base(texts)}/positions")
    assert texts.member_position.pk in {p["id"] for p in listed["items"]}
    detail = _json(client, f"{base(texts)}/positions/{texts.member_position.pk}")
    assert detail["note"] == NOTE and detail["member_id"] == texts.henk.pk
    assert detail["shared"] is True


@pytest.mark.parametrize("persona", READERS)
def test_participants_and_observers_get_a_hard_moment_without_its_description(
    request: Any, persona: str, texts: World
) -> None:
    client = request.getfixturevalue(persona)
    listed = _json(client, f"{base(texts)}/hard-moments")
    detail = _json(client, f"{base(texts)}/hard-moments/{texts.moment.pk}")
    for row in (listed["items"][0], detail):
        assert row["title"] == "Ruzie"
        assert row["party_ids"] == [texts.org.pk]
        assert row["outcome"]
        assert row["description"] == ""
    assert DESCRIPTION not in str(listed) + str(detail)


@pytest.mark.parametrize("persona", RUNNERS)
def test_those_who_run_the_network_get_the_description(
    request: Any, persona: str, texts: World
) -> None:
    client = request.getfixturevalue(persona)
    assert _json(client, f"{base(texts)}/hard-moments")["items"][0]["description"] == DESCRIPTION
    detail = _json(client, f"{base(texts)}/hard-moments/{texts.moment.pk}")
    assert detail["description"] == DESCRIPTION


@pytest.mark.parametrize("persona", READERS)
def test_a_shared_hard_moment_shows_its_description(
    request: Any, persona: str, texts: World
) -> None:
    texts.moment.shared = True
    texts.moment.save()
    client = request.getfixturevalue(persona)
    assert _json(client, f"{base(texts)}/hard-moments")["items"][0]["description"] == DESCRIPTION
    detail = _json(client, f"{base(texts)}/hard-moments/{texts.moment.pk}")
    assert detail["description"] == DESCRIPTION and detail["shared"] is True


@pytest.mark.parametrize("persona", READERS)
def test_participants_and_observers_get_their_own_attendance_and_an_activitys_guests(
    request: Any, persona: str, world: World
) -> None:
    from warmnet.activities.models import Attendance
    from warmnet.network.models import Member

    client = request.getfixturevalue(persona)
    me = Member.objects.get(user=request.getfixturevalue(persona.removesuffix("_api")))
    mine = Attendance.objects.create(
        network=world.network, activity=world.activity, member=me, status=1
    )
    # alice's history is not theirs to list, by itself or by naming her
    everything = _json(client, f"{base(world)}/attendance")
    assert [a["id"] for a in everything["items"]] == [mine.pk]
    named = _json(client, f"{base(world)}/attendance", member_id=world.alice.pk)
    assert named["items"] == []
    # who comes to the activity they name is theirs to see (as on its page)
    guests = _json(client, f"{base(world)}/attendance", activity_id=world.activity.pk)
    assert {a["member_id"] for a in guests["items"]} == {world.alice.pk, me.pk}


@pytest.mark.parametrize("persona", RUNNERS)
def test_those_who_run_the_network_list_everyones_attendance(
    request: Any, persona: str, world: World
) -> None:
    client = request.getfixturevalue(persona)
    named = _json(client, f"{base(world)}/attendance", member_id=world.alice.pk)
    assert [a["id"] for a in named["items"]] == [world.attendance.pk]
