"""axe-core in a Playwright page: the accessibility violations that matter most.

axe-core (MPL-2.0) is vendored from npm under ``tests/browser/vendor/axe-core/`` (tests
only).  It is evaluated in the page through the browser's debugging protocol, so the
page's content security policy does not stop it.

``serious_violations(page)`` runs every rule axe-core enables by default (WCAG 2.0-2.2
A and AA, and its best practices) on the page as it is now and returns the violations
of impact serious or critical, each ``{"id", "impact", "help", "targets"}``: an empty
list is a pass.  ``describe`` makes them readable in an assertion message.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

AXE = Path(__file__).resolve().parent / "vendor" / "axe-core" / "axe.min.js"
SEVERE = ("serious", "critical")
WCAG_AA = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"]


def _run(page: Any, context: str | None, tags: list[str] | None) -> list[dict[str, Any]]:
    if not page.evaluate("() => typeof window.axe !== 'undefined'"):
        page.evaluate(AXE.read_text(encoding="utf-8"))
    return page.evaluate(  # type: ignore[no-any-return]
        """async ([context, tags]) => {
            const options = {resultTypes: ["violations"]};
            if (tags) options.runOnly = {type: "tag", values: tags};
            const found = await axe.run(context || document, options);
            return found.violations.map(v => ({
                id: v.id, impact: v.impact, help: v.help,
                targets: v.nodes.map(n => n.target.join(" ")).slice(0, 10),
            }));
        }""",
        [context, tags],
    )


def serious_violations(page: Any, context: str | None = None) -> list[dict[str, Any]]:
    """Violations of impact serious or critical on ``page`` (within ``context``, a CSS
    selector, when given), by every rule axe-core enables by default."""
    return [v for v in _run(page, context, None) if v["impact"] in SEVERE]


def axe_violations(page: Any, impacts: tuple[str, ...] = SEVERE) -> list[dict[str, Any]]:
    """The page's violations of the WCAG 2.x A and AA rules, of the given impacts."""
    return [v for v in _run(page, None, WCAG_AA) if v["impact"] in impacts]


def describe(violations: list[dict[str, Any]]) -> str:
    """A readable list for an assertion message."""
    return "\n".join(
        f"{v['impact']}: {v['id']} ({v['help']}) at {v['targets']}" for v in violations
    )
