"""What the activities app tells the apps above it (the programme sends the mails).

``members_invited(sender=Activity, activity=..., members=[...], user=...)`` is sent
inside the inviting transaction, after the attendance rows exist.
"""

from __future__ import annotations

from django.dispatch import Signal

__all__ = ["members_invited"]

members_invited = Signal()
