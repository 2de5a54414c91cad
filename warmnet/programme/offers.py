"""Which suggestions and signals of an analysis are still open, and what came of the rest.

A suggestion is named across analyses by its *key*: its kind, the sorted ids of
its people and of the organisations it is about.  The URL of "plan this" carries
only an opaque id derived from that key with the site's secret; the names and
the reasoning stay on the server.  A suggestion is not offered again while:

* it is planned and its activity is still to come, or took place less than
  ``REST_DAYS`` ago (then it is *done*);
* it was dismissed "not now" less than ``NOT_NOW_DAYS`` ago; or for good with
  another reason.

A signal's key is its kind and subject; its *fingerprint* is a digest of its
evidence.  An acknowledged signal stays folded until the fingerprint changes.

A running series (``warmnet.programme.series``) with an activity to come speaks
for itself: while one of a relationship kind runs, "no relationship activity
for N weeks" is not raised on the dashboard (:func:`series_covered`), and a
suggestion to bring people together in an activity of a kind a running series
already brings them together in is not offered.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
from collections.abc import Iterable
from dataclasses import dataclass

from django.utils import timezone
from django.utils.crypto import salted_hmac

from warmnet.engine.data import ActivityKind as EngineKind
from warmnet.engine.signals import Signal, SignalKind
from warmnet.engine.suggestions import Suggestion, SuggestionType
from warmnet.engine.texts import Message
from warmnet.insights.service import Analysis, Lookup
from warmnet.network.models import Network
from warmnet.programme.models import (
    DismissReason,
    SignalAcknowledgement,
    SuggestionRecord,
    SuggestionState,
)
from warmnet.programme.series import covers_relationship, invitees, running_series

__all__ = [
    "NOT_NOW_DAYS",
    "REST_DAYS",
    "Offer",
    "acknowledged",
    "find_offer",
    "offers",
    "series_covered",
    "signal_fingerprint",
    "signal_key",
    "state_of",
    "suggestion_key",
]

#: A done suggestion rests this long after its activity before it may come back.
REST_DAYS = 90
#: "Not now" hides a suggestion this long.
NOT_NOW_DAYS = 60


def _organisations(s: Suggestion, lookup: Lookup) -> list[int]:
    if s.type is SuggestionType.BRIDGE_ORGANISATIONS:
        return sorted({lookup.org_id[lookup.member_org[r]] for r in s.invitees.tolist()})
    if s.subject.kind == "organisation" and 0 <= s.subject.row < len(lookup.org_id):
        return [lookup.org_id[s.subject.row]]
    return []


def suggestion_key(s: Suggestion, lookup: Lookup) -> str:
    members = sorted(lookup.member_id[r] for r in s.invitees.tolist())
    raw = f"{s.type.value}|{','.join(map(str, members))}|{','.join(map(str, _organisations(s, lookup)))}"  # noqa: E501
    return hashlib.sha256(raw.encode()).hexdigest()


def public_id(key: str) -> str:
    """The opaque id of a suggestion in URLs: it cannot be turned back into people."""
    return salted_hmac("warmnet.programme.suggestion", key, algorithm="sha256").hexdigest()[:24]


@dataclass(frozen=True)
class Offer:
    suggestion: Suggestion
    key: str
    id: str


def state_of(record: SuggestionRecord, now: dt.datetime) -> str:
    """The state as it stands now: a planned suggestion whose activity is over is done;
    one whose activity was deleted is open again."""
    if record.state == SuggestionState.PLANNED:
        if record.activity is None:
            return SuggestionState.OPEN
        if record.activity.end <= now:
            return SuggestionState.DONE
    return record.state


def _hides(record: SuggestionRecord, now: dt.datetime) -> bool:
    state = state_of(record, now)
    if state == SuggestionState.PLANNED:
        return True
    if state == SuggestionState.DONE:
        end = record.activity.end if record.activity is not None else record.decided_at
        return now - end < dt.timedelta(days=REST_DAYS)
    if state == SuggestionState.DISMISSED:
        if record.dismiss_reason == DismissReason.NOT_NOW:
            return now - record.decided_at < dt.timedelta(days=NOT_NOW_DAYS)
        return True
    return False


def _latest(network: Network, keys: Iterable[str]) -> dict[str, SuggestionRecord]:
    records = SuggestionRecord.objects.filter(network=network, key__in=list(keys)).select_related(
        "activity"
    )
    latest: dict[str, SuggestionRecord] = {}
    for r in records.order_by("decided_at", "id"):
        latest[r.key] = r
    return latest


def offers(network: Network, analysis: Analysis, now: dt.datetime | None = None) -> list[Offer]:
    """The analysis's suggestions that are open, in the engine's order."""
    now = now or timezone.now()
    keyed = [(s, suggestion_key(s, analysis.lookup)) for s in analysis.result.suggestions]
    latest = _latest(network, (k for _s, k in keyed))
    # a running series of a kind brings its invitees together already
    together: dict[int, list[set[int]]] = {}
    for series in running_series(network, now):
        together.setdefault(series.kind, []).append({m.pk for m in invitees(series)})
    out, seen = [], set()
    for s, key in keyed:
        if key in seen or (key in latest and _hides(latest[key], now)):
            continue
        people = {analysis.lookup.member_id[r] for r in s.invitees.tolist()}
        kind = int(EngineKind(s.activity_kind))
        if any(people <= group for group in together.get(kind, [])):
            continue
        seen.add(key)
        out.append(Offer(s, key, public_id(key)))
    return out


def find_offer(network: Network, analysis: Analysis, offer_id: str) -> Offer | None:
    return next((o for o in offers(network, analysis) if o.id == offer_id), None)


def _params(message: Message) -> dict[str, object]:
    return {"key": message.key, "params": dict(message.params)}


def signal_key(signal: Signal, lookup: Lookup) -> str:
    subject = signal.subject
    ids = {"member": lookup.member_id, "organisation": lookup.org_id, "point": lookup.point_id}
    if subject.kind in ids and 0 <= subject.row < len(ids[subject.kind]):
        ident = str(ids[subject.kind][subject.row])
    elif subject.kind == "milestone":
        ident = str(signal.message.params.get("milestone", ""))
    else:
        ident = ""
    return f"{signal.kind.value}:{subject.kind}:{ident}"[:200]


def signal_fingerprint(signal: Signal) -> str:
    evidence = [_params(signal.message), *(_params(e) for e in signal.evidence)]
    raw = json.dumps(evidence, sort_keys=True, default=str)
    return hashlib.sha256(raw.encode()).hexdigest()


def acknowledged(network: Network, analysis: Analysis) -> set[int]:
    """Positions (in ``analysis.result.signals``) of the signals acknowledged with the
    evidence they still have."""
    acks = dict(
        SignalAcknowledgement.objects.filter(network=network).values_list("key", "fingerprint")
    )
    if not acks:
        return set()
    return {
        i
        for i, s in enumerate(analysis.result.signals)
        if acks.get(signal_key(s, analysis.lookup)) == signal_fingerprint(s)
    }


def series_covered(
    network: Network, analysis: Analysis, now: dt.datetime | None = None
) -> set[int]:
    """Positions (in ``analysis.result.signals``) of the signals a running series answers:
    "no relationship activity" while a relationship series has an activity to come."""
    if not covers_relationship(running_series(network, now)):
        return set()
    return {
        i for i, s in enumerate(analysis.result.signals) if s.kind is SignalKind.RELATIONSHIP_GAP
    }
