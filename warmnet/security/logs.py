"""Logging that says what happened without saying about whom.

- ``OneLineClientErrors``: a 403 or 404 is an answer, not an incident; Django logs it
  with the whole traceback of the ``PermissionDenied`` or ``Http404``.  This filter
  keeps one line (status and path, never the query string) and drops the traceback.
- ``RedactingFormatter``: database errors carry the offending values (PostgreSQL's
  ``DETAIL:  Key (name)=(Jan Jansen) already exists``); the formatter removes those
  details from every line it writes, tracebacks included.
"""

from __future__ import annotations

import logging
import re

__all__ = ["OneLineClientErrors", "RedactingFormatter", "redact"]

_DETAIL = re.compile(r"(DETAIL|Key \(|Failing row contains)[^\n]*", re.IGNORECASE)


def redact(text: str) -> str:
    return _DETAIL.sub("[details withheld]", text)


class OneLineClientErrors(logging.Filter):
    def filter(self, record: logging.LogRecord) -> bool:
        status = getattr(record, "status_code", None)
        if isinstance(status, int) and 400 <= status < 500:
            request = getattr(record, "request", None)
            path = getattr(request, "path", "") if request is not None else ""
            record.msg = "%s %s"
            record.args = (status, path)
            record.exc_info = None
            record.exc_text = None
        return True


class RedactingFormatter(logging.Formatter):
    def format(self, record: logging.LogRecord) -> str:
        return redact(super().format(record))
