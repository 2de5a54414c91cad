"""Pages never wait for a cold analysis: after a write they serve the last complete one
(and say when it was computed) while the background worker computes the new one."""

from __future__ import annotations

import datetime as dt
import functools
import html
from collections.abc import Iterator
from typing import Any

import pytest
import time_machine
from django.core.cache import cache
from django.test import Client
from django.urls import reverse
from django.utils import timezone
from django_tasks_db.models import DBTaskResult

from tests.drinks import record_drink
from warmnet.background.worker import drain
from warmnet.generate.result import GeneratedNetwork
from warmnet.generate.synth import generate_network
from warmnet.generate.writer import write_network
from warmnet.insights import refresh, service
from warmnet.insights.models import AnalysisRun
from warmnet.insights.refresh import new_day, recompute_analysis
from warmnet.insights.service import (
    analysis_for,
    background_days,
    freshness,
    reset_freshness,
    trend_days,
    trend_for,
)
from warmnet.maps.queries import history_months
from warmnet.network.models import Member, Network, Organisation, Role, current_data_version

NOW = dt.datetime(2026, 10, 31, 13, 2, tzinfo=dt.UTC)  # 14:02 in Amsterdam
START = dt.date(2024, 11, 1)


@pytest.fixture
def frozen() -> Iterator[None]:
    with time_machine.travel(NOW, tick=True):
        yield


@functools.cache
def _generated() -> GeneratedNetwork:
    return generate_network(seed=3, size="demo", scenario="content-first", start=START, years=2)


@pytest.fixture
def story(
    db: Any, alice: Any, frozen: None, settings: Any, monkeypatch: pytest.MonkeyPatch
) -> Network:
    settings.WARMNET_RECOMPUTE_DELAY = 0  # the worker may take the task at once
    # Without a shared cache a process computes afresh once it has served a stale result
    # for STALE_GRACE seconds; on a busy machine a worker's run can take that long, so
    # these tests (about what is served meanwhile) give it more time.
    monkeypatch.setattr(service, "STALE_GRACE", 3600.0)
    settings.WARMNET_REPLAY_SECONDS = 1
    cache.clear()
    service.forget_recent()
    refresh._ASKED.clear()  # a page's ask is rate limited per network id and process
    network = write_network(_generated(), "vers").network
    Member.objects.create(
        network=network,
        organisation=Organisation.objects.filter(network=network).order_by("pk").first(),
        name="Alice de Vries",
        role=Role.COORDINATOR,
        joined_on=START,
        user=alice,
    )
    return network


@pytest.fixture
def computed(monkeypatch: pytest.MonkeyPatch) -> list[dt.date]:
    """The days the engine is asked to analyse from here on."""
    days: list[dt.date] = []
    original = service.analyse

    def counting(*args: Any, **kwargs: Any) -> Any:
        days.append(kwargs["as_of"].astype(dt.date))
        return original(*args, **kwargs)

    monkeypatch.setattr(service, "analyse", counting)
    return days


def _pending(network: Network) -> list[DBTaskResult]:
    return list(
        DBTaskResult.objects.filter(
            task_path=recompute_analysis.module_path,
            status="READY",
            args_kwargs__args__0=network.pk,
        )
    )


def _write(capture: Any, network: Network, name: str) -> None:
    with capture(execute=True):  # the version moves (and the recompute is queued) on commit
        Organisation.objects.create(network=network, name=name)


def _page(client: Client, url: str) -> str:
    response = client.get(url)
    assert response.status_code == 200
    return html.unescape(response.content.decode())


def test_after_a_write_pages_serve_the_last_analysis_until_the_worker_computed_the_new_one(
    story: Network,
    alice_client: Client,
    computed: list[dt.date],
    django_capture_on_commit_callbacks: Any,
) -> None:
    today = timezone.localdate()
    dashboard = reverse("network:overview", args=[story.slug])
    first_page = _page(alice_client, dashboard)  # no analysis yet: this request computes
    assert sorted(computed) == sorted(background_days(today))
    assert "Analyse bijgewerkt om 14:02." in first_page
    assert "data-stale" not in first_page
    before = analysis_for(story)
    organisations = reverse("maps:organisation_map", args=[story.slug])
    assert "data-stale" not in _page(alice_client, organisations)  # its picture is cached

    _write(django_capture_on_commit_callbacks, story, "Nieuwe partner")
    assert len(_pending(story)) == 1
    computed.clear()
    reset_freshness()
    served = analysis_for(story)
    assert served is before and "Nieuwe partner" not in served.lookup.org_name
    assert freshness() == service.Freshness(before.computed_at, True, before.version)  # type: ignore[arg-type]
    for url in (
        dashboard,
        reverse("maps:network_map", args=[story.slug]),
        reverse("directory:member_list", args=[story.slug]),
        organisations,  # drawn from the cached picture of the last analysis
    ):
        page = _page(alice_client, url)
        assert "data-stale" in page, url
        assert f'data-analysis-version="{before.version}"' in page, url
        assert "Er wordt een nieuwere berekend" in page, url
    assert computed == [], "no page computed an analysis"

    assert drain() >= 1  # the worker
    run = AnalysisRun.objects.get(network=story)
    assert run.computed_version == current_data_version(story.pk)
    assert run.claimed_until is None and run.seconds is not None
    computed.clear()
    fresh = analysis_for(story)
    assert "Nieuwe partner" in fresh.lookup.org_name
    for day in background_days(today):  # the trend days were computed in the same run
        assert analysis_for(story, day).version == run.computed_version
    page = _page(alice_client, dashboard)
    assert "data-stale" not in page
    assert f'data-analysis-version="{run.computed_version}"' in page
    assert run.computed_version > before.version
    assert "data-stale" not in _page(alice_client, reverse("maps:network_map", args=[story.slug]))
    assert computed == [], "the worker had computed everything the pages read"


def test_a_burst_of_writes_queues_one_recompute(
    story: Network, django_capture_on_commit_callbacks: Any
) -> None:
    for i in range(5):
        _write(django_capture_on_commit_callbacks, story, f"Partner {i}")
    assert len(_pending(story)) == 1


def test_one_recompute_at_a_time_per_network(
    story: Network, computed: list[dt.date], django_capture_on_commit_callbacks: Any
) -> None:
    analysis_for(story)
    AnalysisRun.objects.create(
        network=story, claimed_until=timezone.now() + dt.timedelta(minutes=5)
    )  # another worker is computing
    _write(django_capture_on_commit_callbacks, story, "Nieuwe partner")
    computed.clear()
    drain()
    assert computed == [], "a second run waits for the first"
    (again,) = _pending(story)  # and comes back after it
    assert again.run_after is not None and again.run_after > timezone.now()
    AnalysisRun.objects.filter(network=story).update(claimed_until=None)
    with time_machine.travel(timezone.now() + dt.timedelta(seconds=5), tick=True):
        drain()
    assert "Nieuwe partner" in analysis_for(story).lookup.org_name
    assert timezone.localdate() in computed


def test_the_replay_slider_steps_were_computed_in_the_background(
    story: Network,
    alice_client: Client,
    computed: list[dt.date],
    django_capture_on_commit_callbacks: Any,
) -> None:
    _write(django_capture_on_commit_callbacks, story, "Nieuwe partner")
    drain()
    months = history_months(story, timezone.localdate())
    assert len(months) > 2
    computed.clear()
    url = reverse("maps:network_map_data", args=[story.slug])
    response = alice_client.get(url, {"as_of": months[-2].isoformat()})  # the month before
    assert response.status_code == 200
    assert computed == [], "the step was ready"
    # a write: the steps of the last complete analysis are served meanwhile
    _write(django_capture_on_commit_callbacks, story, "Nog een partner")
    response = alice_client.get(url, {"as_of": months[-2].isoformat()})
    assert response.status_code == 200
    assert computed == []


def test_in_english_the_page_says_so_too(
    story: Network, alice_client: Client, django_capture_on_commit_callbacks: Any
) -> None:
    alice_client.cookies["django_language"] = "en"
    dashboard = reverse("network:overview", args=[story.slug])
    assert "Analysis updated at 14:02." in _page(alice_client, dashboard)
    _write(django_capture_on_commit_callbacks, story, "Nieuwe partner")
    page = _page(alice_client, dashboard)
    assert "A newer one is being computed" in page


def test_a_page_without_an_analysis_says_nothing_about_one(
    story: Network, alice_client: Client
) -> None:
    page = _page(alice_client, reverse("activities:activity_list", args=[story.slug]))
    assert "data-analysis-freshness" not in page


def test_a_day_asked_for_that_the_run_does_not_compute_is_computed_after_a_page_showed_it(
    story: Network,
    computed: list[dt.date],
    django_capture_on_commit_callbacks: Any,
    settings: Any,
) -> None:
    # No replay months in this run: here the worker shares the page's process, whose
    # memory keeps the most recent analyses only, and months computed after the asked day
    # would push its last complete result out (with Redis, as in production, it stays).
    settings.WARMNET_REPLAY_SECONDS = 0
    asked = dt.date(2025, 6, 1)
    analysis_for(story, asked)
    _write(django_capture_on_commit_callbacks, story, "Nieuwe partner")
    drain()  # the run after the write: today and the trend days
    computed.clear()
    served = analysis_for(story, asked)
    assert "Nieuwe partner" not in served.lookup.org_name and computed == []
    (task,) = _pending(story)  # the page asked for its day
    assert task.args_kwargs["args"] == [story.pk, [asked.isoformat()], []]
    drain()
    assert asked in computed
    computed.clear()
    assert "Nieuwe partner" in analysis_for(story, asked).lookup.org_name
    assert computed == []


def test_after_midnight_networks_get_the_new_days_analysis_in_the_background(
    story: Network, computed: list[dt.date]
) -> None:
    AnalysisRun.objects.create(network=story, finished_at=timezone.now())
    assert new_day.call() == 0, "computed today already"
    with time_machine.travel(NOW + dt.timedelta(days=1), tick=True):
        assert new_day.call() == 1
        drain()
        assert timezone.localdate() in computed


@pytest.fixture
def trended(monkeypatch: pytest.MonkeyPatch) -> list[dt.date]:
    """The days whose trend figures are computed (not reused) from here on."""
    days: list[dt.date] = []
    original = service.trend_figures

    def counting(fr: Any) -> Any:
        days.append(fr.as_of.astype(dt.date))
        return original(fr)

    monkeypatch.setattr(service, "trend_figures", counting)
    return days


def _record_drink(capture: Any, network: Network, when: dt.datetime, title: str) -> None:
    """An informal meeting at ``when`` with the network's first three members there."""
    with capture(execute=True):
        record_drink(
            network, Member.objects.filter(network=network).order_by("pk")[:3], when, title
        )


def test_the_trend_figures_are_reused_after_a_write_that_changed_nothing_before_their_day(
    story: Network,
    alice_client: Client,
    computed: list[dt.date],
    trended: list[dt.date],
    django_capture_on_commit_callbacks: Any,
    settings: Any,
) -> None:
    settings.WARMNET_REPLAY_SECONDS = 0  # the run computes no replay months here
    today = timezone.localdate()
    dashboard = reverse("network:overview", args=[story.slug])
    _page(alice_client, dashboard)  # the first page computes today and the trend figures
    assert computed == [today] and sorted(trended) == sorted(trend_days(today))
    earlier = [trend_for(story, day) for day in trend_days(today)]

    # today's drink: the trend days lie before it
    _record_drink(django_capture_on_commit_callbacks, story, timezone.now(), "Borrel")
    computed.clear()
    trended.clear()
    reset_freshness()
    stale = trend_for(story, trend_days(today)[0])
    assert stale.version == earlier[0].version and freshness().stale  # type: ignore[union-attr]
    assert computed == [] and trended == []

    drain()
    assert computed == [today], "one whole analysis: today"
    assert trended == [], "the figures of the trend days were reused"
    run = AnalysisRun.objects.get(network=story)
    for day, before in zip(trend_days(today), earlier, strict=True):
        now = trend_for(story, day)
        assert now.version == run.computed_version > before.version
        assert now.figures == before.figures

    # a correction three years back: the trend days lie after it, so they are computed
    long_ago = timezone.now() - dt.timedelta(days=3 * 365)
    _record_drink(django_capture_on_commit_callbacks, story, long_ago, "Oude borrel")
    computed.clear()
    drain()
    assert computed == [today]
    assert sorted(trended) == sorted(trend_days(today))
    for day in trend_days(today):  # and they are what the whole analysis of the day says
        whole = analysis_for(story, day, fresh=True).result.warmth
        figures = trend_for(story, day)
        assert (figures.index, figures.active_members) == (whole.index, whole.active_members)
    page = _page(alice_client, dashboard)
    assert "data-stale" not in page


def test_trend_figures_shown_stale_for_a_day_the_run_does_not_cover_are_computed_after(
    story: Network,
    trended: list[dt.date],
    django_capture_on_commit_callbacks: Any,
    settings: Any,
) -> None:
    settings.WARMNET_REPLAY_SECONDS = 0
    day = dt.date(2025, 3, 1)  # the trend day of a dashboard looked at on another date
    first = trend_for(story, day)
    _write(django_capture_on_commit_callbacks, story, "Nieuwe partner")
    drain()  # the run after the write: today and today's trend days
    trended.clear()
    reset_freshness()
    served = trend_for(story, day)
    assert served.version == first.version and freshness().stale  # type: ignore[union-attr]
    (task,) = _pending(story)  # the page asked for its day's figures
    assert task.args_kwargs["args"] == [story.pk, [], [day.isoformat()]]
    drain()
    assert trended == [], "reused: a new organisation changes no tie"
    fresh = trend_for(story, day)
    assert fresh.version == current_data_version(story.pk) > first.version
    assert fresh.figures == first.figures
