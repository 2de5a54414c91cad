"""The member map as JSON for the browser: columns of numbers and names, no markup.

Sent from its own URL (never inline script), cached as bytes with the map itself.
"""

from __future__ import annotations

import datetime as dt
import json

import numpy as np
from django.core.cache import cache

from warmnet.maps.member_map import CACHE_SECONDS, MemberMap, member_map, member_map_key
from warmnet.network.models import Network

__all__ = ["map_json", "map_json_for", "node_sizes"]


#: Beyond this many members the markers are drawn smaller, so the picture is not a carpet.
CROWD = 2000


def node_sizes(strength: np.ndarray) -> np.ndarray:
    """Marker radius in pixels at the whole-map zoom (the browser enlarges them as one
    zooms in): larger for members with more (and stronger) ties."""
    top = float(strength.max()) if strength.size else 0.0
    rel = np.sqrt(strength / top) if top > 0 else np.zeros(strength.size)
    low, span = (2.5, 7.5) if strength.size <= CROWD else (1.5, 3.5)
    return np.round(low + span * rel, 2)


def map_json_for(network: Network, as_of: dt.date) -> bytes:
    """The JSON of the map of ``network`` on ``as_of``; when it is cached, without
    loading the map itself."""
    body = cache.get(_json_key(member_map_key(network, as_of)))
    return body if body is not None else map_json(member_map(network, as_of))


def _json_key(map_key: str) -> str:
    return f"{map_key}:json:2"


def map_json(picture: MemberMap) -> bytes:
    key = _json_key(picture.key)
    body = cache.get(key)
    if body is None:
        body = json.dumps(_payload(picture), separators=(",", ":"), ensure_ascii=False).encode()
        cache.set(key, body, CACHE_SECONDS)
    return body


def _payload(picture: MemberMap) -> dict[str, object]:
    layers = [entry for entry in picture.layers]
    source = np.concatenate([e.source for e in layers]) if layers else np.zeros(0)
    target = np.concatenate([e.target for e in layers]) if layers else np.zeros(0)
    strength = np.concatenate([e.strength for e in layers]) if layers else np.zeros(0)
    layer = np.concatenate([np.full(e.source.size, i) for i, e in enumerate(layers)])
    return {
        "asOf": picture.as_of.isoformat(),
        "warmThreshold": picture.warm_threshold,
        "strongThreshold": picture.strong_threshold,
        "nodes": {
            "id": picture.pk.tolist(),
            "label": picture.name,
            "org": picture.org.tolist(),
            "x": picture.x.tolist(),
            "y": picture.y.tolist(),
            "size": node_sizes(picture.strength).tolist(),
            "warm": picture.warm_ties.tolist(),
            "ties": picture.ties.tolist(),
        },
        "orgs": [
            {
                "id": o.pk,
                "name": o.name,
                "colour": o.style.colour,
                "shape": o.style.shape,
                "own": o.style.own,
                "count": o.count,
            }
            for o in picture.orgs
        ],
        "layers": [
            {
                "key": e.layer.key,
                "available": e.available,
                "total": e.total,
                "warm": e.warm,
                "sent": int(e.source.size),
            }
            for e in layers
        ],
        "edges": {
            "source": source.astype(int).tolist(),
            "target": target.astype(int).tolist(),
            "strength": np.round(strength, 3).tolist(),
            "layer": layer.astype(int).tolist(),
        },
        "dossiers": {str(k): v.tolist() for k, v in picture.dossiers.items()},
    }
