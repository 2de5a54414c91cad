"""The dashboard's trend figures of an earlier day, without a whole analysis.

The dashboard sets today's warmth index beside the index 3 and 6 months earlier.  Those
need the relational ties and warmth as of that day, not working familiarity, groups,
brokers, fault lines or suggestions: :func:`trend_figures` computes only what they
need, the same way :func:`~warmnet.engine.analyse.analyse` does (so the figures are
equal to the whole analysis's).

:func:`inputs_digest` fingerprints everything the figures of a day are computed from:
the members in the network that day (who, which organisation, joined and left), the
activities up to that day (day, length, kind, relationship share) with their effective
attendance, and the 1:1 contacts up to it.  A change to later records (today's drink,
next month's meeting) leaves the digest of an earlier day as it was, so its figures can
be reused rather than computed again after every write.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass

import numpy as np
import numpy.typing as npt

from warmnet.engine.frame import Frame
from warmnet.engine.ties import relational_matrix
from warmnet.engine.warmth import warmth

__all__ = ["TrendFigures", "inputs_digest", "trend_figures"]

#: Raised when what the figures are computed from changes meaning (the digest changes with it).
DIGEST_VERSION = 1

_MIX1 = np.uint64(0xBF58476D1CE4E5B9)
_MIX2 = np.uint64(0x94D049BB133111EB)


@dataclass(frozen=True)
class TrendFigures:
    """What the dashboard shows of an earlier day."""

    #: The warmth index (share of active members with enough warm ties across organisations).
    index: float
    #: Members in the network that day.
    active_members: int


def trend_figures(fr: Frame) -> TrendFigures:
    """The trend figures of the day ``fr`` was cut at (equal to the whole analysis's)."""
    # the index counts warm relational ties only: working familiarity is not computed
    w = warmth(fr, relational_matrix(fr))
    return TrendFigures(index=float(w.index), active_members=int(w.active_members))


def _mixed(values: npt.NDArray[np.uint64]) -> npt.NDArray[np.uint64]:
    """A 64-bit finaliser (splitmix64) applied to each value: rows that differ in any bit
    get unrelated hashes, so a sum over them tells sets of rows apart."""
    with np.errstate(over="ignore"):
        z = values.copy()
        z ^= z >> np.uint64(30)
        z *= _MIX1
        z ^= z >> np.uint64(27)
        z *= _MIX2
        z ^= z >> np.uint64(31)
    return z


def _rows_digest(*columns: npt.NDArray[np.int64]) -> bytes:
    """An order-independent digest of a set of rows (the database returns attendance in no
    fixed order): the count, the wrapping sum and the xor of each row's hash."""
    n = columns[0].size if columns else 0
    h = np.zeros(n, dtype=np.uint64)
    with np.errstate(over="ignore"):
        for column in columns:
            h = _mixed(h ^ column.astype(np.int64).view(np.uint64))
    total = int(h.sum(dtype=np.uint64)) if n else 0
    xor = int(np.bitwise_xor.reduce(h)) if n else 0
    return np.array([n, total, xor], dtype=np.uint64).tobytes()


def _days(values: np.ndarray) -> npt.NDArray[np.int64]:
    days = values.astype("datetime64[D]").astype(np.int64)
    return np.where(np.isnat(values), np.iinfo(np.int64).min, days)


def inputs_digest(fr: Frame, settings_digest: str) -> str:
    """A fingerprint of what :func:`trend_figures` of ``fr`` is computed from, with the
    digest of the settings it runs with."""
    d = fr.data
    h = hashlib.sha256()
    h.update(f"{DIGEST_VERSION}:{settings_digest}:{fr.as_of}:{fr.clock}".encode())
    # members who were not in the network that day count nowhere in the figures (a
    # member who joins today leaves the digest of an earlier day alone)
    active = fr.member_active
    for column in (d.member_id[active], d.member_org[active]):
        h.update(np.ascontiguousarray(column, dtype=np.int64).tobytes())
    h.update(_days(d.member_joined[active]).tobytes())
    h.update(_days(d.member_left[active]).tobytes())
    inside = np.flatnonzero(fr.activity_in)
    h.update(
        _rows_digest(
            d.activity_id[inside],
            _days(fr.activity_day[inside]),
            d.activity_kind[inside].astype(np.int64),
            np.nan_to_num(d.activity_hours[inside], nan=-1.0).astype(np.float64).view(np.int64),
            fr.share[inside].astype(np.float64).view(np.int64),
        )
    )
    h.update(_rows_digest(d.member_id[fr.att_member], d.activity_id[fr.att_activity]))
    contacts = np.flatnonzero(fr.contact_in)
    a, b = d.contact_a[contacts], d.contact_b[contacts]
    ids = np.append(d.member_id, -1)  # a contact with a member row of -1 stays -1
    h.update(
        _rows_digest(
            ids[np.where(a >= 0, a, -1)],
            ids[np.where(b >= 0, b, -1)],
            _days(d.contact_date[contacts]),
        )
    )
    return h.hexdigest()
