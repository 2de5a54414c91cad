"""``warmnet export NETWORK --format csv|xlsx [--output PATH] [--language nl|en]``: a network's
data as files, headed and worded in the language (Dutch by default)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.utils.translation import gettext as _

from warmnet.network.models import Network
from warmnet.transfer.export import export_csv_zip, export_filename, export_xlsx


class Command(BaseCommand):
    help = "Export a whole network: a zip of CSV files, or one XLSX workbook. Reads back in."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("network", help="the network's short name (slug)")
        parser.add_argument("--format", choices=["csv", "xlsx"], default="csv")
        parser.add_argument("--output", type=Path, help="file to write (default: in this folder)")
        parser.add_argument(
            "--language", choices=["nl", "en"], default="nl", help="headings and words (nl)"
        )

    def handle(self, *args: Any, **options: Any) -> None:
        network = Network.objects.filter(slug=options["network"]).first()
        if network is None:
            raise CommandError(_("There is no network %(slug)s.") % {"slug": options["network"]})
        fmt = options["format"]
        output: Path = options["output"] or Path(export_filename(network, fmt))
        try:
            with open(output, "wb") as fh:
                (export_xlsx if fmt == "xlsx" else export_csv_zip)(network, fh, options["language"])
        except OSError as exc:
            raise CommandError(
                _("Cannot write %(path)s: %(reason)s") % {"path": output, "reason": exc.strerror}
            ) from None
        self.stdout.write(_("Written: %(path)s") % {"path": output})
