"""``warmnet generate SLUG --seed N --size ... --scenario ...``: a synthetic network."""

from __future__ import annotations

import time
from datetime import date
from typing import Any

from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.core.validators import validate_slug
from django.utils.translation import gettext as _

from warmnet.generate.result import SCENARIOS
from warmnet.generate.sizes import SIZES, SizeError
from warmnet.generate.synth import generate_network
from warmnet.generate.writer import NetworkExists, write_network


def parse_date(value: str) -> date:
    try:
        return date.fromisoformat(value)
    except ValueError:
        raise CommandError(_("Not a date (YYYY-MM-DD): %(value)s") % {"value": value}) from None


class Command(BaseCommand):
    help = "Generate a realistic synthetic network that tells one of the three scenarios."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("slug", help="short name of the new network, e.g. regio-deal-test")
        parser.add_argument("--seed", type=int, default=0)
        parser.add_argument("--size", choices=list(SIZES), default="demo")
        parser.add_argument("--scenario", choices=SCENARIOS, default="together")
        parser.add_argument("--start", help="first day of the history, YYYY-MM-DD")
        parser.add_argument("--years", type=float, help="length of the history in years")
        parser.add_argument("--name", help="the network's name (default: a generated one)")
        parser.add_argument(
            "--replace", action="store_true", help="replace a network with the same slug"
        )

    def handle(self, *args: Any, **options: Any) -> None:
        slug: str = options["slug"]
        try:
            validate_slug(slug)
        except ValidationError:
            raise CommandError(
                _("Not a valid short name (letters, digits, - and _): %(slug)s") % {"slug": slug}
            ) from None
        if len(slug) > 60:
            raise CommandError(_("The short name is longer than 60 characters."))
        start = parse_date(options["start"]) if options["start"] else None

        clock = time.perf_counter()
        try:
            generated = generate_network(
                options["seed"], options["size"], options["scenario"], start, options["years"]
            )
        except (SizeError, ValueError) as exc:
            raise CommandError(str(exc)) from None
        generating = time.perf_counter() - clock
        try:
            report = write_network(
                generated, slug, name=options["name"], replace=options["replace"]
            )
        except NetworkExists:
            raise CommandError(
                _("A network with the short name %(slug)s exists; use --replace to replace it.")
                % {"slug": slug}
            ) from None

        out = self.stdout
        out.write(
            _("Generated %(name)s (%(slug)s): %(scenario)s, %(start)s to %(end)s.")
            % {
                "name": report.network.name,
                "slug": slug,
                "scenario": options["scenario"],
                "start": generated.start,
                "end": generated.end,
            }
        )
        labels = {
            "organisations": _("organisations"),
            "members": _("members"),
            "activities": _("activities"),
            "attendance": _("attendance rows"),
            "contacts": _("contacts"),
            "dossiers": _("dossiers"),
            "points": _("points"),
            "positions": _("positions"),
            "milestones": _("milestones"),
            "hard_moments": _("hard moments"),
        }
        for key, count in report.counts.items():
            out.write(f"  {labels.get(key, key):<18} {count:>10,}")
        out.write(_("Seconds:"))
        out.write(f"  {_('generate'):<40} {generating:8.2f}")
        for stage, seconds in report.seconds.items():
            out.write(f"  {_('write') + ': ' + stage:<40} {seconds:8.2f}")
