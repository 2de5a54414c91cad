"""Analysis results for views, the command line and the API alike.

A result is computed from :func:`~warmnet.insights.loader.load_network` by the
engine and cached under the network's data version, so any write (which bumps
the version) makes the next request compute afresh, and repeated page views
cost one cache read.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json

import numpy as np
from django.core.cache import cache
from django.utils import timezone

from warmnet.engine import AnalysisResult, AnalysisSettings, analyse
from warmnet.insights.loader import load_network
from warmnet.network.models import Network

__all__ = ["analysis_for", "cache_key", "network_settings"]

CACHE_SECONDS = 24 * 3600


def network_settings(network: Network) -> AnalysisSettings:
    """The network's thresholds: documented defaults with its own overrides
    (raises ``SettingsError`` naming a bad override)."""
    return AnalysisSettings.from_dict(network.analysis_settings or {})


def cache_key(network: Network, as_of: dt.date) -> str:
    version, overrides = Network.objects.values_list("data_version", "analysis_settings").get(
        pk=network.pk
    )
    digest = hashlib.sha1(
        json.dumps(overrides or {}, sort_keys=True).encode(), usedforsecurity=False
    ).hexdigest()[:12]
    return f"warmnet:analysis:1:{network.pk}:{version}:{as_of.isoformat()}:{digest}"


def analysis_for(network: Network, as_of: dt.date | None = None) -> AnalysisResult:
    """The analysis of ``network`` as of ``as_of`` (today when not given), cached."""
    day = as_of or timezone.localdate()
    key = cache_key(network, day)
    result = cache.get(key)
    if result is None:
        result = analyse(
            load_network(network),
            as_of=np.datetime64(day, "D"),
            settings=network_settings(network),
            seed=network.pk,
        )
        cache.set(key, result, CACHE_SECONDS)
    return result
