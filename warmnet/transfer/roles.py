"""Who may set roles and end memberships through an import: the same rule as the forms.

Only coordinators (and the command line, an operator's tool) change a member's role
or leaving date; a core-team member's import may add members (as participants) and
change other columns.  Whoever imports, the network keeps at least one coordinator
who has not left.
"""

from __future__ import annotations

from typing import Any

from django.utils.translation import gettext as _

from warmnet.network.models import Role
from warmnet.transfer.rows import RowReader

__all__ = ["check_member_change", "check_new_member", "keeps_a_coordinator"]


def _refuse(row: RowReader, column: str, value: Any) -> None:
    row.error(column, value, _("Only a coordinator changes roles and ends memberships."))


def check_new_member(row: RowReader, values: dict[str, Any]) -> None:
    if values["role"] != Role.PARTICIPANT:
        _refuse(row, "role", row.text("role"))
    if values["left_on"] is not None:
        _refuse(row, "left_on", values["left_on"])


def check_member_change(row: RowReader, diff: dict[str, Any]) -> None:
    if "role" in diff:
        _refuse(row, "role", row.text("role"))
    if "left_on" in diff:
        _refuse(row, "left_on", diff["left_on"])


def keeps_a_coordinator(before: list[tuple[Any, ...] | None], changes: Any) -> bool:
    """Whether a network that had a coordinator without a leaving date still has one
    after the planned member changes (rows: name, org, email, role, joined, left)."""

    def active(role: Any, left: Any) -> bool:
        return role == Role.COORDINATOR and left is None

    had = any(row is not None and active(row[3], row[5]) for row in before)
    if not had:
        return True
    final = {ref: (row[3], row[5]) for ref, row in enumerate(before) if row is not None}
    for pk, diff in changes.update:
        ref = changes.index.ref(pk)
        role, left = final[ref]
        final[ref] = (diff.get("role", role), diff.get("left_on", left))
    for _ref, values in changes.create:
        final[_ref] = (values[3], values[5])
    return any(active(role, left) for role, left in final.values())
