"""Django's e-mail settings from one URL (``EMAIL_URL``).

===========================================  ==============================================
``outbox:``                                  keep mails in Warmnet's outbox page, send none
``console:``                                 print mails on standard output
``smtp://user:pass@host:25``                 plain SMTP (``?tls=true`` for STARTTLS)
``smtp+tls://user:pass@host:587``            SMTP with STARTTLS (port 587 by default)
``smtps://user:pass@host:465``               SMTP over TLS (port 465 by default)
===========================================  ==============================================

A user name or password with reserved characters is percent-encoded
(``p%40ss`` for ``p@ss``).  ``?timeout=N`` sets the connection timeout in
seconds (default 20).  A bad URL raises :class:`~warmnet.lib.env.ConfigError`
naming the variable but never the password.
"""

from __future__ import annotations

from typing import Any
from urllib.parse import parse_qs, unquote, urlsplit

from warmnet.lib.env import ConfigError

__all__ = ["OUTBOX_BACKEND", "email_settings"]

OUTBOX_BACKEND = "warmnet.mail.backends.OutboxBackend"
SMTP_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
_DEFAULT_PORTS = {"smtp": 25, "smtp+tls": 587, "smtps": 465}
_TRUE = {"1", "true", "yes", "on"}


def _safe(url: str) -> str:
    """The URL with any password replaced, for error messages."""
    parts = urlsplit(url)
    if parts.password:
        return url.replace(f":{parts.password}@", ":***@", 1)
    return url


def email_settings(url: str, name: str = "EMAIL_URL") -> dict[str, Any]:
    """Django settings (``EMAIL_BACKEND``, ``EMAIL_HOST``, ...) for an e-mail URL."""
    url = url.strip()
    if url in ("", "outbox:", "outbox://"):
        return {"EMAIL_BACKEND": OUTBOX_BACKEND}
    if url in ("console:", "console://"):
        return {"EMAIL_BACKEND": "django.core.mail.backends.console.EmailBackend"}
    try:
        parts = urlsplit(url)
        port = parts.port
    except ValueError:
        raise ConfigError(f"{name}={_safe(url)!r} is not a valid URL") from None
    scheme = parts.scheme.lower()
    if scheme not in _DEFAULT_PORTS:
        raise ConfigError(
            f"{name}={_safe(url)!r}: use outbox:, console:, smtp://, smtp+tls:// or smtps://"
        )
    if not parts.hostname:
        raise ConfigError(f"{name}={_safe(url)!r} names no host")
    query = {k: v[-1] for k, v in parse_qs(parts.query).items()}
    try:
        timeout = int(query.get("timeout", "20"))
    except ValueError:
        raise ConfigError(f"{name}: timeout={query['timeout']!r} is not a whole number") from None
    return {
        "EMAIL_BACKEND": SMTP_BACKEND,
        "EMAIL_HOST": parts.hostname,
        "EMAIL_PORT": port or _DEFAULT_PORTS[scheme],
        "EMAIL_HOST_USER": unquote(parts.username or ""),
        "EMAIL_HOST_PASSWORD": unquote(parts.password or ""),
        "EMAIL_USE_TLS": scheme == "smtp+tls" or query.get("tls", "").lower() in _TRUE,
        "EMAIL_USE_SSL": scheme == "smtps",
        "EMAIL_TIMEOUT": timeout,
    }
