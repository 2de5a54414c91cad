"""Every change to a network's rows moves its data version (cached analyses go stale).

The move happens once per transaction, after it commits (see
``Network.bump_data_version``).  Bulk writers (generator, import) bypass
signals and call ``Network.bump_data_version`` themselves.
"""

from __future__ import annotations

from typing import Any

from django.db.models.signals import m2m_changed, post_delete, post_save

from warmnet.network.models import NetworkOwned
from warmnet.network.models.network import schedule_version_bump


def _bump(sender: type, instance: Any, using: str | None = None, **kwargs: Any) -> None:
    if isinstance(instance, NetworkOwned) and instance.network_id is not None:
        schedule_version_bump(instance.network_id, using)


def connect() -> None:
    post_save.connect(_bump, dispatch_uid="warmnet-bump-save")
    post_delete.connect(_bump, dispatch_uid="warmnet-bump-delete")
    m2m_changed.connect(_bump, dispatch_uid="warmnet-bump-m2m")
