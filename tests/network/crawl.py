"""Helpers to walk every URL pattern of the project."""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

from django.urls import URLPattern, URLResolver, get_resolver

NETWORK_PREFIX = "n/<slug:network>/"


@dataclass
class Route:
    pattern: str  # e.g. "n/<slug:network>/members/<int:pk>/edit/"
    name: str
    callback: Any

    @property
    def params(self) -> list[tuple[str, str]]:
        return re.findall(r"<(?:(\w+):)?(\w+)>", self.pattern)

    def url(self, **values: Any) -> str:
        def fill(match: re.Match[str]) -> str:
            return str(values[match.group(2)])

        return "/" + re.sub(r"<(?:(\w+):)?(\w+)>", fill, self.pattern)


def _as_route(pattern: str) -> str:
    """A re_path pattern in path()'s form: '^x/(?P<fmt>a|b)/$' -> 'x/<str:fmt>/'."""
    pattern = re.sub(r"\(\?P<(\w+)>[^)]*\)", r"<str:\1>", pattern)
    return pattern.lstrip("^").rstrip("$")


def all_routes() -> Iterator[Route]:
    def walk(resolvers: list[Any], prefix: str, namespace: str) -> Iterator[Route]:
        for entry in resolvers:
            pattern = prefix + _as_route(str(entry.pattern))
            if isinstance(entry, URLResolver):
                ns = namespace
                if entry.namespace:
                    ns = f"{namespace}:{entry.namespace}" if namespace else entry.namespace
                yield from walk(entry.url_patterns, pattern, ns)
            elif isinstance(entry, URLPattern):
                name = f"{namespace}:{entry.name}" if namespace else (entry.name or "")
                yield Route(pattern, name, entry.callback)

    yield from walk(get_resolver().url_patterns, "", "")


def network_routes() -> list[Route]:
    return [r for r in all_routes() if r.pattern.startswith(NETWORK_PREFIX)]
