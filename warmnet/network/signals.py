"""Every change to a network's rows bumps its data version (cached analyses go stale).

Bulk writers (generator, import) bypass signals and call
``Network.bump_data_version`` themselves.
"""

from __future__ import annotations

from typing import Any

from django.db.models.signals import m2m_changed, post_delete, post_save

from warmnet.network.models import Network, NetworkOwned


def _bump(sender: type, instance: Any, **kwargs: Any) -> None:
    if isinstance(instance, NetworkOwned) and instance.network_id is not None:
        Network(pk=instance.network_id).bump_data_version()


def connect() -> None:
    post_save.connect(_bump, dispatch_uid="warmnet-bump-save")
    post_delete.connect(_bump, dispatch_uid="warmnet-bump-delete")
    m2m_changed.connect(_bump, dispatch_uid="warmnet-bump-m2m")
