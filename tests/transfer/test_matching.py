"""Rows meet existing records by natural keys; an updated sheet updates only what changed."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.utils import timezone

from tests.transfer.conftest import counts
from warmnet.activities.models import Activity, ActivityKind, Attendance, AttendanceStatus
from warmnet.network.models import Member, Network, Organisation, OrganisationKind, Role

MEMBERS = """name,organisation,email,role,joined_on
Ada Visser,Gemeente Assen,ada@assen.example,participant,2026-01-01
Ben Kok,Gemeente Assen,,observer,2026-01-01
"""


def test_an_updated_sheet_updates_only_the_changed_row(
    network_a: Network, org_a: Organisation, write: Any, run: Any
) -> None:
    assert run(network_a, write("members.csv", MEMBERS)).ok
    changed = MEMBERS.replace("participant", "core team")
    report = run(network_a, write("members.csv", changed))
    assert report.ok
    assert counts(report) == {"members": (0, 1, 1)}
    assert Member.objects.get(email="ada@assen.example").role == Role.CORE_TEAM


def test_a_member_without_email_is_matched_by_name_and_organisation_and_gets_one(
    network_a: Network, org_a: Organisation, write: Any, run: Any
) -> None:
    assert run(network_a, write("members.csv", MEMBERS)).ok
    later = "naam;organisatie;e-mail\nben kok;GEMEENTE ASSEN;ben@assen.example\n"
    report = run(network_a, write("leden.csv", later))
    assert counts(report) == {"members": (0, 1, 0)}
    ben = Member.objects.get(network=network_a, email="ben@assen.example")
    assert ben.name == "ben kok"
    assert ben.role == Role.OBSERVER  # a column that is not there is left alone


def test_an_empty_email_cell_never_clears_the_email(
    network_a: Network, org_a: Organisation, write: Any, run: Any
) -> None:
    assert run(network_a, write("members.csv", MEMBERS)).ok
    report = run(network_a, write("m.csv", "name,organisation,email\nAda Visser,Gemeente Assen,\n"))
    assert counts(report) == {"members": (0, 0, 1)}
    assert Member.objects.filter(email="ada@assen.example").exists()


def test_unknown_organisations_in_a_member_list_are_added(
    network_a: Network, write: Any, run: Any
) -> None:
    report = run(network_a, write("leden.csv", "Naam,Organisatie\nDirk,Gemeente Tynaarlo\n"))
    assert counts(report) == {"organisations": (1, 0, 0), "members": (1, 0, 0)}
    org = Organisation.objects.get(network=network_a, name="Gemeente Tynaarlo")
    assert org.kind == OrganisationKind.OTHER
    assert Member.objects.get(name="Dirk").joined_on == dt.date(2026, 6, 1)


ACTIVITIES = """title,start,kind,duration_minutes
Kick-off,2026-03-12 14:00,working_session,120
Borrel,2026-03-12 17:00,informal_meeting,60
"""


def test_an_activity_is_matched_by_title_and_date_and_keeps_its_time(
    network_a: Network, write: Any, run: Any
) -> None:
    assert run(network_a, write("activities.csv", ACTIVITIES)).ok
    sheet = "titel;datum;duur\nkick-off;12-03-2026;90\n"
    report = run(network_a, write("activiteiten.csv", sheet))
    assert counts(report) == {"activities": (0, 1, 0)}
    kickoff = Activity.objects.get(network=network_a, title="kick-off")
    assert kickoff.duration_minutes == 90
    assert kickoff.kind == ActivityKind.WORKING_SESSION
    assert timezone.localtime(kickoff.start).strftime("%H:%M") == "14:00"


def test_attendance_is_matched_by_member_and_activity(
    network_a: Network, alice: Any, write: Any, run: Any
) -> None:
    assert run(network_a, write("activities.csv", ACTIVITIES)).ok
    sheet = "member,activity,date,status\nalice@example.org,Kick-off,12-03-2026,invited\n"
    assert counts(run(network_a, write("a.csv", sheet))) == {"attendance": (1, 0, 0)}
    again = sheet.replace("invited", "X")
    assert counts(run(network_a, write("a.csv", again))) == {"attendance": (0, 1, 0)}
    assert Attendance.objects.get(network=network_a).status == AttendanceStatus.ATTENDED
    assert counts(run(network_a, write("a.csv", again))) == {"attendance": (0, 0, 1)}


def test_a_matrix_with_titles_above_dates_is_read(
    network_a: Network, alice: Any, bob: Any, write: Any, run: Any
) -> None:
    assert run(network_a, write("activities.csv", ACTIVITIES)).ok
    sheet = (
        "Presentielijst voorjaar;;\n"
        "Naam;Kick-off;Borrel\n"
        ";12-03-2026;12-03-2026\n"
        "Alice de Vries;X;\n"
        "Bob Jansen;ja;✓\n"
    )
    report = run(network_a, write("presentielijst.csv", sheet))
    assert report.ok, report.as_text()
    assert counts(report) == {"attendance": (3, 0, 0)}


def test_rows_of_another_network_are_never_touched(
    network_a: Network, network_b: Network, org_b: Organisation, write: Any, run: Any
) -> None:
    assert run(network_b, write("o.csv", "name,kind\nGemeente Assen,province\n")).ok
    assert run(network_a, write("o.csv", "name,kind\nGemeente Assen,municipality\n")).ok
    assert Organisation.objects.get(network=network_b, name="Gemeente Assen").kind == 1
    assert Organisation.objects.get(network=network_a, name="Gemeente Assen").kind == 0
