"""1:1 contacts (a coffee, a call), as many as the scenario's relationship investment."""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import numpy.typing as npt

from warmnet.generate import vocab
from warmnet.generate.people import Members
from warmnet.generate.story import Plot, relationship_target

__all__ = ["Contacts", "make_contacts"]

#: in person, phone call, video call, message (values of ``ContactChannel``)
CHANNEL_MIX = np.array([0.45, 0.30, 0.20, 0.05])


@dataclass
class Contacts:
    a: npt.NDArray[np.int64]
    b: npt.NDArray[np.int64]
    date: npt.NDArray[np.datetime64]
    channel: npt.NDArray[np.int8]
    note: list[str]


def make_contacts(
    p: Plot, mem: Members, years: float, per_member_year: float, rng: np.random.Generator
) -> Contacts:
    m = mem.org.size
    days = np.arange(p.start, p.end, dtype="datetime64[D]")
    intensity = relationship_target(p, days, rng) + 0.01
    weekday = (days.astype(np.int64) + 3) % 7
    intensity = intensity * (weekday < 5)
    n = round(m * years * per_member_year * float(intensity.mean()))
    if n == 0:
        return Contacts(
            np.empty(0, np.int64),
            np.empty(0, np.int64),
            np.empty(0, "datetime64[D]"),
            np.empty(0, np.int8),
            [],
        )
    draws = 2 * n + 10
    day = rng.choice(days, size=draws, p=intensity / intensity.sum())
    weight = mem.engagement / mem.engagement.sum()
    a = rng.choice(m, size=draws, p=weight)
    b = rng.choice(m, size=draws, p=weight)
    # most coffees are with someone from the same dossier: redraw b there for 70%
    by_dossier = np.argsort(mem.dossier, kind="stable")
    counts = np.bincount(mem.dossier)
    offset = np.concatenate([[0], np.cumsum(counts)[:-1]])
    same = rng.random(draws) < 0.7
    d = mem.dossier[a]
    local = by_dossier[offset[d] + (rng.random(draws) * counts[d]).astype(np.int64)]
    b = np.where(same, local, b)

    def active(x: npt.NDArray[np.int64]) -> npt.NDArray[np.bool_]:
        return (mem.joined[x] <= day) & (np.isnat(mem.left[x]) | (mem.left[x] > day))

    ok = np.flatnonzero((a != b) & active(a) & active(b))
    # one contact per pair per day (a database constraint): keep each pair-day's first draw
    pair_day = np.stack(
        [np.minimum(a, b)[ok], np.maximum(a, b)[ok], day[ok].astype(np.int64)], axis=1
    )
    _keys, first = np.unique(pair_day, axis=0, return_index=True)
    ok = ok[np.sort(first)][:n]
    order = ok[np.argsort(day[ok], kind="stable")]
    notes = vocab.CONTACT_NOTES
    return Contacts(
        a=a[order].astype(np.int64),
        b=b[order].astype(np.int64),
        date=day[order],
        channel=rng.choice(4, size=order.size, p=CHANNEL_MIX).astype(np.int8),
        note=[notes[i] for i in rng.integers(0, len(notes), size=order.size)],
    )
