"""``warmnet sweep_uploads``: delete import uploads that were never confirmed.

Run it on a schedule (cron, a systemd timer); uploads are also swept on every new
upload.  How old is too old: ``WARMNET_UPLOAD_MAX_AGE_MINUTES``.
"""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand
from django.utils.translation import gettext as _

from warmnet.transfer.uploads import sweep


class Command(BaseCommand):
    help = "Delete import uploads older than WARMNET_UPLOAD_MAX_AGE_MINUTES."

    def handle(self, *args: Any, **options: Any) -> None:
        self.stdout.write(_("Swept %(count)s old uploads.") % {"count": sweep()})
