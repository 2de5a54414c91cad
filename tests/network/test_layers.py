"""The house: warmnet.network is the ground floor (models, scoping, editing).  Nothing in
it may import the floors above, the analysis (insights), its pages (dashboard) or the
maps; those import the network, never the other way round."""

from __future__ import annotations

import ast
from pathlib import Path

from django.urls import resolve, reverse

import warmnet.network

UPSTAIRS = ("warmnet.dashboard", "warmnet.maps", "warmnet.insights")


def _imports(source: str, package: str) -> list[tuple[int, str]]:
    """Every module a file of ``package`` imports, at any depth (local imports too)."""
    found = []
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, ast.Import):
            found += [(node.lineno, alias.name) for alias in node.names]
        elif isinstance(node, ast.ImportFrom):
            module = node.module or ""
            if node.level:
                parts = package.split(".")
                base = parts[: len(parts) - node.level + 1]
                module = ".".join([*base, module] if module else base)
            found.append((node.lineno, module))
            found += [(node.lineno, f"{module}.{alias.name}") for alias in node.names]
    return found


def upward_imports() -> list[str]:
    root = Path(warmnet.network.__file__).parent
    top = root.parent.parent
    out = []
    for path in sorted(root.rglob("*.py")):
        package = ".".join(path.relative_to(top).parts[:-1])
        out += [
            f"{path.relative_to(top)}:{line} imports {module}"
            for line, module in _imports(path.read_text(), package)
            if module.startswith(UPSTAIRS)
        ]
    return out


def test_the_network_imports_nothing_from_the_floors_above() -> None:
    assert upward_imports() == []


def test_the_scan_sees_local_and_relative_imports() -> None:
    local = "def f():\n    from warmnet.maps.people import member_insights\n"
    assert "warmnet.maps.people" in [m for _l, m in _imports(local, "warmnet.network.views")]
    relative = "from ..dashboard import views\nfrom . import scoping\n"
    found = [m for _l, m in _imports(relative, "warmnet.network")]
    assert "warmnet.dashboard" in found
    assert "warmnet.network.scoping" in found


def test_the_pages_that_moved_keep_their_addresses() -> None:
    assert reverse("network:overview", args=["n1"]) == "/n/n1/"
    assert reverse("network:member_detail", args=["n1", 7]) == "/n/n1/members/7/"
    assert resolve("/n/n1/").func.__module__ == "warmnet.dashboard.views"
    assert resolve("/n/n1/members/7/").func.__module__ == "warmnet.dashboard.member"
    assert resolve("/n/n1/members/7/edit/").func.__module__ == "warmnet.network.views.members"
