"""One rule for the analysis day, and results that do not depend on the database id."""

from __future__ import annotations

import datetime as dt
import json
from io import StringIO
from typing import Any

import numpy as np
import pytest
import time_machine
from django.core.management import call_command

from warmnet.generate.synth import generate_network
from warmnet.generate.writer import write_network
from warmnet.insights.service import analysis_for
from warmnet.network.models import Network


@pytest.fixture
def history(db: Any) -> Network:
    """A network whose records end in 2022."""
    generated = generate_network(
        seed=5, size="demo", scenario="together", start=dt.date(2020, 1, 1), years=2
    )
    return write_network(generated, "geschiedenis").network


@time_machine.travel(dt.datetime(2026, 11, 28, 12, tzinfo=dt.UTC), tick=False)
def test_without_a_date_the_analysis_is_as_of_today_and_says_when_the_records_end(
    history: Network,
) -> None:
    analysis = analysis_for(history)
    assert analysis.as_of == dt.date(2026, 11, 28)
    assert analysis.day is not None and analysis.day.stale and not analysis.day.asked
    last = analysis.day.last_recorded
    assert last is not None and last.year <= 2022
    out = StringIO()
    call_command("analyse", history.slug, "--language", "en", stdout=out)
    text = out.getvalue()
    assert "The records end on" in text and f"--as-of {last.isoformat()}" in text
    out = StringIO()
    call_command("analyse", history.slug, "--json", stdout=out)
    rule = json.loads(out.getvalue())["as_of_rule"]
    assert rule == {
        "day": "2026-11-28",
        "asked": False,
        "last_recorded": last.isoformat(),
        "days_since_records": (dt.date(2026, 11, 28) - last).days,
        "records_end_long_before": True,
    }
    # as of the last recorded day, nothing to say about it
    then = analysis_for(history, last)
    assert then.day is not None and not then.day.stale and then.day.asked
    assert then.result.scenario.overall.scenario.value == "together"


@time_machine.travel(dt.datetime(2026, 11, 28, 12, tzinfo=dt.UTC), tick=False)
def test_the_dashboard_offers_the_last_recorded_day(history: Network, client: Any) -> None:
    from tests.conftest import _user  # the personas' helper
    from warmnet.network.models import Member, Organisation, Role

    user = _user("hanna")
    Member.objects.create(
        network=history,
        organisation=Organisation.objects.filter(network=history).first(),
        name="Hanna",
        role=Role.COORDINATOR,
        joined_on=dt.date(2020, 1, 1),
        user=user,
    )
    client.force_login(user)
    page = client.get(f"/n/{history.slug}/", HTTP_ACCEPT_LANGUAGE="en").content.decode()
    from warmnet.insights.asof import last_recorded_day

    last = last_recorded_day(history)
    assert last is not None
    assert "as-of-notice" in page and f"?as_of={last.isoformat()}" in page
    assert '<section class="hard-moments"' in page


def test_the_same_data_under_two_ids_gets_the_same_groups_and_brokers(db: Any) -> None:
    day = dt.date(2025, 6, 30)
    results = []
    for slug in ("eerste", "tweede", "derde"):
        generated = generate_network(
            seed=2, size="demo", scenario="together", start=dt.date(2023, 7, 1), years=2
        )
        network = write_network(generated, slug).network
        results.append(analysis_for(network, day).result)
    first = results[0]
    for other in results[1:]:
        assert np.array_equal(other.groups.membership, first.groups.membership)
        assert np.array_equal(other.brokers.top, first.brokers.top)
        assert other.groups.modularity == first.groups.modularity
