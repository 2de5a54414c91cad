"""The ``warmnet`` console script.

Every sub-command is a Django management command owned by the app it belongs
to (``demo``, ``generate``, ``analyse``, ``import``, ``export``, ``serve`` ...),
so ``warmnet X`` and ``django-admin X`` are the same thing.
"""

from __future__ import annotations

import os
import sys

from django.core.management import execute_from_command_line


def main(argv: list[str] | None = None) -> None:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "warmnet.settings")
    execute_from_command_line(["warmnet", *(sys.argv[1:] if argv is None else argv)])


if __name__ == "__main__":
    main()
