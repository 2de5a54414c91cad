"""axe-core in a Playwright page: the accessibility violations that matter most.

``serious_violations(page)`` injects the vendored axe-core (``tests/browser/vendor``, tests
only) into the page as it is now, runs it, and returns the violations of impact serious or
critical, each as ``{"id", "impact", "help", "targets"}``: an empty list is a pass.  The
script is evaluated through the browser's debugging protocol, which the page's content
security policy (script-src 'self') does not govern, so pages are checked as served.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

AXE = Path(__file__).resolve().parent / "vendor" / "axe.min.js"
SEVERE = ("serious", "critical")


def serious_violations(page: Any, context: str | None = None) -> list[dict[str, Any]]:
    """Violations of impact serious or critical on ``page`` (within ``context``, a CSS
    selector, when given)."""
    if not page.evaluate("typeof window.axe !== 'undefined'"):
        page.evaluate(AXE.read_text(encoding="utf-8"))
    result = page.evaluate(
        """async (context) => {
            const found = await axe.run(context || document, {resultTypes: ["violations"]});
            return found.violations.map(v => ({
                id: v.id, impact: v.impact, help: v.help,
                targets: v.nodes.map(n => n.target.join(" ")).slice(0, 10),
            }));
        }""",
        context,
    )
    return [v for v in result if v["impact"] in SEVERE]


def describe(violations: list[dict[str, Any]]) -> str:
    """A readable list for an assertion message."""
    return "\n".join(
        f"{v['impact']}: {v['id']} ({v['help']}) at {v['targets']}" for v in violations
    )
