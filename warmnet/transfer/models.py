"""Uploads waiting between the import's preview and its confirmation.

They live in the database, not on one server's disk, so any app server can confirm
what another previewed; the key is random and unguessable and only ever looked up
together with its owner and network.  Old ones are swept by ``warmnet
sweep_uploads`` (run it on a schedule) and on every new upload.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from warmnet.network.models import Network


class PendingUpload(models.Model):
    key = models.CharField(max_length=64, unique=True)
    network = models.ForeignKey(Network, on_delete=models.CASCADE, related_name="+")
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True, db_index=True)

    class Meta:
        verbose_name = _("pending upload")

    def __str__(self) -> str:
        return f"upload {self.pk} ({self.created_at:%Y-%m-%d %H:%M})"


class PendingUploadFile(models.Model):
    upload = models.ForeignKey(PendingUpload, on_delete=models.CASCADE, related_name="files")
    position = models.PositiveSmallIntegerField()
    name = models.CharField(max_length=255)
    content = models.BinaryField()

    class Meta:
        ordering = ["position"]
        constraints = [
            models.UniqueConstraint(fields=["upload", "position"], name="pending_file_once"),
        ]

    def __str__(self) -> str:
        return self.name
