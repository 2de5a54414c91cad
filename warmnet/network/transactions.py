"""Transactions that a concurrent writer may have to run again.

PostgreSQL ends one of two transactions that wait on each other (a deadlock) or
that cannot both be serialised; SQLite gives up on a write lock after its busy
timeout.  Neither changed anything, so the whole transaction can simply run
again.  Writes are ordered so that these are rare; this is the backstop that
keeps them from reaching a user as an error page.
"""

from __future__ import annotations

import logging
import random
import time
from collections.abc import Callable
from typing import TypeVar

from django.db import DEFAULT_DB_ALIAS, DatabaseError, OperationalError, connections, transaction

__all__ = ["ATTEMPTS", "atomic_with_retry", "is_transient"]

T = TypeVar("T")
log = logging.getLogger(__name__)

ATTEMPTS = 5
#: serialization_failure, deadlock_detected, lock_not_available
_SQLSTATES = frozenset({"40001", "40P01", "55P03"})


def is_transient(exc: BaseException) -> bool:
    """Whether ``exc`` means "nothing happened, try again" rather than "this is wrong"."""
    if not isinstance(exc, DatabaseError):
        return False
    sqlstate = getattr(exc.__cause__, "sqlstate", None)
    if sqlstate in _SQLSTATES:
        return True
    return isinstance(exc, OperationalError) and "database is locked" in str(exc)


def atomic_with_retry(
    work: Callable[[], T], *, using: str | None = None, attempts: int = ATTEMPTS
) -> T:
    """Run ``work`` in a transaction; run it again (after a short random pause) when
    the database ended it for a transient conflict.

    Inside an outer transaction there is nothing to retry on its own, so ``work``
    runs once and a conflict goes up to whoever owns the transaction.
    """
    connection = connections[using or DEFAULT_DB_ALIAS]
    if connection.in_atomic_block:
        with transaction.atomic(using=using):
            return work()
    for attempt in range(1, attempts + 1):
        try:
            with transaction.atomic(using=using):
                return work()
        except DatabaseError as exc:
            if attempt == attempts or not is_transient(exc):
                raise
            log.warning("transient database conflict, attempt %d: %s", attempt, type(exc).__name__)
            time.sleep(random.uniform(0, 0.02 * 2**attempt))
    raise AssertionError("unreachable")
