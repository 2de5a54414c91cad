from __future__ import annotations

import logging

from django.db import DEFAULT_DB_ALIAS, connections, models
from django.dispatch import Signal
from django.utils.translation import gettext_lazy as _

__all__ = ["Network", "NetworkOwned", "current_data_version", "data_changed"]

#: Sent once a transaction that changed a network's records has committed and the
#: network's data version has moved, with ``network_id`` and the new ``version``.
#: This is where work that follows a change (recomputing the analysis in the
#: background) is queued; receivers run outside any transaction of the writer.
data_changed = Signal()

log = logging.getLogger(__name__)


class Network(models.Model):
    """A collaboration of organisations; every other record belongs to exactly one."""

    name = models.CharField(_("name"), max_length=200)
    slug = models.SlugField(_("short name"), max_length=60, unique=True)
    description = models.TextField(_("description"), blank=True)
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    # Moves after every committed write so cached analyses know they are stale
    # (see ``bump_data_version``).
    data_version = models.PositiveBigIntegerField(default=0, editable=False)
    # Per-network overrides of the analysis thresholds (see docs/analysis.md).
    analysis_settings = models.JSONField(_("analysis settings"), default=dict, blank=True)
    # Coordinators and core team must have passed two-step login to open the network.
    require_two_factor = models.BooleanField(_("require two-step login"), default=False)

    class Meta:
        verbose_name = _("network")
        verbose_name_plural = _("networks")
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name

    def bump_data_version(self, using: str | None = None) -> None:
        """Move the data version once the current transaction commits (at once outside one).

        The version moves *after* the commit, in a statement of its own: writers
        never hold the network's row for the length of their transaction (which
        serialised every write and deadlocked against attendance rows locked in
        another order), and a reader never sees a new version before the data it
        stands for.  A reader that computes between the commit and the move caches
        its result under the old version, which the move then retires.  Several
        changes in one transaction move the version once.
        """
        schedule_version_bump(self.pk, using)


def schedule_version_bump(network_id: int, using: str | None = None) -> None:
    connection = connections[using or DEFAULT_DB_ALIAS]
    # One bump per network per commit: every write queues its own callback (a
    # savepoint rolled back takes its callbacks along, so no write may lean on
    # another's), and the callbacks of one transaction share a token so that only
    # the first to run moves the version.  The latest one is at the end of the queue.
    token = None
    for entry in reversed(connection.run_on_commit):
        func = entry[1]
        if isinstance(func, _Bump) and func.network_id == network_id:
            token = None if func.token.done else func.token
            break
    connection.on_commit(_Bump(network_id, connection.alias, token or _Token()), robust=True)


class _Token:
    done = False


class _Bump:
    """The after-commit step: move the version in its own short statement, then tell."""

    def __init__(self, network_id: int, using: str, token: _Token) -> None:
        self.network_id = network_id
        self.using = using
        self.token = token
        self.__qualname__ = "bump_data_version"  # named in Django's log if it fails

    def __call__(self) -> None:
        if self.token.done:
            return
        self.token.done = True
        table = Network._meta.db_table
        with connections[self.using].cursor() as cursor:
            cursor.execute(
                f"UPDATE {table} SET data_version = data_version + 1 WHERE id = %s",
                [self.network_id],
            )
            # Read back in a statement of its own (no RETURNING: SQLite before 3.35);
            # a later writer's move may show already, which is as current.
            cursor.execute(f"SELECT data_version FROM {table} WHERE id = %s", [self.network_id])
            row = cursor.fetchone()
        if row is None:
            return
        for receiver, error in data_changed.send_robust(
            Network, network_id=self.network_id, version=int(row[0])
        ):
            if error is not None:
                log.error("data_changed receiver %r failed", receiver, exc_info=error)


def current_data_version(network_id: int, using: str | None = None) -> int:
    """The network's data version, read on its own (one indexed row, one column)."""
    version = (
        Network.objects.using(using or DEFAULT_DB_ALIAS)
        .filter(pk=network_id)
        .values_list("data_version", flat=True)
        .first()
    )
    return int(version or 0)


class NetworkOwned(models.Model):
    """Base for every row that belongs to a network."""

    network = models.ForeignKey(Network, on_delete=models.CASCADE, verbose_name=_("network"))

    class Meta:
        abstract = True
