"""``warmnet demo``: a ready-to-explore demo network, a coordinator login, and a server.

Reruns reuse what exists: the secret key, the database, the demo network and the
logins (their passwords are kept in a file only the user can read).
"""

from __future__ import annotations

import json
import os
import secrets
import threading
from datetime import date, datetime, time, timedelta
from pathlib import Path
from typing import Any

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from warmnet.activities.actions import invite_members
from warmnet.activities.models import Activity, ActivityKind
from warmnet.background.worker import run_worker
from warmnet.generate.synth import generate_network
from warmnet.generate.writer import write_network
from warmnet.lib.email_url import OUTBOX_BACKEND
from warmnet.network.models import Member, Network, Role
from warmnet.surveys.demo import ensure_demo_surveys

DEMO_SLUG = "regio-deal-groene-delta"
DEMO_NAME = "Regio Deal Groene Delta"
DEMO_SEED = 2
#: A kick-off-then-content story, so the demo shows a warning worth acting on.
DEMO_SCENARIO = "kickoff-then-content"
LOGIN_FILE = "demo-login.json"
LOGINS = (("coordinator", Role.COORDINATOR), ("deelnemer", Role.PARTICIPANT))


def start_worker() -> threading.Event:
    """The background worker (mail, reminders) in a thread of this process, so the demo
    needs nothing else running; set the returned event to stop it."""
    stop = threading.Event()
    threading.Thread(
        target=run_worker, kwargs={"stop": stop}, name="warmnet-worker", daemon=True
    ).start()
    return stop


def write_private(path: Path, text: str) -> None:
    """Write ``text`` to a new file that only the user can read (mode 600)."""
    fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    with os.fdopen(fd, "w") as f:
        f.write(text)


def ensure_secret_key(data_dir: Path) -> None:
    path = data_dir / "secret_key"
    if not path.exists():
        write_private(path, secrets.token_urlsafe(50) + "\n")
    if not os.environ.get("SECRET_KEY"):
        # settings read the file at start-up; on the very first run it did not exist yet
        settings.SECRET_KEY = path.read_text().strip()


def ensure_network(stdout: Any) -> Network:
    network = Network.objects.filter(slug=DEMO_SLUG).first()
    if network is not None:
        return network
    stdout.write(_("Generating the demo network ..."))
    start = date.today() - timedelta(days=730)  # two years, ending today
    generated = generate_network(
        DEMO_SEED,
        "demo",
        DEMO_SCENARIO,
        start=start,
        years=2.0,
        region="Groene Delta",
        name=DEMO_NAME,
    )
    return write_network(generated, DEMO_SLUG).network


def load_passwords(path: Path) -> dict[str, str]:
    if path.exists():
        try:
            stored = json.loads(path.read_text())
            if all(isinstance(stored.get(u), str) for u, _role in LOGINS):
                return {u: stored[u] for u, _role in LOGINS}
        except (ValueError, AttributeError):
            pass
        path.unlink()  # unreadable: start afresh
    passwords = {username: secrets.token_urlsafe(12) for username, _role in LOGINS}
    write_private(path, json.dumps(passwords, indent=2) + "\n")
    return passwords


@transaction.atomic
def ensure_logins(network: Network, passwords: dict[str, str]) -> dict[str, Member]:
    """A user per demo login, linked to a current member of the network in that role."""
    users = get_user_model()
    linked: dict[str, Member] = {}
    for username, role in LOGINS:
        user, _created = users.objects.get_or_create(username=username)
        member = Member.objects.filter(network=network, user=user).first()
        if member is None:
            member = (
                Member.objects.filter(network=network, role=role, left_on__isnull=True)
                .order_by("id")
                .first()
            )
            if member is None:
                raise CommandError(
                    _("The demo network has no member with role %(role)s.") % {"role": role.label}
                )
            member.user = user
            member.save(update_fields=["user"])
        first, _sep, last = member.name.partition(" ")
        user.first_name, user.last_name, user.email = first, last, member.email
        if not user.check_password(passwords[username]):
            user.set_password(passwords[username])
        user.save()
        linked[username] = member
    return linked


#: Today's activity of the demo, so the check-in at the door can be tried at once.
TODAY_TITLE = "Netwerkdag Groene Delta"
TODAY_INVITEES = 12


def ensure_today_activity(network: Network, members: dict[str, Member]) -> Activity:
    """An activity today (local day) with a dozen invitees, the demo logins among them."""
    today = timezone.localdate()
    found = Activity.objects.filter(network=network, title=TODAY_TITLE, start__date=today).first()
    if found is not None:
        return found
    coordinator = members["coordinator"]
    start = timezone.make_aware(datetime.combine(today, time(9)))
    activity = Activity.objects.create(
        network=network,
        kind=ActivityKind.MIXED,
        title=TODAY_TITLE,
        start=start,
        duration_minutes=10 * 60,
        location="Stadhuis, Raadzaal",
        host_organisation=coordinator.organisation,
    )
    others = (
        Member.objects.filter(network=network, left_on__isnull=True)
        .exclude(pk__in=[m.pk for m in members.values()])
        .order_by("id")[: TODAY_INVITEES - len(members)]
    )
    invite_members(network, None, activity, [*members.values(), *others])
    return activity


class Command(BaseCommand):
    help = "Set up and serve the demo: database, demo network, logins, web server."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--no-serve", action="store_true", help="set up, but do not serve")
        parser.add_argument("--port", type=int, default=8000)

    def handle(self, *args: Any, **options: Any) -> None:
        port: int = options["port"]
        if not 1 <= port <= 65535:
            raise CommandError(_("Not a port number: %(port)s") % {"port": port})
        data_dir = Path(settings.DATA_DIR)
        data_dir.mkdir(parents=True, exist_ok=True)
        ensure_secret_key(data_dir)
        call_command("migrate", interactive=False, verbosity=0)
        network = ensure_network(self.stdout)
        ensure_demo_surveys(network)
        passwords = load_passwords(data_dir / LOGIN_FILE)
        members = ensure_logins(network, passwords)
        today = ensure_today_activity(network, members)

        url = f"http://127.0.0.1:{port}/"
        out = self.stdout
        out.write("")
        out.write(_("Warmnet demo: %(name)s") % {"name": network.name})
        out.write(_("Open %(url)s and log in as") % {"url": url})
        for username, role in LOGINS:
            out.write(
                "  "
                + _("%(role)s (%(member)s): user %(user)s, password %(password)s")
                % {
                    "role": role.label,
                    "member": members[username].name,
                    "user": username,
                    "password": passwords[username],
                }
            )
        out.write(_("The passwords are kept in %(path)s.") % {"path": data_dir / LOGIN_FILE})
        checkin = reverse("programme:checkin", args=[network.slug, today.pk])
        out.write(_("Today's check-in: %(url)s") % {"url": url.rstrip("/") + checkin})
        if settings.EMAIL_BACKEND == OUTBOX_BACKEND:
            outbox = f"{url}n/{network.slug}/outbox/"
            out.write(
                _("E-mails are not sent: coordinators read them at %(url)s") % {"url": outbox}
            )
        out.write("")
        if not options["no_serve"]:
            if not os.environ.get("WARMNET_BASE_URL"):
                settings.WARMNET_BASE_URL = url.rstrip("/")
            stop = start_worker()
            try:
                call_command("runserver", f"127.0.0.1:{port}", use_reloader=False)
            finally:
                stop.set()
