"""Uploaded files kept between the preview and the confirmation.

Files live in a folder per network and user, under a random token; the token is
the only thing the browser sends back, and it is checked against a strict
pattern and looked up only inside that user's folder, so a client can never
name a path.  Folders older than a day are swept on the next upload.
"""

from __future__ import annotations

import re
import secrets
import shutil
import tempfile
import time
from pathlib import Path
from typing import Any

from django.core.files.uploadedfile import UploadedFile
from django.utils.text import get_valid_filename

__all__ = ["discard", "store", "stored_files"]

_TOKEN = re.compile(r"[A-Za-z0-9_-]{32,64}")
_MAX_AGE = 24 * 3600


def _root(network_id: int, user: Any) -> Path:
    return Path(tempfile.gettempdir()) / "warmnet-uploads" / f"{network_id}-{user.pk}"


def _sweep(root: Path) -> None:
    if not root.parent.is_dir():
        return
    cutoff = time.time() - _MAX_AGE
    for folder in root.parent.glob("*/*"):
        if folder.is_dir() and folder.stat().st_mtime < cutoff:
            shutil.rmtree(folder, ignore_errors=True)


def store(network_id: int, user: Any, files: list[UploadedFile]) -> str:
    """Keep the uploads; returns the token that names them."""
    root = _root(network_id, user)
    _sweep(root)
    token = secrets.token_urlsafe(32)
    folder = root / token
    folder.mkdir(parents=True, mode=0o700)
    for position, upload in enumerate(files):
        # a numbered prefix keeps two uploads of the same name apart and in order
        name = get_valid_filename(Path(upload.name or "upload").name) or "upload"
        with open(folder / f"{position:02d}-{name}", "wb") as out:
            for chunk in upload.chunks():
                out.write(chunk)
    return token


def stored_files(network_id: int, user: Any, token: str) -> list[tuple[Path, str]] | None:
    """The files behind a token, as (path, name shown), or None when there are none."""
    if not _TOKEN.fullmatch(token or ""):
        return None
    folder = _root(network_id, user) / token
    if not folder.is_dir():
        return None
    return [(path, path.name[3:]) for path in sorted(folder.iterdir()) if path.is_file()]


def discard(network_id: int, user: Any, token: str) -> None:
    if _TOKEN.fullmatch(token or ""):
        shutil.rmtree(_root(network_id, user) / token, ignore_errors=True)
