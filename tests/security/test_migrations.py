"""Finding 6: the constraints' migrations cope with duplicates that exist already."""

from __future__ import annotations

import datetime as dt

import pytest
from django.db import connection
from django.db.migrations.executor import MigrationExecutor
from django.utils import timezone

BEFORE = [
    ("network", "0003_network_require_two_factor"),
    ("dossiers", "0001_initial"),
    ("activities", "0003_attendance_covering_index"),
]
AFTER = [
    ("network", "0004_organisation_name_case_insensitive"),
    ("dossiers", "0002_milestone_hard_moment_title_date_unique"),
    ("activities", "0004_activity_contact_natural_keys"),
]


@pytest.mark.django_db(transaction=True)
def test_existing_duplicates_are_renamed_or_merged_not_lost() -> None:
    executor = MigrationExecutor(connection)
    executor.migrate(BEFORE)
    old = executor.loader.project_state(BEFORE).apps
    network = old.get_model("network", "Network").objects.create(name="N", slug="n")
    orgs = old.get_model("network", "Organisation")
    first = orgs.objects.create(network=network, name="Gemeente Assen")
    orgs.objects.create(network=network, name="gemeente assen")
    members = old.get_model("network", "Member")
    a = members.objects.create(
        network=network, organisation=first, name="A", joined_on=dt.date(2024, 1, 1)
    )
    b = members.objects.create(
        network=network, organisation=first, name="B", joined_on=dt.date(2024, 1, 1)
    )
    contacts = old.get_model("activities", "Contact")
    day = dt.date(2025, 1, 1)
    contacts.objects.create(network=network, member_a=a, member_b=b, date=day, note="koffie")
    contacts.objects.create(network=network, member_a=b, member_b=a, date=day, note="lunch")
    activities = old.get_model("activities", "Activity")
    for hour in (9, 14):
        start = timezone.make_aware(dt.datetime(2025, 1, 2, hour))
        activities.objects.create(
            network=network, kind=0, title="Sessie", start=start, duration_minutes=60
        )
    milestones = old.get_model("dossiers", "Milestone")
    for title in ("Convenant", "CONVENANT"):
        milestones.objects.create(network=network, kind=2, title=title, date=day)

    executor = MigrationExecutor(connection)
    executor.migrate(AFTER)
    new = executor.loader.project_state(AFTER).apps
    assert sorted(
        new.get_model("network", "Organisation").objects.values_list("name", flat=True)
    ) == [
        "Gemeente Assen",
        "gemeente assen (2)",
    ]
    merged = new.get_model("activities", "Contact").objects.get()
    assert merged.note == "koffie\n\nlunch"
    titles = sorted(new.get_model("activities", "Activity").objects.values_list("title", flat=True))
    assert titles == ["Sessie", "Sessie (2)"]
    assert new.get_model("dossiers", "Milestone").objects.count() == 2
    MigrationExecutor(connection).migrate(executor.loader.graph.leaf_nodes())
