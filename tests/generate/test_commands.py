"""``warmnet generate`` and ``warmnet demo``: they work, rerun cleanly, and refuse bad input
with a message rather than a traceback."""

from __future__ import annotations

import datetime as dt
import json
import stat
from io import StringIO
from pathlib import Path
from typing import Any

import pytest
from django.contrib.auth import get_user_model
from django.core.management import call_command
from django.core.management.base import CommandError
from django.test import Client
from django.urls import reverse
from django.utils import timezone, translation

from warmnet.activities.models import Activity, Attendance
from warmnet.generate.management.commands.demo import (
    DEMO_SLUG,
    LOGIN_FILE,
    TODAY_INVITEES,
    TODAY_TITLE,
)
from warmnet.network.models import Member, Network, Role


def run(*args: str) -> str:
    out = StringIO()
    with translation.override("en"):  # the assertions read the English texts
        call_command(*args, stdout=out)
    return out.getvalue()


@pytest.mark.django_db
def test_generate_prints_counts_and_seconds() -> None:
    out = run("generate", "proef", "--seed", "3", "--scenario", "together", "--start", "2022-01-01")
    network = Network.objects.get(slug="proef")
    assert "2022-01-01" in out and "attendance rows" in out and "Seconds" in out
    assert f"{Attendance.objects.filter(network=network).count():,}" in out


@pytest.mark.django_db
def test_generate_needs_replace_for_an_existing_network() -> None:
    run("generate", "proef", "--seed", "1")
    with pytest.raises(CommandError, match="--replace"):
        run("generate", "proef", "--seed", "2")
    run("generate", "proef", "--seed", "2", "--replace", "--scenario", "content-first")
    assert Network.objects.filter(slug="proef").count() == 1


@pytest.mark.django_db
@pytest.mark.parametrize(
    "args",
    [
        ("generate", "geen slug"),
        ("generate", "proef", "--start", "2024-02-30"),
        ("generate", "proef", "--size", "huge"),
        ("generate", "proef", "--scenario", "talking-shop"),
    ],
)
def test_generate_refuses_bad_input_with_a_message(args: tuple[str, ...]) -> None:
    with pytest.raises(CommandError):
        run(*args)
    assert not Network.objects.exists()


@pytest.fixture
def data_dir(tmp_path: Path, settings: Any) -> Path:
    settings.DATA_DIR = tmp_path / "data"
    return settings.DATA_DIR


@pytest.mark.django_db(transaction=True)
def test_demo_sets_up_once_and_reruns_the_same(data_dir: Path) -> None:
    first = run("demo", "--no-serve")
    network = Network.objects.get(slug=DEMO_SLUG)
    assert network.name == "Regio Deal Groene Delta"
    login_file = data_dir / LOGIN_FILE
    for path in (login_file, data_dir / "secret_key"):
        assert stat.S_IMODE(path.stat().st_mode) == 0o600
    passwords = json.loads(login_file.read_text())
    assert passwords["coordinator"] in first and "http://127.0.0.1:8000/" in first

    coordinator = get_user_model().objects.get(username="coordinator")
    assert coordinator.check_password(passwords["coordinator"])
    member = Member.objects.get(network=network, user=coordinator)
    assert member.role == Role.COORDINATOR
    participant = Member.objects.get(network=network, user__username="deelnemer")
    assert participant.role == Role.PARTICIPANT

    second = run("demo", "--no-serve")
    assert Network.objects.filter(slug=DEMO_SLUG).count() == 1
    assert second == first.replace("Generating the demo network ...\n", "")
    assert json.loads(login_file.read_text()) == passwords


@pytest.mark.django_db(transaction=True)
def test_demo_history_ends_today(data_dir: Path) -> None:
    run("demo", "--no-serve")
    network = Network.objects.get(slug=DEMO_SLUG)
    last_past = (
        network.activity_set.filter(start__date__lte=dt.date.today()).order_by("-start").first()
    )
    assert last_past is not None
    assert (dt.date.today() - last_past.start.date()).days < 21


@pytest.mark.django_db(transaction=True)
def test_demo_has_an_activity_today_to_check_in_at(data_dir: Path) -> None:
    out = run("demo", "--no-serve")
    network = Network.objects.get(slug=DEMO_SLUG)
    today = timezone.localdate()
    activity = Activity.objects.get(network=network, title=TODAY_TITLE)
    assert timezone.localtime(activity.start).date() == today
    invited = set(Attendance.objects.filter(activity=activity).values_list("member_id", flat=True))
    logins = set(
        Member.objects.filter(network=network, user__isnull=False).values_list("pk", flat=True)
    )
    assert len(invited) == TODAY_INVITEES and logins <= invited
    checkin = reverse("programme:checkin", args=[network.slug, activity.pk])
    assert checkin in out
    # the coordinator opens it
    client = Client()
    client.force_login(get_user_model().objects.get(username="coordinator"))
    assert client.get(checkin).status_code == 200
    run("demo", "--no-serve")  # a rerun the same day adds no second one
    assert Activity.objects.filter(network=network, title=TODAY_TITLE).count() == 1
