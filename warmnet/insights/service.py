"""Analysis results for views, the command line and the API alike.

A result is computed from :func:`~warmnet.insights.loader.load_network` by the
engine and cached under the network's data version, so any write (which bumps
the version) makes the next request compute afresh.  The last few results stay
in this process's memory as they are (unpickling a large network's result costs
a page a fifth of a second); a shared cache (Redis, with ``REDIS_URL``) lets
other processes reuse them.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import threading
from collections import OrderedDict
from dataclasses import dataclass, field

import numpy as np
from django.conf import settings
from django.core.cache import cache
from django.utils import timezone

from warmnet.engine import AnalysisResult, AnalysisSettings, NetworkData, analyse
from warmnet.insights.asof import AsOf, resolve_as_of
from warmnet.insights.loader import load_network
from warmnet.network.models import Network

__all__ = [
    "Analysis",
    "AsOf",
    "Lookup",
    "analysis_for",
    "cache_key",
    "forget_recent",
    "network_settings",
]

CACHE_SECONDS = 24 * 3600
#: Results kept in this process, most recent first out last.
RECENT = 4

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


def network_settings(network: Network) -> AnalysisSettings:
    """The network's thresholds: documented defaults with its own overrides
    (raises ``SettingsError`` naming a bad override)."""
    return AnalysisSettings.from_dict(network.analysis_settings or {})


def cache_key(network: Network, as_of: dt.date) -> str:
    version, overrides, created = Network.objects.values_list(
        "data_version", "analysis_settings", "created_at"
    ).get(pk=network.pk)
    digest = hashlib.sha1(
        json.dumps(overrides or {}, sort_keys=True).encode(), usedforsecurity=False
    ).hexdigest()[:12]
    # created_at tells apart two networks that got the same id (SQLite may reuse one)
    return (
        f"warmnet:analysis:2:{network.pk}:{created.timestamp():.6f}:{version}:"
        f"{as_of.isoformat()}:{digest}"
    )


def analysis_for(network: Network, as_of: dt.date | None = None) -> Analysis:
    """The analysis of ``network`` as of ``as_of``, cached.  Without a date: today, by the
    one rule of :mod:`warmnet.insights.asof` (the result says when the records end long
    before it)."""
    day = as_of or timezone.localdate()
    key = cache_key(network, day)
    with _recent_lock:
        analysis = _recent.get(key)
    if analysis is None and _shared_cache():
        analysis = cache.get(key)
    if analysis is None:
        data = load_network(network)
        settings_ = network_settings(network)
        # the seed (betweenness sampling; groups take settings.group_seed) is a constant:
        # results are a property of the data, never of the database id
        result = analyse(data, as_of=np.datetime64(day, "D"), settings=settings_, seed=0)
        when = resolve_as_of(network, as_of, settings_.stale_records_days)
        analysis = Analysis(result=result, lookup=Lookup.of(data), as_of=day, day=when)
        if _shared_cache():
            cache.set(key, analysis, CACHE_SECONDS)
    _remember(key, analysis)
    return analysis
