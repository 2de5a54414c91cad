"""A coordinator goes from a dossier to the fault line of a risky dispute."""

from __future__ import annotations

from typing import Any

import pytest

from tests.browser.login import log_in
from tests.maps.conftest import TODAY, frozen, story  # noqa: F401  (fixtures)
from warmnet.engine.faultlines import Risk
from warmnet.insights.service import analysis_for
from warmnet.network.models import Network

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.mark.parametrize("width", [1280, 768])
def test_the_coordinator_opens_the_fault_line_of_a_risky_dispute(
    story: Network,  # noqa: F811
    live_server: Any,
    browser: Any,
    shoot: Any,
    width: int,
) -> None:
    analysis = analysis_for(story, TODAY)
    line = next(ln for ln in analysis.result.faultlines if ln.risk is Risk.HIGH)
    point_pk = analysis.lookup.point_id[line.point]
    from warmnet.dossiers.models import Point

    point = Point.objects.get(pk=point_pk)
    context = browser.new_context(viewport={"width": width, "height": 900}, locale="nl-NL")
    page = context.new_page()
    try:
        log_in(page, live_server.url, "alice")
        page.goto(f"{live_server.url}/n/{story.slug}/dossiers/{point.dossier_id}/")
        page.locator(f"a.risk[href$='/map/points/{point_pk}/']").click()
        page.wait_for_url(f"**/map/points/{point_pk}/")
        assert page.locator(".banner.bad[role=alert]").count() == 1
        assert page.locator("svg.faultline [data-side=for]").count() == line.for_members.size
        assert (
            page.locator("svg.faultline [data-side=against]").count() == line.against_members.size
        )
        assert page.locator("svg.faultline .tie.across.warm").count() == 0
        shoot(page, f"faultline-{width}")
        page.locator(".breadcrumb a").last.click()
        page.wait_for_url(f"**/points/{point_pk}/")
        assert page.locator("svg.stances").count() >= 1
        shoot(page, f"point-{width}")
    finally:
        context.close()
