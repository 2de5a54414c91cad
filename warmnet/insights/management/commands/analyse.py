from __future__ import annotations

import datetime as dt
import json
from typing import Any

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.utils import translation
from django.utils.translation import gettext as _

from warmnet.engine import SettingsError
from warmnet.insights.payload import analysis_payload
from warmnet.insights.report import text_report
from warmnet.insights.service import analysis_for
from warmnet.network.models import Network
from warmnet.network.params import FIRST_DAY, LAST_DAY


class Command(BaseCommand):
    help = "Analyse a network: balance, scenario, warmth, fault lines, signals, suggestions."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("network", help="the network's short name (slug)")
        parser.add_argument(
            "--as-of",
            help=(
                "analyse as of this day (YYYY-MM-DD); default today. When the records end "
                "long before that day, the report says so and names the last recorded day."
            ),
        )
        parser.add_argument("--json", action="store_true", help="print JSON instead of a report")
        parser.add_argument(
            "--language",
            choices=[code for code, _name in settings.LANGUAGES],
            default=settings.LANGUAGE_CODE,
            help="nl or en (default: nl)",
        )
        parser.add_argument(
            "--periods", type=int, default=24, help="how many recent periods the table shows"
        )

    def handle(self, *args: Any, **options: Any) -> None:
        # Dutch unless asked, whatever language the calling thread had; none left behind
        with translation.override(options["language"]):
            self._handle(**options)

    def _handle(self, **options: Any) -> None:
        try:
            network = Network.objects.get(slug=options["network"])
        except Network.DoesNotExist:
            raise CommandError(
                _("No network with short name %(slug)r.") % {"slug": options["network"]}
            ) from None
        as_of = None
        if options["as_of"]:
            try:
                as_of = dt.date.fromisoformat(options["as_of"])
            except ValueError:
                raise CommandError(
                    _("--as-of %(value)r is not a date like 2025-03-31.")
                    % {"value": options["as_of"]}
                ) from None
            if not FIRST_DAY <= as_of <= LAST_DAY:
                raise CommandError(
                    _("--as-of must lie between %(first)s and %(last)s.")
                    % {"first": FIRST_DAY, "last": LAST_DAY}
                )
        try:
            analysis = analysis_for(network, as_of, fresh=True)
        except SettingsError as exc:
            raise CommandError(
                _("The network's analysis settings are invalid: %(error)s") % {"error": exc}
            ) from None
        if options["json"]:
            payload = analysis_payload(network, analysis)
            self.stdout.write(json.dumps(payload, ensure_ascii=False, indent=2))
        else:
            self.stdout.write(text_report(network, analysis, periods=options["periods"]))
