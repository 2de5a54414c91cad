"""Every operation of the API, to walk them all in the isolation tests."""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from warmnet.api.api import api


@dataclass(frozen=True)
class Operation:
    method: str
    path: str  # e.g. "/networks/{network}/activities/{id}"
    view: Callable[..., Any]

    @property
    def params(self) -> list[str]:
        return re.findall(r"{(\w+)}", self.path)

    @property
    def is_write(self) -> bool:
        return self.method != "GET"

    def url(self, **values: Any) -> str:
        return "/api/v1" + re.sub(r"{(\w+)}", lambda m: str(values[m.group(1)]), self.path)


def operations() -> list[Operation]:
    api.urls  # noqa: B018 (binds the routers)
    return [
        Operation(method, path, op.view_func)
        for router in api._get_bound_routers()
        for path, view in router.path_operations.items()
        for op in view.operations
        for method in op.methods
    ]
