"""The network map: the whole network as JSON for the browser, and the same as a table."""

from __future__ import annotations

import datetime as dt
import json
import re
from types import SimpleNamespace
from typing import Any

import numpy as np
import scipy.sparse as sp
from django.core.cache import cache
from django.test import Client
from django.urls import reverse

from tests.maps.conftest import TODAY
from warmnet.activities.models import Attendance, AttendanceStatus
from warmnet.dossiers.models import Dossier
from warmnet.insights.service import analysis_for
from warmnet.maps.layers import tie_layers
from warmnet.maps.palette import org_styles
from warmnet.network.models import Member, Network, Role


def _active(network: Network, day: dt.date) -> set[int]:
    members = Member.objects.filter(network=network, joined_on__lte=day)
    return {m.pk for m in members if m.left_on is None or m.left_on > day}


def _data(client: Client, network: Network, day: dt.date = TODAY) -> dict[str, Any]:
    url = reverse("maps:network_map_data", args=[network.slug])
    response = client.get(url, {"as_of": day.isoformat()})
    assert response.status_code == 200
    assert response["Content-Type"] == "application/json"
    return json.loads(response.content)


def _page(client: Client, network: Network, **params: Any) -> Any:
    params.setdefault("as_of", TODAY.isoformat())
    return client.get(reverse("maps:network_map", args=[network.slug]), params)


def _table_members(response: Any) -> list[int]:
    return [int(pk) for pk in re.findall(r'<tr data-member="(\d+)">', response.content.decode())]


def test_the_data_has_every_member_of_the_day_marked_by_organisation(
    story: Network, alice_client: Client
) -> None:
    data = _data(alice_client, story)
    nodes = data["nodes"]
    assert set(nodes["id"]) == _active(story, TODAY)
    assert len(nodes["id"]) == len(set(nodes["id"]))
    lookup = analysis_for(story, TODAY).lookup
    styles = org_styles(np.bincount(np.asarray(lookup.member_org), minlength=len(lookup.org_id)))
    row_of = {pk: i for i, pk in enumerate(lookup.org_id)}
    members = Member.objects.in_bulk(nodes["id"])
    for pk, org in zip(nodes["id"], nodes["org"], strict=True):
        entry = data["orgs"][org]
        assert entry["id"] == members[pk].organisation_id
        style = styles[row_of[entry["id"]]]
        assert (entry["colour"], entry["shape"]) == (style.colour, style.shape)
    # every organisation on the map has a marker no other organisation has
    markers = [(o["colour"], o["shape"]) for o in data["orgs"]]
    assert len(markers) == len(set(markers))
    assert all(np.isfinite(nodes["x"])) and all(np.isfinite(nodes["y"]))
    assert min(nodes["size"]) > 0


def test_the_ties_sent_are_the_strongest_among_the_members_shown(
    story: Network, alice_client: Client
) -> None:
    data = _data(alice_client, story)
    edges, nodes = data["edges"], data["nodes"]
    ties = analysis_for(story, TODAY).result.ties
    rows = {pk: i for i, pk in enumerate(analysis_for(story, TODAY).lookup.member_id)}
    relational = data["layers"][0]
    assert relational["key"] == "relational" and relational["available"]
    mine = [
        (s, t, w)
        for s, t, w, layer in zip(
            edges["source"], edges["target"], edges["strength"], edges["layer"], strict=True
        )
        if layer == 0
    ]
    assert relational["sent"] == relational["total"] == len(mine) > 0
    for s, t, w in mine:
        a, b = rows[nodes["id"][s]], rows[nodes["id"][t]]
        assert abs(ties[a, b] - w) < 1e-3
    strengths = [w for _s, _t, w in mine]
    assert strengths == sorted(strengths, reverse=True)
    warm = sum(w >= data["warmThreshold"] for w in strengths)
    assert warm == relational["warm"] > 0


def test_the_working_layer_is_sent_but_off_until_chosen(
    story: Network, alice_client: Client
) -> None:
    data = _data(alice_client, story)
    working = data["layers"][1]
    assert working["key"] == "working" and working["available"] and working["sent"] > 0
    text = _page(alice_client, story).content.decode()
    box = re.search(r'<input type="checkbox" name="layer" value="working"[^>]*>', text)
    assert box is not None and "disabled" not in box[0] and "checked" not in box[0]
    assert re.search(r'<input type="checkbox" name="layer" value="relational" checked', text)
    assert 'id="layer-note-working"' in text


def test_tie_layers_are_the_relational_ties_and_working_familiarity() -> None:
    ties = sp.csr_matrix(np.eye(2))
    familiarity = sp.csr_matrix(np.ones((2, 2)))
    layers = tie_layers(SimpleNamespace(ties=ties, familiarity=familiarity))  # type: ignore[arg-type]
    assert [(layer.key, layer.shown) for layer in layers] == [
        ("relational", True),
        ("working", False),
    ]
    assert layers[0].ties is ties and layers[1].ties is familiarity


def test_a_replayed_day_leaves_out_later_members_and_keeps_everyone_in_place(
    story: Network, alice_client: Client
) -> None:
    early = dt.date(2025, 3, 31)
    now, then = _data(alice_client, story), _data(alice_client, story, early)
    assert then["asOf"] == early.isoformat()
    assert set(then["nodes"]["id"]) == _active(story, early)
    later = set(
        Member.objects.filter(network=story, joined_on__gt=early).values_list("pk", flat=True)
    )
    assert later and not set(then["nodes"]["id"]) & later
    assert then["layers"][0]["total"] == sp.triu(analysis_for(story, early).result.ties, k=1).nnz
    assert then["layers"][0]["total"] < now["layers"][0]["total"]
    place_now = {
        pk: (x, y)
        for pk, x, y in zip(now["nodes"]["id"], now["nodes"]["x"], now["nodes"]["y"], strict=True)
    }
    for pk, x, y in zip(then["nodes"]["id"], then["nodes"]["x"], then["nodes"]["y"], strict=True):
        if pk in place_now:
            assert place_now[pk] == (x, y)


def test_a_date_after_today_is_today(story: Network, alice_client: Client) -> None:
    assert _data(alice_client, story, dt.date(2030, 1, 1))["asOf"] == TODAY.isoformat()
    assert _page(alice_client, story, as_of="2030-01-01").context["picture"].as_of == TODAY


def test_the_layout_is_the_same_every_time(story: Network, alice_client: Client) -> None:
    first = _data(alice_client, story)
    cache.clear()
    second = _data(alice_client, story)
    assert (first["nodes"]["x"], first["nodes"]["y"]) == (
        second["nodes"]["x"],
        second["nodes"]["y"],
    )


def test_the_table_lists_everyone_most_warm_ties_first(
    story: Network, alice_client: Client
) -> None:
    response = _page(alice_client, story)
    assert response.status_code == 200
    shown = _table_members(response)
    assert set(shown) == _active(story, TODAY)
    warmth = analysis_for(story, TODAY).result.warmth
    rows = {pk: i for i, pk in enumerate(analysis_for(story, TODAY).lookup.member_id)}
    warm = [int(warmth.warm_ties[rows[pk]]) for pk in shown]
    assert warm == sorted(warm, reverse=True)
    text = response.content.decode()
    for pk in shown[:5]:
        assert reverse("network:member_detail", args=[story.slug, pk]) in text


def test_the_table_filters_by_organisation_dossier_and_name(
    story: Network, alice_client: Client
) -> None:
    member = Member.objects.filter(network=story).order_by("pk")[3]
    by_org = set(_table_members(_page(alice_client, story, organisation=member.organisation_id)))
    assert by_org == {
        pk
        for pk in _active(story, TODAY)
        if Member.objects.get(pk=pk).organisation_id == member.organisation_id
    }
    dossier = Dossier.objects.filter(network=story).order_by("pk").first()
    assert dossier is not None
    attended = set(
        Attendance.objects.filter(
            activity__dossier=dossier,
            status=AttendanceStatus.ATTENDED,
            activity__start__date__lte=TODAY,
        ).values_list("member_id", flat=True)
    )
    by_dossier = set(_table_members(_page(alice_client, story, dossier=dossier.pk)))
    assert by_dossier == attended & _active(story, TODAY) and by_dossier
    surname = member.name.split()[-1]
    found = _table_members(_page(alice_client, story, q=surname.upper()))
    assert member.pk in found
    assert all(
        surname.casefold() in Member.objects.get(pk=pk).name.casefold()
        or surname.casefold() in Member.objects.get(pk=pk).organisation.name.casefold()
        for pk in found
    )


def test_the_table_is_paged(story: Network, alice_client: Client, monkeypatch: Any) -> None:
    monkeypatch.setattr("warmnet.maps.map_table.PER_PAGE", 10)
    first = _page(alice_client, story)
    second = _page(alice_client, story, page=2)
    assert len(_table_members(first)) == 10 and len(_table_members(second)) == 10
    assert not set(_table_members(first)) & set(_table_members(second))
    assert "page=2" in first.content.decode()


def test_an_htmx_request_gets_only_the_table(story: Network, alice_client: Client) -> None:
    response = alice_client.get(
        reverse("maps:network_map", args=[story.slug]),
        {"as_of": "2025-06-30"},
        HTTP_HX_REQUEST="true",
    )
    text = response.content.decode()
    assert response.status_code == 200
    assert text.lstrip().startswith('<section id="map-table"')
    assert "<html" not in text


def test_the_page_has_no_inline_script(story: Network, alice_client: Client) -> None:
    text = _page(alice_client, story).content.decode()
    scripts = re.findall(r"<script([^>]*)>(.*?)</script>", text, re.S)
    assert scripts
    for attrs, body in scripts:
        assert "src=" in attrs or 'type="application/json"' in attrs, attrs
        assert "src=" not in attrs or not body.strip()
    assert not re.search(r"\son[a-z]+=", text.split("</header>", 1)[1])
    config = json.loads(re.search(r'id="map-config"[^>]*>(.*?)</script>', text, re.S).group(1))
    assert config["data"] == reverse("maps:network_map_data", args=[story.slug])


def test_participants_get_no_map_data(story: Network, alice_client: Client, bob: Any) -> None:
    member = Member.objects.filter(network=story).exclude(user__isnull=False).first()
    assert member is not None
    member.user, member.role = bob, Role.PARTICIPANT
    member.save(update_fields=["user", "role"])
    client = Client()
    client.force_login(bob)
    url = reverse("maps:network_map_data", args=[story.slug])
    assert client.get(url).status_code == 403
