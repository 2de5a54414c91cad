"""As a new user would: make an API token on the profile page, call the API with it,
and read the API's docs page, which lists every operation and loads nothing from
another site."""

from __future__ import annotations

import json
import urllib.request
from typing import Any

import pytest

from tests.api.walk import operations
from tests.browser.login import log_in
from warmnet.network.models import Network

pytestmark = pytest.mark.django_db(transaction=True)


def test_make_a_token_call_the_api_and_read_its_docs(
    live_server: Any, page: Any, shoot: Any, alice: Any, network_a: Network
) -> None:
    requested: list[str] = []
    page.on("request", lambda request: requested.append(request.url))
    log_in(page, live_server.url, "alice")
    page.get_by_role("link", name="alice", exact=True).click()  # the user's own account page
    page.get_by_role("link", name="API-tokens").click()
    page.get_by_label("Waarvoor is het?").fill("Rapportage in Power BI")
    page.get_by_label("Netwerk").select_option(label=network_a.name)
    page.locator("form.record button[type=submit]").click()
    secret = page.locator("input#new-token").input_value()
    assert secret.startswith("wn_")
    shoot(page, "api-token-made")

    request = urllib.request.Request(
        f"{live_server.url}/api/v1/networks/{network_a.slug}/analysis",
        headers={"Authorization": f"Bearer {secret}"},
    )
    with urllib.request.urlopen(request) as response:
        analysis = json.load(response)
    assert analysis["network"]["slug"] == network_a.slug
    assert analysis["visibility"] == "full"
    assert "scenario" in analysis and "balance" in analysis

    page.goto(f"{live_server.url}/api/v1/docs")
    page.locator(".opblock").first.wait_for()
    shown = {
        (
            block.locator(".opblock-summary-method").inner_text().strip(),
            block.locator(".opblock-summary-path").inner_text().replace("\u200b", "").strip(),
        )
        for block in page.locator(".opblock").all()
    }
    expected = {(op.method, "/api/v1" + op.path) for op in operations()}
    assert shown == expected
    shoot(page, "api-docs")
    foreign = [url for url in requested if not url.startswith(live_server.url)]
    assert foreign == []
