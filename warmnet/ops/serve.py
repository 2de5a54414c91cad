"""``warmnet serve``: the WSGI application under gunicorn, with defaults for production.

Threaded workers (``gthread``): most of a request's time is spent waiting on the
database, and threads of one process share its copy of the last analyses.  A
worker is replaced after a couple of thousand requests (memory does not creep),
and the request log is Warmnet's own (one JSON line per request), so gunicorn's
access log is off.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from typing import Any

from django.core.wsgi import get_wsgi_application
from django.db import connections
from gunicorn.app.base import BaseApplication

__all__ = ["ServeOptions", "serve"]


@dataclass
class ServeOptions:
    bind: str = "127.0.0.1:8000"
    workers: int = 2
    threads: int = 4
    timeout: int = 60
    max_requests: int = 2000

    def gunicorn(self) -> dict[str, Any]:
        return {
            "bind": self.bind,
            "workers": self.workers,
            "worker_class": "gthread" if self.threads > 1 else "sync",
            "threads": self.threads,
            "timeout": self.timeout,
            "graceful_timeout": 30,
            "keepalive": 5,
            "max_requests": self.max_requests,
            "max_requests_jitter": max(1, self.max_requests // 10),
            "accesslog": None,
            "errorlog": "-",
            "worker_tmp_dir": "/dev/shm" if os.path.isdir("/dev/shm") else None,
            # Warmnet uses no control socket; the default path is shared by every
            # gunicorn of the same user on the machine.
            "control_socket_disable": True,
            "proc_name": "warmnet",
        }


class _Server(BaseApplication):  # type: ignore[misc]
    def __init__(self, options: dict[str, Any]) -> None:
        self.options = options
        super().__init__()

    def load_config(self) -> None:
        for key, value in self.options.items():
            if value is not None:
                self.cfg.set(key, value)

    def load(self) -> Any:
        return get_wsgi_application()


def serve(options: ServeOptions) -> None:
    # Workers are forked: none may inherit a database connection of the master.
    connections.close_all()
    _Server(options.gunicorn()).run()
