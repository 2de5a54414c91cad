"""The demo's mail "server": nothing leaves; coordinators read the outbox page."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from django.core.mail.backends.base import BaseEmailBackend

__all__ = ["OutboxBackend"]


class OutboxBackend(BaseEmailBackend):
    """Accepts every message and sends none: the mail's row keeps its content, and
    its status says it stayed in the outbox."""

    keeps_in_outbox = True

    def send_messages(self, email_messages: Sequence[Any]) -> int:
        return len(email_messages)
