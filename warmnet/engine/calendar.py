"""The network's calendar: instants (UTC seconds) turned into local days.

Activities are stored as instants; a coordinator thinks in days on the wall clock of
the network's time zone (Europe/Amsterdam by default, summer time included).  An
activity entered for 1 March without a time is stored at 00:00 Amsterdam time, which
is 23:00 UTC on 28 February: read as a UTC day it would land in February.  Every day
the engine counts (months, gaps, windows, ages) is therefore the local day.

The zone's offsets are looked up once per transition (``zoneinfo``, from the standard
library) for the span of the data, then applied to all instants at once.
"""

from __future__ import annotations

from datetime import UTC, datetime
from functools import lru_cache
from zoneinfo import ZoneInfo

import numpy as np
import numpy.typing as npt

__all__ = ["local_days"]

_HOUR = 3600
_DAY = 86400


def _offset(zone: ZoneInfo, second: int) -> int:
    moment = datetime.fromtimestamp(second, tz=UTC).astimezone(zone)
    delta = moment.utcoffset()
    return int(delta.total_seconds()) if delta is not None else 0


@lru_cache(maxsize=64)
def _transitions(zone_name: str, first_day: int, last_day: int) -> tuple[np.ndarray, np.ndarray]:
    """Instants (UTC seconds) from which each offset holds, and the offsets, covering the
    days ``first_day`` to ``last_day`` (days since 1970-01-01)."""
    zone = ZoneInfo(zone_name)
    days = np.arange(first_day - 1, last_day + 2, dtype=np.int64)
    daily = np.array([_offset(zone, int(d) * _DAY) for d in days], dtype=np.int64)
    starts = [int(days[0]) * _DAY]
    offsets = [int(daily[0])]
    for i in np.flatnonzero(daily[1:] != daily[:-1]):
        # the offset changed during day i: find the hour it changed at (zones change on
        # the hour or half hour; a 15-minute step finds either)
        lo = int(days[i]) * _DAY
        for step in range(0, _DAY + 1, _HOUR // 4):
            if _offset(zone, lo + step) != offsets[-1]:
                starts.append(lo + step)
                offsets.append(_offset(zone, lo + step))
                break
    return np.array(starts, dtype=np.int64), np.array(offsets, dtype=np.int64)


def local_days(instants: npt.NDArray[np.datetime64], zone_name: str) -> npt.NDArray[np.datetime64]:
    """The local calendar day (``datetime64[D]``) of each UTC instant; NaT stays NaT."""
    seconds = instants.astype("datetime64[s]")
    out = np.full(seconds.shape, np.datetime64("NaT"), dtype="datetime64[D]")
    ok = ~np.isnat(seconds)
    if not ok.any():
        return out
    raw = seconds[ok].astype(np.int64)
    first, last = int(raw.min()) // _DAY, int(raw.max()) // _DAY
    if zone_name.upper() == "UTC":
        out[ok] = (raw // _DAY).astype("datetime64[D]")
        return out
    starts, offsets = _transitions(zone_name, first, last)
    which = np.searchsorted(starts, raw, side="right") - 1
    local = raw + offsets[np.clip(which, 0, offsets.size - 1)]
    out[ok] = np.floor_divide(local, _DAY).astype("datetime64[D]")
    return out
