"""Analysis results for views, the command line and the API alike.

A result is computed from :func:`~warmnet.insights.loader.load_network` by the
engine and cached under the network's data version.  The last few results stay
in this process's memory as they are (unpickling a large network's result costs
a page a fifth of a second); a shared cache (Redis, with ``REDIS_URL``) lets
other processes reuse them.

Pages never wait for a cold analysis once one exists (stale-while-revalidate):
beside each result a small *pointer* per network and as-of day names the last
complete one.  After a write moves the data version, a page is served the
pointed-to result (the page says when it was computed) and a recompute is queued
for the background worker (:mod:`warmnet.insights.refresh`), which publishes the
new result and moves the pointer.  Only when no result exists for that day at all
does a request compute one itself.  Without a shared cache a result computed in
another process cannot be seen, so there a stale result is served for at most
``STALE_GRACE`` seconds before the request computes afresh.
"""

from __future__ import annotations

import contextvars
import datetime as dt
import hashlib
import json
import threading
import time
from collections import OrderedDict
from dataclasses import dataclass, field
from typing import Any

import numpy as np
from django.conf import settings
from django.core.cache import cache
from django.utils import timezone

from warmnet.engine import AnalysisResult, AnalysisSettings, NetworkData, analyse
from warmnet.insights.asof import AsOf, resolve_as_of
from warmnet.insights.loader import load_network
from warmnet.network.models import Network

__all__ = [
    "TREND_OFFSETS",
    "Analysis",
    "AsOf",
    "Freshness",
    "Lookup",
    "analysis_for",
    "background_days",
    "cache_key",
    "forget_recent",
    "freshness",
    "network_settings",
    "reset_freshness",
    "served_key",
]

CACHE_SECONDS = 24 * 3600
#: Results kept in this process, most recent first out last (today and the two trend
#: days of the version served and of the one being computed fit).
RECENT = 8
#: The dashboard's trend figures: days before the as-of day (3 and 6 months).
TREND_OFFSETS = (91, 182)
#: Without a shared cache: seconds a stale result is served before a request computes.
STALE_GRACE = 15.0

_recent: OrderedDict[str, Analysis] = OrderedDict()
_recent_lock = threading.Lock()


def _shared_cache() -> bool:
    """Whether the configured cache is shared between processes (and so worth a copy)."""
    return "locmem" not in settings.CACHES["default"]["BACKEND"].lower()


def _remember(key: str, analysis: Analysis) -> None:
    with _recent_lock:
        _recent[key] = analysis
        _recent.move_to_end(key)
        while len(_recent) > RECENT:
            _recent.popitem(last=False)


def forget_recent() -> None:
    """Drop this process's copies (tests; memory pressure)."""
    with _recent_lock:
        _recent.clear()
        _first_stale.clear()


def _lookup(key: str) -> Analysis | None:
    with _recent_lock:
        analysis = _recent.get(key)
    if analysis is None and _shared_cache():
        analysis = cache.get(key)
    return analysis


@dataclass(frozen=True)
class Lookup:
    """Database ids and names of the rows a result refers to by position."""

    member_id: list[int]
    member_name: list[str]
    member_org: list[int]
    org_id: list[int]
    org_name: list[str]
    point_id: list[int]
    point_title: list[str]
    dossier_id: list[int]
    dossier_name: list[str]
    hard_moment_id: list[int] = field(default_factory=list)
    hard_moment_title: list[str] = field(default_factory=list)

    @classmethod
    def of(cls, data: NetworkData) -> Lookup:
        return cls(
            member_id=data.member_id.tolist(),
            member_name=list(data.member_name),
            member_org=data.member_org.tolist(),
            org_id=data.org_id.tolist(),
            org_name=list(data.org_name),
            point_id=data.point_id.tolist(),
            point_title=list(data.point_title),
            dossier_id=data.dossier_id.tolist(),
            dossier_name=list(data.dossier_name),
            hard_moment_id=data.hard_moment_id.tolist(),
            hard_moment_title=list(data.hard_moment_title),
        )

    def member(self, row: int) -> str:
        return self.member_name[row] if 0 <= row < len(self.member_name) else "?"

    def organisation(self, row: int) -> str:
        return self.org_name[row] if 0 <= row < len(self.org_name) else "?"

    def member_with_org(self, row: int) -> str:
        return f"{self.member(row)} ({self.organisation(self.member_org[row])})"

    def hard_moment(self, row: int) -> str:
        return self.hard_moment_title[row] if 0 <= row < len(self.hard_moment_title) else ""

    def point(self, row: int) -> str:
        return self.point_title[row] if 0 <= row < len(self.point_title) else "?"


@dataclass(frozen=True)
class Analysis:
    """An engine result with the names it needs to be shown."""

    result: AnalysisResult
    lookup: Lookup
    as_of: dt.date
    #: How the day was chosen, and whether the records end long before it.
    day: AsOf | None = None
    #: Its cache key, the data version it was computed from, and when it was finished.
    key: str = ""
    version: int = 0
    computed_at: dt.datetime | None = None


@dataclass(frozen=True)
class Freshness:
    """What a page says about the analyses it showed: when the oldest was computed and
    whether a newer one is being computed."""

    computed_at: dt.datetime
    stale: bool
    #: The (oldest) data version the analyses were computed from.
    version: int = 0


_served: contextvars.ContextVar[Freshness | None] = contextvars.ContextVar(
    "warmnet_analysis_served", default=None
)


def reset_freshness() -> None:
    """Forget what the last request was served (called at the start of every request)."""
    _served.set(None)


def freshness() -> Freshness | None:
    """The freshness of the analyses served in this request so far (None: none)."""
    return _served.get()


def _note_served(analysis: Analysis, stale: bool) -> None:
    if analysis.computed_at is not None:
        _note(analysis.computed_at, stale, analysis.version)


def _note(computed_at: dt.datetime, stale: bool, version: int) -> None:
    seen = _served.get()
    if seen is None:
        _served.set(Freshness(computed_at, stale, version))
    else:
        _served.set(
            Freshness(
                min(seen.computed_at, computed_at),
                seen.stale or stale,
                min(seen.version, version),
            )
        )


def network_settings(network: Network) -> AnalysisSettings:
    """The network's thresholds: documented defaults with its own overrides
    (raises ``SettingsError`` naming a bad override)."""
    return AnalysisSettings.from_dict(network.analysis_settings or {})


@dataclass(frozen=True)
class _Identity:
    """What a cached result of a network is filed under, read in one query."""

    pk: int
    created: float
    version: int
    digest: str

    def key(self, as_of: dt.date) -> str:
        # created_at tells apart two networks that got the same id (SQLite may reuse one)
        return (
            f"warmnet:analysis:2:{self.pk}:{self.created:.6f}:{self.version}:"
            f"{as_of.isoformat()}:{self.digest}"
        )

    def pointer(self, as_of: dt.date) -> str:
        """Where the key of the last complete result for ``as_of`` is kept."""
        return (
            f"warmnet:analysis-latest:2:{self.pk}:{self.created:.6f}:"
            f"{as_of.isoformat()}:{self.digest}"
        )


def _identity(network: Network) -> _Identity:
    version, overrides, created = Network.objects.values_list(
        "data_version", "analysis_settings", "created_at"
    ).get(pk=network.pk)
    digest = hashlib.sha1(
        json.dumps(overrides or {}, sort_keys=True).encode(), usedforsecurity=False
    ).hexdigest()[:12]
    return _Identity(network.pk, created.timestamp(), int(version), digest)


def cache_key(network: Network, as_of: dt.date) -> str:
    """The key of the result for the network's current data version."""
    return _identity(network).key(as_of)


#: Per stale pointer key, when this process first served it (for ``STALE_GRACE``).
_first_stale: dict[str, float] = {}


def _stale_choice(ident: _Identity, as_of: dt.date) -> str | None:
    """The key of the last complete result to serve while a newer one is computed, or
    None (there is none, or, without a shared cache, it has been stale too long)."""
    pointer: dict[str, Any] | None = cache.get(ident.pointer(as_of))
    if not pointer or int(pointer.get("version", -1)) >= ident.version:
        return None
    key = str(pointer["key"])
    if not _shared_cache():
        with _recent_lock:
            first = _first_stale.setdefault(key, time.monotonic())
            if len(_first_stale) > 64:
                _first_stale.pop(next(iter(_first_stale)))
        if time.monotonic() - first > STALE_GRACE:
            return None
    return key


def served_key(network: Network, as_of: dt.date) -> str:
    """The key of the result :func:`analysis_for` serves now: the current one if it is
    there, else the last complete one while a newer one is computed.  Pictures drawn
    from a result and ETags are filed under it."""
    ident = _identity(network)
    exact = ident.key(as_of)
    pointer: dict[str, Any] | None = cache.get(ident.pointer(as_of))
    # a page drawn from a cached picture says how fresh it is as well
    if _lookup_exists(exact):
        if pointer and pointer.get("key") == exact and pointer.get("computed_at"):
            _note(pointer["computed_at"], False, int(pointer["version"]))
        return exact
    key = _stale_choice(ident, as_of)
    if key is None:
        return exact
    if pointer and pointer.get("computed_at"):
        _note(pointer["computed_at"], True, int(pointer["version"]))
    return key


def _lookup_exists(key: str) -> bool:
    with _recent_lock:
        if key in _recent:
            return True
    return _shared_cache() and bool(cache.has_key(key))


def analysis_for(
    network: Network, as_of: dt.date | None = None, *, fresh: bool = False
) -> Analysis:
    """The analysis of ``network`` as of ``as_of``, cached.  Without a date: today, by the
    one rule of :mod:`warmnet.insights.asof` (the result says when the records end long
    before it).

    After a write, the last complete result is served while the background worker
    computes the new one (stale-while-revalidate); ``fresh``: never that, compute for
    the current data version if it is not there (the worker itself, the command line).
    """
    day = as_of or timezone.localdate()
    ident = _identity(network)
    exact = ident.key(day)
    analysis = _lookup(exact)
    stale = False
    if analysis is None and not fresh:
        key = _stale_choice(ident, day)
        if key is not None:
            analysis = _lookup(key)
            if analysis is not None:
                stale = True
                from warmnet.insights.refresh import request_recompute

                request_recompute(network.pk, page=True, day=day)
    if analysis is None:
        analysis = _compute(network, as_of, day, ident)
    else:
        _remember(analysis.key or exact, analysis)
    _note_served(analysis, stale)
    return analysis


def _compute(network: Network, as_of: dt.date | None, day: dt.date, ident: _Identity) -> Analysis:
    data = load_network(network)
    settings_ = network_settings(network)
    # the seed (betweenness sampling; groups take settings.group_seed) is a constant:
    # results are a property of the data, never of the database id
    result = analyse(data, as_of=np.datetime64(day, "D"), settings=settings_, seed=0)
    when = resolve_as_of(network, as_of, settings_.stale_records_days)
    key = ident.key(day)
    analysis = Analysis(
        result=result,
        lookup=Lookup.of(data),
        as_of=day,
        day=when,
        key=key,
        version=ident.version,
        computed_at=timezone.now(),
    )
    if _shared_cache():
        cache.set(key, analysis, CACHE_SECONDS)
    _remember(key, analysis)
    _publish(ident, day, analysis)
    return analysis


def _publish(ident: _Identity, day: dt.date, analysis: Analysis) -> None:
    """Point at ``analysis`` as the last complete result for ``day`` (unless a newer one
    is pointed at already)."""
    pointer_key = ident.pointer(day)
    pointer: dict[str, Any] | None = cache.get(pointer_key)
    if pointer and int(pointer.get("version", -1)) > analysis.version:
        return
    cache.set(
        pointer_key,
        {"key": analysis.key, "version": analysis.version, "computed_at": analysis.computed_at},
        CACHE_SECONDS,
    )


def background_days(today: dt.date | None = None) -> list[dt.date]:
    """The as-of days the background run computes: today and the trend days."""
    today = today or timezone.localdate()
    return [today, *(today - dt.timedelta(days=d) for d in TREND_OFFSETS)]
