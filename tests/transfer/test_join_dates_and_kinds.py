"""New members join on their first attendance; kinds are understood in everyday words."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest

from warmnet.activities.models import Activity, ActivityKind
from warmnet.dossiers.models import Milestone, MilestoneKind
from warmnet.network.models import Member, Network

MEMBERS = (
    "name,organisation\n"
    "Anna de Vries,Gemeente Assen\n"
    "Bram Jansen,Waterschap Hunze\n"
    "Cees Smit,Waterschap Hunze\n"
)
ACTIVITIES = (
    "title,date,kind,duration\n"
    "Kick-off,2024-03-01,borrel,90\n"
    "Stuurgroep 1,2024-04-15,stuurgroep,60\n"
    "Lunch,2024-05-02,lunch,60\n"
    "Etentje,2024-06-07,etentje,120\n"
    "Werkbezoek haven,2024-07-01,werkbezoek,180\n"
    "Intervisie,2024-08-20,intervisiebijeenkomst,90\n"
)
ATTENDANCE = (
    "member,activity,date,status\n"
    "Anna de Vries,Kick-off,2024-03-01,attended\n"
    "Anna de Vries,Stuurgroep 1,2024-04-15,attended\n"
    "Bram Jansen,Stuurgroep 1,2024-04-15,accepted\n"
)


def test_a_new_member_without_a_join_date_joins_on_their_first_attendance(
    network_a: Network, write: Any, run: Any
) -> None:
    files = [
        write("leden.csv", MEMBERS),
        write("activiteiten.csv", ACTIVITIES),
        write("aanwezigheid.csv", ATTENDANCE),
    ]
    preview = run(network_a, *files, dry_run=True)
    assert preview.ok, preview.as_text()
    text = preview.as_text()
    assert "2 new members have no join date" in text and "1 March 2024" in text
    assert "1 new member has no join date and no attendance: they join today" in text
    report = run(network_a, *files)
    assert report.ok, report.as_text()
    joined = dict(Member.objects.filter(network=network_a).values_list("name", "joined_on"))
    assert joined["Anna de Vries"] == dt.date(2024, 3, 1)
    assert joined["Bram Jansen"] == dt.date(2024, 4, 15)
    assert joined["Cees Smit"] == dt.date(2026, 6, 1)  # the day of the import (TODAY)


def test_a_join_date_given_in_the_sheet_is_kept(network_a: Network, write: Any, run: Any) -> None:
    members = "name,organisation,joined_on\nAnna de Vries,Gemeente Assen,2024-06-01\n"
    report = run(
        network_a,
        write("leden.csv", members),
        write("activiteiten.csv", ACTIVITIES),
        write("aanwezigheid.csv", ATTENDANCE.splitlines()[0] + "\n" + ATTENDANCE.splitlines()[1]),
    )
    assert report.ok, report.as_text()
    assert Member.objects.get(network=network_a, name="Anna de Vries").joined_on == dt.date(
        2024, 6, 1
    )


def test_everyday_dutch_words_for_kinds_are_understood(
    network_a: Network, write: Any, run: Any
) -> None:
    report = run(network_a, write("activiteiten.csv", ACTIVITIES))
    assert report.ok, report.as_text()
    kinds = dict(Activity.objects.filter(network=network_a).values_list("title", "kind"))
    assert kinds == {
        "Kick-off": ActivityKind.INFORMAL_MEETING,
        "Stuurgroep 1": ActivityKind.STEERING_GROUP,
        "Lunch": ActivityKind.DINNER,
        "Etentje": ActivityKind.DINNER,
        "Werkbezoek haven": ActivityKind.WORK_VISIT,
        "Intervisie": ActivityKind.PEER_CONSULTATION,
    }
    milestones = (
        "title,date,kind\nIntentie,2024-02-01,intentieverklaring\nAkkoord,2024-09-01,convenant\n"
    )
    assert run(network_a, write("mijlpalen.csv", milestones)).ok
    assert set(Milestone.objects.filter(network=network_a).values_list("kind", flat=True)) == {
        MilestoneKind.LETTER_OF_INTENT,
        MilestoneKind.COVENANT,
    }


@pytest.mark.parametrize(
    ("language", "expected"),
    [("en", "use one of: working session, negotiation"), ("nl", "kies uit: ")],
)
def test_an_unknown_kind_is_refused_with_the_valid_choices_listed(
    network_a: Network, write: Any, run: Any, language: str, expected: str
) -> None:
    from django.utils import translation

    sheet = "title,date,kind,duration\nIets,2024-03-01,feestje met taart,60\n"
    with translation.override(language):
        report = run(network_a, write("activiteiten.csv", sheet))
        assert not report.ok
        (problem,) = report.errors.kept
        assert problem.column == "kind" and problem.value == "feestje met taart"
        assert expected in str(problem.reason)
    assert not Activity.objects.filter(network=network_a).exists()
