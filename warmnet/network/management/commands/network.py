"""``warmnet network create SLUG --name NAME`` and ``warmnet network delete SLUG``."""

from __future__ import annotations

import sys
from typing import Any

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.utils import translation
from django.utils.translation import gettext as _

from warmnet.network.lifecycle import create_network, delete_network
from warmnet.network.models import Network


def _error(exc: ValidationError | PermissionDenied) -> str:
    if isinstance(exc, ValidationError):
        return " ".join(str(m) for m in exc.messages)
    return str(exc)


class Command(BaseCommand):
    help = "Create an empty network, or delete one with everything in it."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "--language",
            choices=[code for code, _name in settings.LANGUAGES],
            default=settings.LANGUAGE_CODE,
            help="nl or en (default: nl)",
        )
        sub = parser.add_subparsers(dest="action", required=True)
        create = sub.add_parser("create", help="make an empty network")
        create.add_argument("slug", help="the network's short name (letters, digits, - and _)")
        create.add_argument("--name", required=True, help="the network's full name")
        create.add_argument("--description", default="")
        delete = sub.add_parser(
            "delete", help="delete a network and all its records (a coordinator of it confirms)"
        )
        delete.add_argument("slug", help="the network's short name")
        delete.add_argument(
            "--coordinator",
            required=True,
            help="user name of a coordinator of this network, who confirms the deletion",
        )
        delete.add_argument(
            "--confirm",
            default=None,
            help="the network's short name again; asked for when left out",
        )

    def handle(self, *args: Any, **options: Any) -> None:
        # Dutch unless asked, whatever language the calling thread had; none left behind
        with translation.override(options["language"]):
            self._handle(**options)

    def _handle(self, **options: Any) -> None:
        if options["action"] == "create":
            try:
                network = create_network(options["slug"], options["name"], options["description"])
            except ValidationError as exc:
                raise CommandError(_error(exc)) from None
            self.stdout.write(
                _("Created the empty network %(name)s (%(slug)s).")
                % {"name": network.name, "slug": network.slug}
            )
            return
        try:
            network = Network.objects.get(slug=options["slug"])
        except Network.DoesNotExist:
            raise CommandError(
                _("No network with short name %(slug)r.") % {"slug": options["slug"]}
            ) from None
        users = get_user_model()
        try:
            user = users.objects.get(**{users.USERNAME_FIELD: options["coordinator"]})
        except users.DoesNotExist:
            raise CommandError(
                _("No user account %(name)r.") % {"name": options["coordinator"]}
            ) from None
        confirm = options["confirm"]
        if confirm is None:
            if not sys.stdin.isatty():
                raise CommandError(
                    _("Give --confirm %(slug)s to delete without a question.")
                    % {"slug": network.slug}
                )
            confirm = input(
                _("This deletes %(name)s and all its records. Type %(slug)s to confirm: ")
                % {"name": network.name, "slug": network.slug}
            )
        try:
            counts = delete_network(network, user, confirm)
        except (ValidationError, PermissionDenied) as exc:
            raise CommandError(_error(exc)) from None
        self.stdout.write(
            _("Deleted %(slug)s: %(members)d members, %(organisations)d organisations and all "
              "their records.")
            % {"slug": options["slug"], **counts}
        )  # fmt: skip
