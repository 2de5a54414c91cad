"""``warmnet import SLUG FILE.ics`` runs the same calendar import from the command line."""

from __future__ import annotations

import re
from io import StringIO

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from tests.transfer.calendar.conftest import OUTLOOK
from tests.transfer.conftest import EXAMPLES, row_counts
from warmnet.activities.models import Activity
from warmnet.network.models import Member, Network


def test_import_a_calendar_and_again(network_a: Network, cast: dict[str, Member]) -> None:
    out = StringIO()
    call_command("import", network_a.slug, str(OUTLOOK), "--dry-run", stdout=out)
    assert "Stuurgroep Groene Delta" in out.getvalue()
    assert not Activity.objects.filter(network=network_a).exists()
    out = StringIO()
    call_command("import", network_a.slug, str(OUTLOOK), stdout=out)
    text = out.getvalue()
    assert "activities: 10 new" in text
    assert "j.vandam@rws.example" in text
    assert Activity.objects.filter(network=network_a).count() == 10
    out = StringIO()
    call_command("import", network_a.slug, str(OUTLOOK), stdout=out)
    assert "activities: 0 new, 0 updated, 10 unchanged" in out.getvalue()


def test_problems_end_the_command_and_save_nothing(network_a: Network, tmp_path: object) -> None:
    path = tmp_path / "kapot.ics"  # type: ignore[operator]
    path.write_bytes(OUTLOOK.read_bytes().replace(b"DTSTART;TZID", b"DTSTART;TZID=Nergens;X"))
    before = row_counts(network_a)
    place = re.escape("kapot.ics, event “Tandarts”, line 36, field DTSTART: 'Nergens'")
    with pytest.raises(CommandError, match=place):
        call_command("import", network_a.slug, str(path))
    assert row_counts(network_a) == before


def test_calendars_and_spreadsheets_go_separately(network_a: Network) -> None:
    with pytest.raises(CommandError, match="on their own"):
        call_command("import", network_a.slug, str(OUTLOOK), str(EXAMPLES / "leden.csv"))
