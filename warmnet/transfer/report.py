"""What an import found and did: counts per entity, and every problem by place."""

from __future__ import annotations

from dataclasses import dataclass, field

from django.utils.translation import gettext as _

__all__ = ["MAX_KEPT", "Counts", "ImportReport", "Problem", "Problems"]

#: Problems kept in full; beyond this they are only counted, so a file that is wrong on
#: every one of two million rows cannot exhaust memory.
MAX_KEPT = 5_000
_VALUE_SHOWN = 80


@dataclass(frozen=True)
class Problem:
    file: str
    sheet: str
    line: int | None
    column: str
    value: str
    reason: str

    @property
    def place(self) -> str:
        parts = [self.file]
        if self.sheet:
            parts.append(_("sheet %(sheet)s") % {"sheet": self.sheet})
        if self.line is not None:
            parts.append(_("line %(line)s") % {"line": self.line})
        if self.column:
            parts.append(_("column %(column)s") % {"column": self.column})
        return ", ".join(parts)

    def __str__(self) -> str:
        value = f" {self.value!r}" if self.value else ""
        return f"{self.place}:{value} {self.reason}"


@dataclass
class Problems:
    """A bounded list of problems that still counts every one."""

    kept: list[Problem] = field(default_factory=list)
    total: int = 0

    def add(
        self,
        file: str,
        sheet: str,
        line: int | None,
        column: str,
        value: object,
        reason: str,
    ) -> None:
        self.total += 1
        if len(self.kept) < MAX_KEPT:
            shown = "" if value is None else str(value)
            if len(shown) > _VALUE_SHOWN:
                shown = shown[: _VALUE_SHOWN - 1] + "…"
            self.kept.append(Problem(file, sheet, line, column, shown, str(reason)))

    def __bool__(self) -> bool:
        return self.total > 0


@dataclass
class Counts:
    created: int = 0
    updated: int = 0
    unchanged: int = 0

    @property
    def total(self) -> int:
        return self.created + self.updated + self.unchanged


@dataclass
class ImportReport:
    dry_run: bool
    counts: dict[str, Counts] = field(default_factory=dict)
    errors: Problems = field(default_factory=Problems)
    warnings: Problems = field(default_factory=Problems)
    #: the entity labels, in the order they were planned, for display
    labels: dict[str, str] = field(default_factory=dict)
    #: seconds per stage ("read and check", "write"), for the curious and the benchmark
    timings: dict[str, float] = field(default_factory=dict)

    @property
    def ok(self) -> bool:
        return not self.errors

    @property
    def changed(self) -> bool:
        return any(c.created or c.updated for c in self.counts.values())

    def rows(self) -> list[tuple[str, Counts]]:
        return [(self.labels.get(key, key), c) for key, c in self.counts.items() if c.total]

    def summary(self) -> str:
        parts = [
            _("%(entity)s: %(created)s new, %(updated)s updated, %(unchanged)s unchanged")
            % {
                "entity": label,
                "created": c.created,
                "updated": c.updated,
                "unchanged": c.unchanged,
            }
            for label, c in self.rows()
        ]
        return "; ".join(parts) or _("nothing to import")

    def as_text(self) -> str:
        lines: list[str] = []
        if self.errors:
            lines.append(
                _("%(count)s problem(s) found; nothing was saved.") % {"count": self.errors.total}
            )
            lines.extend(f"  {p}" for p in self.errors.kept)
            hidden = self.errors.total - len(self.errors.kept)
            if hidden:
                lines.append("  " + _("… and %(count)s more.") % {"count": hidden})
            return "\n".join(lines)
        heading = _("Dry run, nothing saved:") if self.dry_run else _("Imported:")
        lines.append(heading)
        for label, c in self.rows():
            lines.append(
                "  "
                + _("%(entity)s: %(created)s new, %(updated)s updated, %(unchanged)s unchanged")
                % {
                    "entity": label,
                    "created": c.created,
                    "updated": c.updated,
                    "unchanged": c.unchanged,
                }
            )
        if not self.rows():
            lines.append("  " + _("nothing to import"))
        for warning in self.warnings.kept:
            lines.append("  " + _("Note: %(warning)s") % {"warning": warning})
        return "\n".join(lines)
