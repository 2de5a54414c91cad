"""Export a network, import it into an empty one, and get the same network back."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

import numpy as np
import pytest
from django.utils import timezone

from tests.transfer.conftest import counts
from warmnet.activities.models import Activity, ActivityKind, Attendance, Contact
from warmnet.dossiers.models import (
    Dossier,
    HardMoment,
    Milestone,
    MilestoneKind,
    Outcome,
    Point,
    PointStatus,
    Position,
    Stance,
)
from warmnet.engine import analyse
from warmnet.generate.synth import generate_network
from warmnet.generate.writer import write_network
from warmnet.insights.loader import load_network
from warmnet.network.models import Member, Network, Organisation, OrganisationKind, Role
from warmnet.transfer.export import export_csv_zip, export_xlsx


def _at(day: int, hour: int = 10, minute: int = 0) -> dt.datetime:
    start = dt.datetime(2026, 1, 1, hour, minute) + dt.timedelta(days=day)
    return timezone.make_aware(start)


def build(network: Network) -> None:
    """A small network that touches every entity and the awkward values."""
    orgs = [
        Organisation.objects.create(network=network, name=name, kind=kind)
        for name, kind in [
            ("Gemeente Assen", OrganisationKind.MUNICIPALITY),
            ("Waterschap Hunze en Aa's", OrganisationKind.WATER_BOARD),
            ("=Formula & Zonen, B.V.", OrganisationKind.COMPANY),
        ]
    ]
    dossier = Dossier.objects.create(network=network, name="Water", description="Line 1\nLine 2")
    members = [
        Member.objects.create(
            network=network,
            organisation=orgs[i % 3],
            name=name,
            email=email,
            role=role,
            joined_on=dt.date(2025, 1, 1) + dt.timedelta(days=i),
            left_on=dt.date(2026, 6, 1) if i == 4 else None,
        )
        for i, (name, email, role) in enumerate(
            [
                ("Anneke de Vries", "anneke@example.org", Role.COORDINATOR),
                ("Joël Bakker", "", Role.CORE_TEAM),
                ("-Dash Start", "dash@example.org", Role.PARTICIPANT),
                ("@Handle", "", Role.OBSERVER),
                ("Zoë Smit", "zoe@example.org", Role.PARTICIPANT),
            ]
        )
    ]
    activities = [
        Activity.objects.create(
            network=network,
            kind=kind,
            title=title,
            start=_at(i * 9, 9 + i, 30 if i % 2 else 0),
            duration_minutes=30 + 15 * i,
            location="Assen" if i % 2 else "",
            host_organisation=orgs[i % 3] if i % 2 else None,
            dossier=dossier if i < 2 else None,
            relationship_share=0.25 if i == 3 else None,
            description="+plus" if i == 1 else "",
        )
        for i, (title, kind) in enumerate(
            [
                ("Kick-off", ActivityKind.WORKING_SESSION),
                ("Onderhandeling", ActivityKind.NEGOTIATION),
                ("Borrel", ActivityKind.INFORMAL_MEETING),
                ("Wandeling met inhoud", ActivityKind.MIXED),
                ("Kick-off", ActivityKind.DINNER),  # same title, another day
            ]
        )
    ]
    for a, activity in enumerate(activities):
        for m, member in enumerate(members):
            if (a + m) % 3:
                Attendance.objects.create(
                    network=network, activity=activity, member=member, status=(a + m) % 4
                )
    Contact.objects.create(
        network=network, member_a=members[0], member_b=members[1], date=dt.date(2026, 2, 2),
        channel=1, note="koffie",
    )  # fmt: skip
    point = Point.objects.create(
        network=network, dossier=dossier, title="Peilbesluit", opened_on=dt.date(2026, 1, 5),
        status=PointStatus.CONVERGING, status_since=dt.date(2026, 3, 1),
    )  # fmt: skip
    Position.objects.create(
        network=network, point=point, member=members[1], stance=Stance.FOR,
        date=dt.date(2026, 2, 1),
    )  # fmt: skip
    Position.objects.create(
        network=network, point=point, organisation=orgs[1], stance=Stance.AGAINST,
        date=dt.date(2026, 2, 1), note="=cmd|' /C calc'!A0",
    )  # fmt: skip
    Milestone.objects.create(
        network=network, dossier=dossier, kind=MilestoneKind.COVENANT, title="Convenant",
        date=dt.date(2026, 5, 1),
    )  # fmt: skip
    moment = HardMoment.objects.create(
        network=network, title="Crisis", date=dt.date(2026, 4, 1), outcome=Outcome.HELD_TOGETHER
    )
    moment.parties.set(orgs[:2])


def snapshot(network: Network) -> dict[str, set[tuple[Any, ...]]]:
    """Every row by its natural key and content, free of ids."""

    def person(m: Member | None) -> Any:
        return (m.name, m.email, m.organisation.name) if m else None

    n = {"network": network}
    return {
        "organisations": set(Organisation.objects.filter(**n).values_list("name", "kind")),
        "members": {
            (*person(m), m.role, m.joined_on, m.left_on)
            for m in Member.objects.filter(**n).select_related("organisation")
        },
        "activities": {
            (
                a.title,
                a.start,
                a.kind,
                a.duration_minutes,
                a.location,
                a.host_organisation.name if a.host_organisation else None,
                a.dossier.name if a.dossier else None,
                a.relationship_share,
                a.description,
            )
            for a in Activity.objects.filter(**n).select_related("host_organisation", "dossier")
        },
        "attendance": {
            (person(x.member), x.activity.title, x.activity.start, x.status)
            for x in Attendance.objects.filter(**n).select_related(
                "member__organisation", "activity"
            )
        },
        "contacts": {
            (person(c.member_a), person(c.member_b), c.date, c.channel, c.note)
            for c in Contact.objects.filter(**n)
        },
        "dossiers": set(Dossier.objects.filter(**n).values_list("name", "description")),
        "points": set(
            Point.objects.filter(**n).values_list(
                "dossier__name", "title", "kind", "status", "opened_on", "status_since"
            )
        ),
        "positions": {
            (
                p.point.title,
                person(p.member),
                p.organisation and p.organisation.name,
                p.stance,
                p.date,
                p.note,
            )
            for p in Position.objects.filter(**n)
        },
        "milestones": set(
            Milestone.objects.filter(**n).values_list("title", "date", "kind", "dossier__name")
        ),
        "hard_moments": {
            (h.title, h.date, h.outcome, frozenset(o.name for o in h.parties.all()))
            for h in HardMoment.objects.filter(**n)
        },
    }


@pytest.mark.parametrize("fmt", ["csv", "xlsx"])
def test_an_exported_network_imports_into_an_empty_one_unchanged(
    network_a: Network, network_b: Network, tmp_path: Path, run: Any, fmt: str
) -> None:
    build(network_a)
    path = tmp_path / f"export.{'zip' if fmt == 'csv' else 'xlsx'}"
    with open(path, "wb") as out:
        (export_csv_zip if fmt == "csv" else export_xlsx)(network_a, out)
    report = run(network_b, path)
    assert report.ok, report.as_text()
    assert counts(report)["attendance"][0] == Attendance.objects.filter(network=network_a).count()
    assert snapshot(network_b) == snapshot(network_a)
    # and the export of the copy reads back into the copy as "nothing to do"
    again = run(network_b, path)
    assert again.ok and not again.changed, again.as_text()


def test_the_analysis_of_the_copy_is_the_same(
    network_a: Network, network_b: Network, tmp_path: Path, run: Any
) -> None:
    engine = pytest.importorskip("warmnet.engine.analyse")
    loader = pytest.importorskip("warmnet.insights.loader")
    build(network_a)
    path = tmp_path / "export.zip"
    with open(path, "wb") as out:
        export_csv_zip(network_a, out)
    assert run(network_b, path).ok
    as_of = np.datetime64("2026-07-01", "D")

    def result(network: Network) -> dict[str, Any]:
        out = engine.analyse(loader.load_network(network), as_of=as_of, seed=1).to_dict()
        return {key: out[key] for key in ("balance", "scenario")}

    assert result(network_b) == result(network_a)


@pytest.mark.parametrize("fmt", ["csv", "xlsx"])
def test_a_generated_network_survives_export_and_import_with_the_same_analysis(
    network_b: Network, tmp_path: Path, run: Any, fmt: str
) -> None:
    """`warmnet generate`'s network, exported and imported into an empty one, analyses the same."""
    generated = generate_network(
        seed=11, size="demo", scenario="kickoff-then-content", start=dt.date(2024, 11, 1), years=2
    )
    source = write_network(generated, "bron").network
    path = tmp_path / f"export.{'zip' if fmt == 'csv' else 'xlsx'}"
    with open(path, "wb") as out:
        (export_csv_zip if fmt == "csv" else export_xlsx)(source, out)
    report = run(network_b, path)
    assert report.ok, report.as_text()
    assert snapshot(network_b) == snapshot(source)
    as_of = np.datetime64("2026-11-01", "D")

    def result(network: Network) -> dict[str, Any]:
        """The analysis with member rows named by e-mail: import numbers rows its own way."""
        data = load_network(network)
        emails = dict(Member.objects.filter(network=network).values_list("pk", "email"))
        who = [emails[pk] for pk in data.member_id.tolist()]
        out = analyse(data, as_of=as_of, seed=1)
        w = out.warmth
        return {
            "balance": out.to_dict()["balance"],
            "scenario": out.to_dict()["scenario"],
            "warmth": (w.index, w.total_warm_ties, w.warm_cross_org_ties, w.active_members),
            "members": {
                who[row]: (
                    int(w.warm_ties[row]),
                    int(w.warm_cross_ties[row]),
                    round(w.strength[row], 9),
                )
                for row in range(len(who))
            },
            "cold": sorted(who[row] for row in w.cold.tolist()),
            "faultlines": sorted(
                (data.point_title[f.point], f.risk.value, f.warm_across) for f in out.faultlines
            ),
            "signals": sorted(s.kind.value for s in out.signals),
        }

    original, copy = result(source), result(network_b)
    assert copy["scenario"]["overall"]["scenario"] == "kickoff_then_content"
    assert copy == original
