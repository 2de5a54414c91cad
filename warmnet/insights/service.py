"""Analysis results for views, the command line and the API alike.

A result is computed from :func:`~warmnet.insights.loader.load_network` by the
engine and cached under the network's data version.  The last few results stay
in this process's memory as they are; a shared cache (Redis, with ``REDIS_URL``) lets
other processes reuse them, an analysis there apart from its two tie matrices, which
pages fetch only when they read them (:class:`_SharedResult`).

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
import dataclasses
import datetime as dt
import hashlib
import json
import logging
import threading
import time
from collections import OrderedDict
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from typing import Any

import numpy as np
import scipy.sparse as sp
from django.conf import settings
from django.core.cache import cache
from django.utils import timezone

from warmnet.engine import AnalysisResult, AnalysisSettings, NetworkData, analyse
from warmnet.engine.calendar import local_days
from warmnet.engine.data import AttendanceStatus
from warmnet.engine.frame import frame
from warmnet.engine.trend import TrendFigures, inputs_digest, trend_figures
from warmnet.insights.asof import AsOf, resolve_as_of
from warmnet.insights.loader import load_network, row_positions
from warmnet.network.models import Network

log = logging.getLogger(__name__)
__all__ = [
    "TREND_OFFSETS",
    "Analysis",
    "AsOf",
    "Freshness",
    "Lookup",
    "Prepared",
    "Trend",
    "analysis_for",
    "background_days",
    "cache_key",
    "compute_trends",
    "forget_recent",
    "freshness",
    "network_scope",
    "network_settings",
    "prepare",
    "reset_freshness",
    "served_key",
    "share_all",
    "trend_days",
    "trend_for",
]

CACHE_SECONDS = 24 * 3600
#: A result another one replaced for its day stays this long in the shared cache.
SUPERSEDED_SECONDS = 120
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


def _keep(store: OrderedDict[str, Any], key: str, value: Any, limit: int) -> None:
    """Keep ``value`` in one of this process's stores, the least recently kept out first."""
    with _recent_lock:
        store[key] = value
        store.move_to_end(key)
        while len(store) > limit:
            store.popitem(last=False)


def _remember(key: str, analysis: Analysis) -> None:
    _keep(_recent, key, analysis, RECENT)


def forget_recent() -> None:
    """Drop this process's copies (tests; memory pressure)."""
    with _recent_lock:
        _recent.clear()
        _recent_trends.clear()
        _by_inputs.clear()
        _loaded.clear()
        _first_stale.clear()


def _lookup(key: str, store: OrderedDict[str, Any] | None = None) -> Any:
    """The result filed under ``key``: this process's copy (in ``store``, by default the
    analyses), else the shared cache's."""
    with _recent_lock:
        found = (_recent if store is None else store).get(key)
    if found is None and _shared_cache():
        found = cache.get(key)
    return found


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
    #: Per dossier id, the ids of the members who attended one of its activities up to
    #: the day (the member map's dossier filter); None in a result made without it.
    dossier_members: dict[int, list[int]] | None = None
    #: Per member row, the start of the last activity they attended or accepted up to
    #: ``computed_at`` (``NaT``: none); None in a result made without it.
    last_seen: np.ndarray | None = None


@dataclass(frozen=True)
class Trend:
    """The trend figures of one day (see :mod:`warmnet.engine.trend`), filed like an
    analysis: under the data version they were computed for."""

    figures: TrendFigures
    as_of: dt.date
    key: str = ""
    version: int = 0
    computed_at: dt.datetime | None = None

    @property
    def index(self) -> float:
        return self.figures.index

    @property
    def active_members(self) -> int:
        return self.figures.active_members


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


def _note_served(analysis: Analysis | Trend, stale: bool) -> None:
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

    def key(self, as_of: dt.date, kind: str = "") -> str:
        """``kind``: "" for the analysis, :data:`TREND` for the trend figures."""
        # created_at tells apart two networks that got the same id (SQLite may reuse one)
        return (
            f"warmnet:analysis:3:{self.pk}:{self.created:.6f}:{self.version}:"
            f"{as_of.isoformat()}:{self.digest}{kind}"
        )

    def pointer(self, as_of: dt.date, kind: str = "") -> str:
        """Where the key of the last complete result for ``as_of`` is kept."""
        return (
            f"warmnet:analysis-latest:3:{self.pk}:{self.created:.6f}:"
            f"{as_of.isoformat()}:{self.digest}{kind}"
        )


def _identity(network: Network) -> _Identity:
    version, overrides, created = Network.objects.values_list(
        "data_version", "analysis_settings", "created_at"
    ).get(pk=network.pk)
    digest = hashlib.sha1(
        json.dumps(overrides or {}, sort_keys=True).encode(), usedforsecurity=False
    ).hexdigest()[:12]
    return _Identity(network.pk, created.timestamp(), int(version), digest)


def network_scope(network: Network) -> str:
    """What tells this network's cached pictures apart from every other network's, over
    all its data versions: its id, when it was made, and its settings."""
    ident = _identity(network)
    return f"{ident.pk}:{ident.created:.6f}:{ident.digest}"


def cache_key(network: Network, as_of: dt.date) -> str:
    """The key of the result for the network's current data version."""
    return _identity(network).key(as_of)


#: Per stale pointer key, when this process first served it (for ``STALE_GRACE``).
_first_stale: dict[str, float] = {}


def _stale_choice(ident: _Identity, as_of: dt.date, kind: str = "") -> str | None:
    """The key of the last complete result to serve while a newer one is computed, or
    None (there is none, or, without a shared cache, it has been stale too long)."""
    pointer: dict[str, Any] | None = cache.get(ident.pointer(as_of, kind))
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
        _share(ident, analysis)
    else:
        _remember(analysis.key or exact, analysis)
    _note_served(analysis, stale)
    return analysis


#: The last network loaded in this process, with the identity it was loaded for: a page
#: that computes an analysis and the trend figures beside it loads the records once.
_loaded: list[tuple[tuple[int, float, int], NetworkData]] = []


def _data(network: Network, ident: _Identity) -> NetworkData:
    """The records of ``network`` at the data version of ``ident`` (loaded once)."""
    wanted = (ident.pk, ident.created, ident.version)
    with _recent_lock:
        if _loaded and _loaded[0][0] == wanted:
            return _loaded[0][1]
    data = load_network(network)
    if _identity(network).version == ident.version:  # nothing written while it loaded
        with _recent_lock:
            _loaded[:] = [(wanted, data)]
    return data


def _compute(
    network: Network,
    as_of: dt.date | None,
    day: dt.date,
    ident: _Identity,
    data: NetworkData | None = None,
    *,
    apart: bool = False,
) -> Analysis:
    """The analysis for ``ident``'s data version, kept in this process; :func:`_share`
    makes it what other processes and pages are served.  ``apart``: its groups are
    looked for in a helper process meanwhile (see :func:`prepare`)."""
    data = data if data is not None else _data(network, ident)
    settings_ = network_settings(network)
    # the seed (betweenness sampling; groups take settings.group_seed) is a constant:
    # results are a property of the data, never of the database id
    result = analyse(data, as_of=np.datetime64(day, "D"), settings=settings_, seed=0, apart=apart)
    when = resolve_as_of(network, as_of, settings_.stale_records_days)
    key = ident.key(day)
    computed_at = timezone.now()
    analysis = Analysis(
        result=result,
        lookup=Lookup.of(data),
        as_of=day,
        day=when,
        key=key,
        version=ident.version,
        computed_at=computed_at,
        dossier_members=_dossier_members(data, day, settings_.time_zone),
        last_seen=_last_seen(data, computed_at),
    )
    _remember(key, analysis)
    return analysis


def _share(ident: _Identity, found: Analysis | Trend, kind: str = "") -> None:
    """Make ``found`` (an analysis, or with ``kind`` :data:`TREND` trend figures) what
    every process serves for its day from now on."""
    if _shared_cache():
        if isinstance(found, Analysis):
            cache.set_many(
                {
                    found.key: dataclasses.replace(
                        found, result=_SharedResult.apart(found.result, found, ident.pk)
                    ),
                    found.key + LAYERS: (found.result.ties, found.result.familiarity),
                },
                CACHE_SECONDS,
            )
        else:
            cache.set(found.key, found, CACHE_SECONDS)
    _publish(ident, found.as_of, found, kind)


#: Key suffix of an analysis's two tie matrices in the shared cache (see
#: :class:`_SharedResult`).
LAYERS = ":layers"


class _FetchedLayer:
    """A tie matrix of a :class:`_SharedResult`: fetched (both at once) when first read."""

    def __set_name__(self, owner: type, name: str) -> None:
        self.name = name

    def __get__(self, result: Any, owner: type | None = None) -> Any:
        if result is None:
            return self
        if self.name not in result.__dict__:
            result._layers()
        return result.__dict__[self.name]

    def __set__(self, result: Any, value: sp.csr_matrix) -> None:
        result.__dict__[self.name] = value


class _SharedResult(AnalysisResult):
    """An analysis result as the shared cache holds it: without its two tie matrices,
    which are kept under a key of their own and fetched when first read.

    On a network of 10,000 members the matrices are 121 of an analysis's 122 MB, and
    most pages (the dashboard, the lists, the organisation pages) never read them: a
    process that shows the new analysis after a recompute fetches about 1.5 MB instead
    of all of it.  The member page, the fault-line map and the map's table read them.
    Should the shared cache have let them go (memory pressure), they are computed again
    from the records, for the analysis's own day, settings and members.
    """

    @classmethod
    def apart(cls, result: AnalysisResult, analysis: Analysis, network_pk: int) -> _SharedResult:
        out = cls.__new__(cls)
        state = {k: v for k, v in vars(result).items() if k not in ("ties", "familiarity")}
        state["_layers_key"] = analysis.key + LAYERS
        state["_network_pk"] = network_pk
        state["_member_id"] = np.asarray(analysis.lookup.member_id, dtype=np.int64)
        out.__dict__.update(state)
        return out

    def _layers(self) -> None:
        found = cache.get(self.__dict__["_layers_key"])
        if found is None:
            found = self._computed_again()
        self.__dict__["ties"], self.__dict__["familiarity"] = found

    def _computed_again(self) -> tuple[Any, Any]:
        from warmnet.engine.ties import tie_matrices

        log.warning(
            "tie matrices gone from the cache: computed again (%s)", self.__dict__["_layers_key"]
        )
        network = Network.objects.get(pk=self.__dict__["_network_pk"])
        data = load_network(network)
        layers = tie_matrices(frame(data, self.as_of, self.settings))
        # the members of the analysis, in its rows; someone gone since has no ties
        at = row_positions(data.member_id, self.__dict__["_member_id"])
        kept = np.flatnonzero(at >= 0)
        pick = sp.csr_matrix(
            (np.ones(kept.size), (kept, at[kept])), shape=(at.size, data.member_id.size)
        )
        return tuple(  # type: ignore[return-value]
            (pick @ m @ pick.T).tocsr() for m in (layers.relational, layers.familiarity)
        )

    ties = _FetchedLayer()  # type: ignore[assignment]
    familiarity = _FetchedLayer()  # type: ignore[assignment]

    def __getstate__(self) -> dict[str, Any]:
        """Pickled (into the shared cache) without the matrices, even once read."""
        return {k: v for k, v in self.__dict__.items() if k not in ("ties", "familiarity")}

    def __setstate__(self, state: dict[str, Any]) -> None:
        self.__dict__.update(state)


def _dossier_members(data: NetworkData, day: dt.date, time_zone: str) -> dict[int, list[int]]:
    """For each dossier id, the ids of the members who attended one of its activities on
    or before ``day`` (local days in ``time_zone``)."""
    act = data.attendance_activity
    if not act.size:
        return {}
    dossier = data.activity_dossier[act]
    started = local_days(data.activity_start, time_zone)[act] <= np.datetime64(day, "D")
    keep = (data.attendance_status == AttendanceStatus.ATTENDED) & (dossier >= 0) & started
    m = max(data.n_members, 1)
    pairs = np.unique(dossier[keep] * m + data.attendance_member[keep])
    rows, members = np.divmod(pairs, m)
    ids = data.member_id[members]
    out: dict[int, list[int]] = {}
    bounds = np.flatnonzero(np.diff(rows)) + 1
    for chunk_rows, chunk_ids in zip(np.split(rows, bounds), np.split(ids, bounds), strict=True):
        if chunk_rows.size:
            out[int(data.dossier_id[chunk_rows[0]])] = sorted(chunk_ids.tolist())
    return out


def _last_seen(data: NetworkData, now: dt.datetime) -> np.ndarray:
    """Per member row, the start of the last activity (up to ``now``) they attended or
    accepted; ``NaT`` when none."""
    never = np.iinfo(np.int64).min
    out = np.full(data.n_members, never, dtype=np.int64)
    act = data.attendance_activity
    if act.size:
        start = data.activity_start[act].astype("datetime64[s]")
        status = data.attendance_status
        until = np.datetime64(int(now.timestamp()), "s")
        seen = (
            ((status == AttendanceStatus.ATTENDED) | (status == AttendanceStatus.ACCEPTED))
            & ~np.isnat(start)
            & (start <= until)
            & (data.attendance_member >= 0)
        )
        np.maximum.at(out, data.attendance_member[seen], start[seen].astype(np.int64))
    return np.where(out == never, np.datetime64("NaT", "s"), out.astype("datetime64[s]"))


def _publish(ident: _Identity, day: dt.date, found: Analysis | Trend, kind: str = "") -> None:
    """Point at ``found`` as the last complete result for ``day`` (unless a newer one
    is pointed at already)."""
    pointer_key = ident.pointer(day, kind)
    pointer: dict[str, Any] | None = cache.get(pointer_key)
    if pointer and int(pointer.get("version", -1)) > found.version:
        _retire(found.key)
        return
    cache.set(
        pointer_key,
        {"key": found.key, "version": found.version, "computed_at": found.computed_at},
        CACHE_SECONDS,
    )
    if pointer and pointer.get("key") not in (None, found.key):
        _retire(str(pointer["key"]))


def _retire(key: str) -> None:
    """Let a superseded result go from the shared cache soon: a page that read the old
    pointer a moment ago still finds it, but a large network's analyses (about 120 MB
    each) do not pile up for a day after every write."""
    if _shared_cache():
        cache.touch(key, SUPERSEDED_SECONDS)
        if not key.endswith(TREND):
            cache.touch(key + LAYERS, SUPERSEDED_SECONDS)


def background_days(today: dt.date | None = None) -> list[dt.date]:
    """The as-of days the background run analyses as a whole: today (the trend figures
    of :func:`trend_days` beside it)."""
    return [today or timezone.localdate()]


def trend_days(day: dt.date) -> list[dt.date]:
    """The days whose trend figures the dashboard of ``day`` shows (3 and 6 months before)."""
    return [day - dt.timedelta(days=d) for d in TREND_OFFSETS]


# -- trend figures -------------------------------------------------------------------

#: Key suffix of the trend figures beside an analysis.
TREND = ":trend"
#: Trend figures kept in this process: by key, and by the digest of their inputs.
_recent_trends: OrderedDict[str, Trend] = OrderedDict()
_by_inputs: OrderedDict[str, TrendFigures] = OrderedDict()
RECENT_TRENDS = 64


def trend_for(network: Network, day: dt.date, *, fresh: bool = False) -> Trend:
    """The trend figures of ``network`` as of ``day``, served like :func:`analysis_for`
    (the last complete ones while the worker computes new ones after a write)."""
    ident = _identity(network)
    exact = ident.key(day, TREND)
    trend = _lookup(exact, _recent_trends)
    if trend is None:
        whole = _lookup(ident.key(day))  # a whole analysis of that day holds them
        if whole is not None:
            trend = _trend_of(whole, exact)
    stale = False
    if trend is None and not fresh:
        key = _stale_choice(ident, day, TREND)
        if key is not None:
            trend = _lookup(key, _recent_trends)
            if trend is not None:
                stale = True
                from warmnet.insights.refresh import request_recompute

                request_recompute(network.pk, page=True, trend=day)
    if trend is None:
        (trend,) = compute_trends(network, [day], ident)
        _share(ident, trend, TREND)
    else:
        _keep(_recent_trends, trend.key or exact, trend, RECENT_TRENDS)
    _note_served(trend, stale)
    return trend


def _trend_of(analysis: Analysis, key: str) -> Trend:
    w = analysis.result.warmth
    return Trend(
        TrendFigures(float(w.index), int(w.active_members)),
        analysis.as_of,
        key,
        analysis.version,
        analysis.computed_at,
    )


def compute_trends(
    network: Network,
    days: list[dt.date],
    ident: _Identity | None = None,
    data: NetworkData | None = None,
) -> list[Trend]:
    """The trend figures of ``days`` for the current data version, kept in this process
    (:func:`share_all` shares them).  Figures whose inputs are unchanged since they were
    last computed (a write after that day) are reused, not computed again."""
    ident = ident or _identity(network)
    data = data if data is not None else _data(network, ident)
    settings_ = network_settings(network)
    out = []
    for day in days:
        fr = frame(data, np.datetime64(day, "D"), settings_)
        inputs = (
            f"warmnet:trend-inputs:1:{ident.pk}:{ident.created:.6f}:"
            f"{inputs_digest(fr, ident.digest)}"
        )
        figures = _lookup(inputs, _by_inputs)
        if figures is None:
            figures = trend_figures(fr)
            if _shared_cache():
                cache.set(inputs, figures, CACHE_SECONDS)
        _keep(_by_inputs, inputs, figures, RECENT_TRENDS)
        key = ident.key(day, TREND)
        trend = Trend(figures, day, key, ident.version, timezone.now())
        _keep(_recent_trends, key, trend, RECENT_TRENDS)
        out.append(trend)
    return out


# -- the background run --------------------------------------------------------------


@dataclass
class Prepared:
    """What a background run computed for one data version, not yet served."""

    ident: _Identity
    analyses: list[Analysis] = field(default_factory=list)
    trends: list[Trend] = field(default_factory=list)
    #: Seconds per part (load, analyses, trends), for the log.
    seconds: dict[str, float] = field(default_factory=dict)


def prepare(network: Network, days: list[dt.date], trends: list[dt.date]) -> Prepared:
    """Load the records once and compute the analyses of ``days`` and the trend figures
    of the days ``trends``, kept in this process until :func:`share_all`.  Leiden, the
    largest part of an analysis of a large network, runs in a helper process meanwhile
    (and while the caller draws the maps); a page of this process that reads the groups
    before then waits for them."""
    ident = _identity(network)
    start = time.perf_counter()
    data = _data(network, ident)  # kept: the replay months after it read the same records
    out = Prepared(ident)
    out.seconds["load"] = (lap := time.perf_counter()) - start
    with ThreadPoolExecutor(1, thread_name_prefix="warmnet-trends") as beside:
        later = beside.submit(_trends_beside, network, trends, ident, data)
        for day in days:  # groups found in a helper process while the rest goes on
            out.analyses.append(_compute(network, day, day, ident, data, apart=True))
        out.seconds["analyses"] = (start := time.perf_counter()) - lap
        out.trends = later.result()
    out.seconds["trends"] = time.perf_counter() - start  # what was left of them
    return out


def _trends_beside(
    network: Network, days: list[dt.date], ident: _Identity, data: NetworkData
) -> list[Trend]:
    """:func:`compute_trends` on a thread beside the analyses (its sparse products run
    without the interpreter lock), closing the thread's database connection after."""
    from django.db import connections

    try:
        return compute_trends(network, days, ident, data)
    finally:
        connections.close_all()


def share_all(prepared: Prepared) -> None:
    """Serve what :func:`prepare` computed, to every process (once their groups are
    there)."""
    start = time.perf_counter()
    for analysis in prepared.analyses:
        analysis.result.settle()
    prepared.seconds["waiting for groups"] = time.perf_counter() - start
    for analysis in prepared.analyses:
        _share(prepared.ident, analysis)
    for trend in prepared.trends:
        _share(prepared.ident, trend, TREND)
