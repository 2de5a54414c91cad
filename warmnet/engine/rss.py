"""The process's resident-memory high-water mark, per stage where the system allows it.

``getrusage`` only ever grows, so on its own it cannot say which stage raised the
peak.  Linux lets a process reset its own mark (``/proc/self/clear_refs``, value 5)
and read it back (``VmHWM`` in ``/proc/self/status``); elsewhere the marks below fall
back to the lifetime peak.
"""

from __future__ import annotations

import resource
import sys

__all__ = ["peak_rss_bytes", "reset_peak_rss"]


def reset_peak_rss() -> bool:
    """Lower the high-water mark to the current resident size; False where unsupported."""
    try:
        with open("/proc/self/clear_refs", "w") as f:
            f.write("5")
    except OSError:
        return False
    return True


def peak_rss_bytes() -> int:
    """Resident-memory high-water mark since the last reset (or since start), in bytes."""
    try:
        with open("/proc/self/status") as f:
            for line in f:
                if line.startswith("VmHWM:"):
                    return int(line.split()[1]) * 1024
    except OSError:
        pass
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    return peak if sys.platform == "darwin" else peak * 1024  # macOS reports bytes
