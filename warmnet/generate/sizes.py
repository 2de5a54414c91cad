"""How big a generated network is: named presets and custom sizes."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, fields, replace

import numpy as np

__all__ = ["SIZES", "Size", "SizeError", "resolve_size"]


class SizeError(ValueError):
    """A size name is unknown or a custom size has a bad field."""


@dataclass(frozen=True)
class Size:
    organisations: int
    members: int
    #: Activities, the planned ones of the weeks after the story's end included.
    activities: int
    years: float
    #: Attendance rows to aim for (invited, accepted, declined, attended); None: whatever the
    #: realistic group sizes give.
    attendance: int | None = None
    dossiers: int = 3
    #: 1:1 contacts per member per year at a relationship share of 1 (scaled by the scenario).
    contacts_per_member_year: float = 6.0

    def __post_init__(self) -> None:
        if self.organisations < 3:
            raise SizeError("organisations: at least 3")
        if self.members < max(8, self.organisations):
            raise SizeError("members: at least 8 and at least one per organisation")
        if self.activities < 10:
            raise SizeError("activities: at least 10")
        if not 0.25 <= self.years <= 30:
            raise SizeError("years: between 0.25 and 30")
        if not 1 <= self.dossiers <= 5:
            raise SizeError("dossiers: between 1 and 5")
        if self.attendance is not None and self.attendance < self.activities:
            raise SizeError("attendance: at least one row per activity")


SIZES: dict[str, Size] = {
    # organisations and members are drawn within 8-12 and 40-60 per seed (see resolve_size)
    "demo": Size(organisations=10, members=50, activities=280, years=2.0),
    "typical": Size(organisations=24, members=200, activities=5_000, years=4.0),
    "large": Size(
        organisations=100, members=10_000, activities=200_000, years=5.0, attendance=2_000_000
    ),
}


def resolve_size(size: str | Size | Mapping[str, object], rng: np.random.Generator) -> Size:
    """A :class:`Size` from a preset name, a Size, or a mapping of its fields."""
    if isinstance(size, Size):
        return size
    if isinstance(size, str):
        if size not in SIZES:
            raise SizeError(f"unknown size {size!r}; choose one of {', '.join(SIZES)}")
        preset = SIZES[size]
        if size == "demo":
            # a little variety between seeds, within the range the demo promises
            return replace(
                preset,
                organisations=int(rng.integers(8, 13)),
                members=int(rng.integers(40, 61)),
            )
        return preset
    known = {f.name for f in fields(Size)}
    unknown = set(size) - known
    if unknown:
        raise SizeError(f"unknown size field(s): {', '.join(sorted(unknown))}")
    try:
        return Size(**size)  # type: ignore[arg-type]
    except TypeError as exc:
        raise SizeError(str(exc)) from None
