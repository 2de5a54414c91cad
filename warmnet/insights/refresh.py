"""The background recompute of a network's analysis after a write.

A committed write moves the network's data version and sends ``data_changed``;
:func:`request_recompute` then queues :func:`recompute_analysis` on the task queue
(``warmnet worker`` runs it), unless one is waiting already, a little later
(``WARMNET_RECOMPUTE_DELAY``) so that a burst of saves makes one run (debounced).
A run claims the network's :class:`~warmnet.insights.models.AnalysisRun` row, so at
most one runs at a time per network over every worker; a run that finds it held
queues itself again for after it.  A run loads the records once and computes the
analysis as of today, the dashboard's trend figures (3 and 6 months back; reused when
the write changed nothing on or before those days) and the map pictures of today, and
serves them together; then, while the data stay as they are and within
``WARMNET_REPLAY_SECONDS``, the map of each month of the replay slider, newest first.
Meanwhile pages serve the last complete analysis (:mod:`warmnet.insights.service`); a
page that served a stale result for another day (a date asked for) has that day
computed too.  Every quarter of an hour
:func:`new_day` queues a run for networks last computed on an earlier day.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import logging
import time
from typing import Any

from django.conf import settings
from django.db import IntegrityError
from django.db.models import Q
from django.utils import timezone
from django_tasks import task
from django_tasks_db.models import DBTaskResult

from warmnet.background.periodic import periodic
from warmnet.engine import SettingsError
from warmnet.insights.models import AnalysisRun
from warmnet.insights.service import (
    analysis_for,
    background_days,
    prepare,
    share_all,
    trend_days,
)
from warmnet.network.models import Network, current_data_version, data_changed

__all__ = ["connect", "new_day", "recompute_analysis", "refresh_network", "request_recompute"]

log = logging.getLogger(__name__)

#: A claim lapses after this long (a worker that died mid-run).
LEASE = dt.timedelta(minutes=10)

#: This process's last check per network (pages that serve a stale result ask again at
#: most this often).
_ASKED: dict[int, float] = {}
ASK_EVERY = 2.0


def _pending(network_id: int) -> bool:
    return DBTaskResult.objects.filter(
        task_path=recompute_analysis.module_path,
        status="READY",
        args_kwargs__args__0=network_id,
    ).exists()


def request_recompute(
    network_id: int,
    *,
    delay: float | None = None,
    page: bool = False,
    day: dt.date | None = None,
    trend: dt.date | None = None,
) -> bool:
    """Queue a recompute of the network's analysis unless one is waiting; returns whether
    one was queued.  ``page``: asked by a page serving a stale result (checked at most
    every ``ASK_EVERY`` seconds per process); ``day``: the as-of day it showed, computed
    too when it is not one the run computes anyway (a date asked for, a replay month);
    ``trend``: likewise, a day whose trend figures it showed."""
    if page:
        now = time.monotonic()
        if now - _ASKED.get(network_id, -ASK_EVERY) < ASK_EVERY:
            return False
        _ASKED[network_id] = now
    if _pending(network_id):
        return False
    wait = settings.WARMNET_RECOMPUTE_DELAY if delay is None else delay
    run_after = timezone.now() + dt.timedelta(seconds=wait)
    today = timezone.localdate()
    extra = [day.isoformat()] if day is not None and day not in background_days(today) else []
    trends = [trend.isoformat()] if trend is not None and trend not in trend_days(today) else []
    recompute_analysis.using(run_after=run_after).enqueue(network_id, extra, trends)
    return True


def _on_change(sender: Any, network_id: int, version: int, **kwargs: Any) -> None:
    request_recompute(network_id)


def connect() -> None:
    data_changed.connect(_on_change, dispatch_uid="warmnet-recompute-analysis")


def _claim(network_id: int) -> bool:
    now = timezone.now()
    with contextlib.suppress(IntegrityError):  # another worker made the row just now
        AnalysisRun.objects.get_or_create(network_id=network_id)
    free = Q(claimed_until__isnull=True) | Q(claimed_until__lt=now)
    claimed = AnalysisRun.objects.filter(free, network_id=network_id).update(
        claimed_until=now + LEASE
    )
    return claimed == 1


def refresh_network(
    network: Network,
    today: dt.date | None = None,
    extra: list[dt.date] | None = None,
    trends: list[dt.date] | None = None,
) -> tuple[int, float]:
    """Compute what pages read for the network's current data version: the analysis of
    today (and of the ``extra`` days a page showed stale) with the trend figures of their
    dashboards (and of the ``trends`` days a page showed stale), and the maps of today;
    then replay months while time allows.  The records
    are loaded once; what is computed is served to every process only once all of it is
    there, so no page finds a new analysis whose map is still missing.  Returns the data
    version computed and the seconds the first part (what pages wait for) took."""
    from warmnet.maps.map_json import map_json_for
    from warmnet.maps.organisation_map import organisation_map
    from warmnet.maps.queries import history_months

    today = today or timezone.localdate()
    start = time.monotonic()
    days = [*background_days(today), *(d for d in extra or [] if d != today)]
    wanted = sorted({*(t for d in days for t in trend_days(d)), *(trends or [])}, reverse=True)
    prepared = prepare(network, days, wanted)
    maps = time.monotonic()
    organisation_map(network, today)
    map_json_for(network, today)
    shared = time.monotonic()
    share_all(prepared)
    version = prepared.ident.version
    essential = time.monotonic() - start
    waited = prepared.seconds.pop("waiting for groups", 0.0)
    parts = {
        **prepared.seconds,
        "maps": shared - maps,
        "waiting for groups": waited,
        "share": time.monotonic() - shared - waited,
    }
    log.info(
        "network %s v%s computed in %.2f s (%s)",
        network.pk,
        version,
        essential,
        ", ".join(f"{name} {seconds:.2f} s" for name, seconds in parts.items()),
    )
    deadline = time.monotonic() + settings.WARMNET_REPLAY_SECONDS
    for month in reversed(history_months(network, today)[:-1]):
        if time.monotonic() > deadline or current_data_version(network.pk) != version:
            break
        analysis_for(network, month, fresh=True)
        map_json_for(network, month)
    for day in days:  # keep these in this process's memory, most recent last
        analysis_for(network, day, fresh=True)
    return version, essential


@periodic(every=dt.timedelta(minutes=15))
@task()
def new_day() -> int:
    """After midnight, the analyses of the new day for every network that was analysed
    before (so that the first page of the day does not compute them); returns how many
    were queued."""
    today = timezone.localdate()
    queued = 0
    for run in AnalysisRun.objects.filter(finished_at__isnull=False):
        assert run.finished_at is not None
        if timezone.localdate(run.finished_at) < today:
            queued += request_recompute(run.network_id, delay=0)
    return queued


@task()
def recompute_analysis(
    network_id: int, days: list[str] | None = None, trends: list[str] | None = None
) -> str:
    network = Network.objects.filter(pk=network_id).first()
    if network is None:
        return "gone"
    if not _claim(network_id):
        # another worker is computing: come back once it is likely done
        if not _pending(network_id):
            recompute_analysis.using(run_after=timezone.now() + dt.timedelta(seconds=2)).enqueue(
                network_id, days or [], trends or []
            )
        return "busy"
    try:
        extra = [dt.date.fromisoformat(d) for d in days or []]
        trend = [dt.date.fromisoformat(d) for d in trends or []]
        version, seconds = refresh_network(network, extra=extra, trends=trend)
    except SettingsError as error:
        log.warning("network %s: analysis settings invalid (%s)", network_id, error)
        AnalysisRun.objects.filter(network_id=network_id).update(claimed_until=None)
        return "settings"
    except BaseException:
        AnalysisRun.objects.filter(network_id=network_id).update(claimed_until=None)
        raise
    AnalysisRun.objects.filter(network_id=network_id).update(
        claimed_until=None,
        computed_version=version,
        finished_at=timezone.now(),
        seconds=seconds,
    )
    return f"v{version}"
