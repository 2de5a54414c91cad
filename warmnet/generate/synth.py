"""The pure generator: a realistic Dutch network whose history tells one of the three
stories of the source text.  No Django here (a test checks), so the engine's tests and
benchmarks can use it as well as ``warmnet generate``.
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date

import numpy as np
from faker import Faker

from warmnet.engine.data import NetworkData
from warmnet.generate import vocab
from warmnet.generate.activities import make_activities
from warmnet.generate.contacts import make_contacts
from warmnet.generate.content import make_content
from warmnet.generate.people import make_members, make_organisations
from warmnet.generate.result import SCENARIOS, GeneratedNetwork
from warmnet.generate.sizes import Size, resolve_size
from warmnet.generate.story import plot

__all__ = ["generate_network"]

DAYS_PER_YEAR = 365.25


def _ids(n: int) -> np.ndarray:
    return np.arange(1, n + 1, dtype=np.int64)


def _days(values: list[np.datetime64]) -> np.ndarray:
    return np.array(values, dtype="datetime64[D]")


def generate_network(
    seed: int,
    size: str | Size | Mapping[str, object] = "demo",
    scenario: str = "together",
    start: date | None = None,
    years: float | None = None,
    region: str | None = None,
    name: str | None = None,
) -> GeneratedNetwork:
    """A synthetic network, the same for the same arguments.

    ``size`` is ``"demo"``, ``"typical"``, ``"large"``, a :class:`Size` or a mapping of its
    fields; ``years`` overrides the size's length of history; ``start`` defaults to
    ``years`` before 2025-01-01 so that nothing depends on the wall clock; ``region``
    names one of ``vocab.REGIONS`` (default: drawn from the seed); ``name`` is the
    network's name (default: made up from the region).
    """
    if scenario not in SCENARIOS:
        raise ValueError(f"unknown scenario {scenario!r}; choose one of {', '.join(SCENARIOS)}")
    rng = np.random.default_rng(seed)
    fake = Faker("nl_NL")
    fake.seed_instance(seed)
    sz = resolve_size(size, rng)
    n_years = float(years if years is not None else sz.years)
    span = round(n_years * DAYS_PER_YEAR)
    begin = np.datetime64(start, "D") if start else np.datetime64("2025-01-01") - span
    end = begin + span

    big = sz.organisations > 40
    by_name = {r.name: r for r in vocab.REGIONS}
    if region is not None and region not in by_name:
        raise ValueError(f"unknown region {region!r}; choose one of {', '.join(by_name)}")
    drawn = vocab.REGIONS[int(rng.integers(len(vocab.REGIONS)))]
    regions = list(vocab.REGIONS) if big else [by_name[region] if region else drawn]
    picked = rng.choice(len(vocab.DOSSIERS), size=sz.dossiers, replace=False)
    dossiers = [vocab.DOSSIERS[i] for i in picked]
    template = vocab.NETWORK_NAMES[int(rng.integers(len(vocab.NETWORK_NAMES)))]
    if name is None:
        name = "Koepelnetwerk Klimaat en Ruimte" if big else template.format(region=regions[0].name)

    story = plot(scenario, begin, end, rng)
    orgs = make_organisations(sz.organisations, regions, sz.dossiers, rng, fake)
    mem = make_members(sz.members, orgs, sz.dossiers, begin, end, rng, fake)
    content = make_content(story, dossiers, orgs, mem, name, rng)
    acts = make_activities(
        sz.activities, story, orgs, mem, dossiers, regions, name, sz.attendance, rng
    )
    contacts = make_contacts(story, mem, n_years, sz.contacts_per_member_year, rng)

    data = NetworkData(
        org_id=_ids(len(orgs.name)),
        org_kind=orgs.kind,
        org_name=orgs.name,
        member_id=_ids(mem.org.size),
        member_org=mem.org,
        member_role=mem.role,
        member_joined=mem.joined,
        member_left=mem.left,
        member_name=mem.name,
        activity_id=_ids(acts.kind.size),
        activity_kind=acts.kind,
        activity_share=acts.share,
        activity_start=acts.start,
        activity_hours=acts.minutes / 60.0,
        activity_host_org=acts.host_org,
        activity_dossier=acts.dossier,
        activity_title=acts.title,
        attendance_member=acts.att_member,
        attendance_activity=acts.att_activity,
        attendance_status=acts.att_status,
        contact_a=contacts.a,
        contact_b=contacts.b,
        contact_date=contacts.date,
        dossier_id=_ids(len(dossiers)),
        dossier_name=content.dossier_name,
        point_id=_ids(len(content.point_title)),
        point_dossier=np.array(content.point_dossier, dtype=np.int64),
        point_kind=np.array(content.point_kind, dtype=np.int8),
        point_status=np.array(content.point_status, dtype=np.int8),
        point_opened=_days(content.point_opened),
        point_status_since=_days(content.point_status_since),
        point_title=content.point_title,
        position_point=np.array(content.position_point, dtype=np.int64),
        position_member=np.array(content.position_member, dtype=np.int64),
        position_org=np.array(content.position_org, dtype=np.int64),
        position_stance=np.array(content.position_stance, dtype=np.int8),
        position_date=_days(content.position_date),
        milestone_id=_ids(len(content.milestone_title)),
        milestone_kind=np.array(content.milestone_kind, dtype=np.int8),
        milestone_date=_days(content.milestone_date),
        milestone_dossier=np.array(content.milestone_dossier, dtype=np.int64),
        milestone_title=content.milestone_title,
        hard_moment_id=_ids(len(content.hard_moment_title)),
        hard_moment_date=_days(content.hard_moment_date),
        hard_moment_outcome=np.array(content.hard_moment_outcome, dtype=np.int8),
        hard_moment_title=content.hard_moment_title,
    )
    return GeneratedNetwork(
        data=data,
        seed=seed,
        scenario=scenario,
        name=name,
        description=(
            f"{name}: {len(orgs.name)} partners werken samen aan "
            + ", ".join(d.name.lower() for d in dossiers)
            + ". (Gegenereerd voorbeeldnetwerk.)"
        ),
        start=begin.astype(date),
        end=end.astype(date),
        org_location=orgs.location,
        member_email=mem.email,
        activity_minutes=acts.minutes,
        activity_share_override=acts.share_override,
        activity_location=acts.location,
        contact_channel=contacts.channel,
        contact_note=contacts.note,
        dossier_description=content.dossier_description,
        point_description=content.point_description,
        position_note=content.position_note,
        hard_moment_description=content.hard_moment_description,
        hard_moment_party_moment=np.array(content.party_moment, dtype=np.int64),
        hard_moment_party_org=np.array(content.party_org, dtype=np.int64),
    )
