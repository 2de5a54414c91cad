"""Uploaded files kept between the preview and the confirmation, in the database.

An upload is stored under a random key (``secrets.token_urlsafe``) with its owner
and network; the key is the only thing the browser sends back, it is checked
against a strict pattern and looked up only together with that user and network.
To read them, :func:`opened` copies the files into a private temporary folder
(mode 0700) that is removed when the request is done, so nothing outlives the
request on a server's disk.  Uploads older than ``WARMNET_UPLOAD_MAX_AGE_MINUTES``
are swept on every new upload and by ``warmnet sweep_uploads``.

:class:`SizeLimitUploadHandler` stops any upload larger than
``WARMNET_UPLOAD_MAX_BYTES`` while it streams in, before it fills memory or disk.
"""

from __future__ import annotations

import datetime as dt
import re
import secrets
import shutil
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from django.conf import settings
from django.core.files.uploadedfile import UploadedFile
from django.core.files.uploadhandler import FileUploadHandler, StopUpload
from django.db import transaction
from django.utils import timezone
from django.utils.text import get_valid_filename

from warmnet.transfer.models import PendingUpload, PendingUploadFile

__all__ = ["SizeLimitUploadHandler", "discard", "opened", "store", "sweep"]

_TOKEN = re.compile(r"[A-Za-z0-9_-]{32,64}")


class SizeLimitUploadHandler(FileUploadHandler):
    """Refuses a request body over the limit as soon as that is known: from its declared
    length, else while the files stream in.  The view finds ``request.upload_too_large``."""

    def handle_raw_input(self, input_data: Any, META: Any, content_length: int, *a: Any) -> None:
        self.limit = settings.WARMNET_UPLOAD_MAX_BYTES
        self.seen = 0
        if content_length and content_length > self.limit + 64 * 1024:
            # Raised from new_file: the parser catches StopUpload only once it reads parts.
            self.request.upload_too_large = True  # type: ignore[union-attr]

    def _refuse(self) -> None:
        if self.request is not None:
            self.request.upload_too_large = True  # type: ignore[attr-defined]
        raise StopUpload(connection_reset=True)

    def new_file(self, *args: Any, **kwargs: Any) -> None:
        if getattr(self.request, "upload_too_large", False):
            raise StopUpload(connection_reset=True)
        super().new_file(*args, **kwargs)

    def receive_data_chunk(self, raw_data: bytes, start: int) -> bytes:
        self.seen += len(raw_data)
        if self.seen > self.limit:
            self._refuse()
        return raw_data

    def file_complete(self, file_size: int) -> None:
        return None


def sweep(now: dt.datetime | None = None) -> int:
    """Delete uploads older than the configured age; returns how many."""
    cutoff = (now or timezone.now()) - dt.timedelta(minutes=settings.WARMNET_UPLOAD_MAX_AGE_MINUTES)
    deleted, _per_model = PendingUpload.objects.filter(created_at__lt=cutoff).delete()
    return deleted


def _name(upload: UploadedFile) -> str:
    return get_valid_filename(Path(upload.name or "upload").name) or "upload"


def store(network_id: int, user: Any, files: list[UploadedFile]) -> str:
    """Keep the uploads; returns the key that names them."""
    sweep()
    key = secrets.token_urlsafe(32)
    with transaction.atomic():
        upload = PendingUpload.objects.create(key=key, network_id=network_id, user=user)
        for position, file in enumerate(files):
            file.seek(0)
            PendingUploadFile.objects.create(
                upload=upload, position=position, name=_name(file), content=file.read()
            )
    return key


def _find(network_id: int, user: Any, token: str) -> PendingUpload | None:
    if not _TOKEN.fullmatch(token or ""):
        return None
    return PendingUpload.objects.filter(key=token, network_id=network_id, user=user).first()


@contextmanager
def opened(network_id: int, user: Any, token: str) -> Iterator[list[tuple[Path, str]] | None]:
    """The files behind a key as (path, name shown), in a private folder for the length of
    the ``with`` block; None when there are none (wrong key, someone else's, swept)."""
    upload = _find(network_id, user, token)
    if upload is None:
        yield None
        return
    folder = Path(tempfile.mkdtemp(prefix="warmnet-import-"))  # mode 0700
    try:
        paths = []
        for file in upload.files.all():
            path = folder / f"{file.position:02d}-{file.name}"
            path.write_bytes(bytes(file.content))
            paths.append((path, file.name))
        yield paths
    finally:
        shutil.rmtree(folder, ignore_errors=True)


@contextmanager
def received(files: list[UploadedFile]) -> Iterator[list[tuple[Path, str]]]:
    """Files of this request as paths to read: Django's own temporary file where it made
    one, else a copy in a private folder; all gone when the block ends."""
    folder = Path(tempfile.mkdtemp(prefix="warmnet-import-"))
    try:
        paths = []
        for position, file in enumerate(files):
            path = folder / f"{position:02d}-{_name(file)}"
            file.seek(0)
            with open(path, "wb") as out:
                for chunk in file.chunks():
                    out.write(chunk)
            paths.append((path, _name(file)))
        yield paths
    finally:
        shutil.rmtree(folder, ignore_errors=True)


def discard(network_id: int, user: Any, token: str) -> None:
    if _TOKEN.fullmatch(token or ""):
        PendingUpload.objects.filter(key=token, network_id=network_id, user=user).delete()
