"""Organisations and members of a generated network."""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass

import numpy as np
import numpy.typing as npt
from faker import Faker

from warmnet.engine.data import MemberRole, OrganisationKind
from warmnet.generate import vocab

__all__ = ["Members", "Organisations", "make_members", "make_organisations"]

IntArray = npt.NDArray[np.int64]


@dataclass
class Organisations:
    name: list[str]
    kind: npt.NDArray[np.int8]
    location: list[str]
    city: list[str]
    domain: list[str]
    #: The dossier each organisation cares most about (row), so its people cluster there.
    dossier: IntArray


@dataclass
class Members:
    org: IntArray
    role: npt.NDArray[np.int8]
    joined: npt.NDArray[np.datetime64]  # datetime64[D]
    left: npt.NDArray[np.datetime64]  # datetime64[D], NaT: still in
    name: list[str]
    email: list[str]
    dossier: IntArray  # home dossier row
    team: IntArray  # working group row
    team_dossier: IntArray  # per team: its dossier row
    engagement: npt.NDArray[np.float64]  # relative attendance weight


def _slug(text: str) -> str:
    ascii_text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    return re.sub(r"[^a-z0-9]+", "-", ascii_text.lower()).strip("-")


def make_organisations(
    n: int, regions: list[vocab.Region], n_dossiers: int, rng: np.random.Generator, fake: Faker
) -> Organisations:
    """``n`` partners: a province, a water board, municipalities, companies, an NGO and a
    knowledge institute (the proportions of a regional deal), all uniquely named."""
    k = OrganisationKind
    rows: list[tuple[str, int, str, str]] = []  # name, kind, location, city

    def add(name: str, kind: int, location: str, city: str) -> None:
        if len(rows) < n and name not in {r[0] for r in rows}:
            rows.append((name, kind, location, city))

    n_company = max(2, round(0.22 * n))
    n_knowledge = 1 if n < 20 else 3
    n_ngo = 1 if n < 20 else 3
    n_water = 1 if n < 15 else 2
    for region in regions:
        add(
            f"Provincie {region.province}",
            k.PROVINCE,
            f"Provinciehuis {region.province}",
            region.municipalities[0],
        )
    for region in regions:
        for wb in region.water_boards[:n_water]:
            add(
                f"Waterschap {wb}", k.WATER_BOARD, f"Waterschapshuis {wb}", region.municipalities[1]
            )
    for region in regions:
        for inst in region.knowledge[:n_knowledge]:
            add(inst, k.KNOWLEDGE_INSTITUTE, f"Campus {inst}", region.municipalities[0])
        for ngo in region.ngos[:n_ngo]:
            add(ngo, k.NGO, f"Kantoor {ngo}", region.municipalities[2])
    if n >= 20:
        for ministry in vocab.NATIONAL[: 1 + n // 40]:
            add(ministry, k.NATIONAL_GOVERNMENT, f"{ministry}, Den Haag", "Den Haag")
    n_municipal = max(1, n - len(rows) - n_company)
    cities = [(c, r) for r in regions for c in r.municipalities]
    for city, _region in cities[:n_municipal]:
        add(f"Gemeente {city}", k.MUNICIPALITY, f"Stadhuis {city}", city)
    companies = [(c, r) for r in regions for c in r.companies]
    for company, region in companies:
        add(company, k.COMPANY, company, str(rng.choice(region.municipalities)))
    while len(rows) < n:  # large networks: more companies than any region lists
        city = str(rng.choice([c for c, _ in cities]))
        add(fake.company(), k.COMPANY, f"Kantoor {city}", city)

    order = rng.permutation(len(rows) - 1) + 1  # the province stays first: it convenes
    rows = [rows[0]] + [rows[i] for i in order]
    domains: list[str] = []
    for name, *_ in rows:
        short = re.sub(r"^(Gemeente|Provincie|Waterschap) ", "", name)
        base = _slug(short)[:40] or "org"
        domain = f"{base}.example"
        i = 2
        while domain in domains:
            domain, i = f"{base}{i}.example", i + 1
        domains.append(domain)
    return Organisations(
        name=[r[0] for r in rows],
        kind=np.array([r[1] for r in rows], dtype=np.int8),
        location=[r[2] for r in rows],
        city=[r[3] for r in rows],
        domain=domains,
        dossier=rng.integers(0, n_dossiers, size=len(rows)).astype(np.int64),
    )


def _org_sizes(kinds: npt.NDArray[np.int8], m: int, rng: np.random.Generator) -> IntArray:
    """Members per organisation: every partner has one, governments delegate more."""
    weight = np.where(
        np.isin(kinds, [OrganisationKind.PROVINCE, OrganisationKind.MUNICIPALITY]), 2.0, 1.0
    ) * rng.lognormal(0.0, 0.4, size=kinds.size)
    extra = rng.multinomial(m - kinds.size, weight / weight.sum())
    return (1 + extra).astype(np.int64)


def make_members(
    m: int,
    orgs: Organisations,
    n_dossiers: int,
    start: np.datetime64,
    end: np.datetime64,
    rng: np.random.Generator,
    fake: Faker,
) -> Members:
    """``m`` people with roles, dates and working groups.  Most are founding members; a
    few join later (newcomers, some of them recently) and some leave along the way."""
    n_org = len(orgs.name)
    org = np.repeat(np.arange(n_org), _org_sizes(orgs.kind, m, rng))
    org = org[rng.permutation(m)]
    # the coordinator is the convening province's; member 0 for easy finding
    first_of_province = int(np.flatnonzero(org == 0)[0])
    org[[0, first_of_province]] = org[[first_of_province, 0]]

    role = np.full(m, MemberRole.PARTICIPANT, dtype=np.int8)
    n_core = max(6, round(0.08 * m))
    role[1 : 1 + n_core] = MemberRole.CORE_TEAM
    observers = rng.choice(np.arange(1 + n_core, m), size=max(1, round(0.05 * m)), replace=False)
    role[observers] = MemberRole.OBSERVER
    role[0] = MemberRole.COORDINATOR

    days = int((end - start).astype(np.int64))
    joined = np.full(m, start, dtype="datetime64[D]")
    u = rng.random(m)
    early = (u >= 0.80) & (u < 0.88)  # joined in the first two months
    joined[early] = start + rng.integers(1, 60, size=int(early.sum()))
    late = u >= 0.88  # newcomers along the way, a couple of them recently
    late_days = rng.integers(60, max(61, days), size=int(late.sum()))
    recent = rng.random(int(late.sum())) < 0.25
    late_days[recent] = days - rng.integers(5, 80, size=int(recent.sum()))
    joined[late] = start + np.clip(late_days, 1, days)
    joined[: 1 + n_core] = start  # the core team founded the network

    left = np.full(m, np.datetime64("NaT"), dtype="datetime64[D]")
    leaving = (rng.random(m) < 0.10) & (role != MemberRole.COORDINATOR)
    leave_day = (joined - start).astype(np.int64) + rng.integers(90, max(91, days), size=m)
    leaving &= leave_day < days - 30
    left[leaving] = start + leave_day[leaving]

    dossier = np.where(rng.random(m) < 0.6, orgs.dossier[org], rng.integers(0, n_dossiers, m))
    # working groups of about twenty within each dossier
    per_dossier = np.bincount(dossier, minlength=n_dossiers)
    n_teams = np.maximum(1, np.round(per_dossier / 20).astype(np.int64))
    team_offset = np.concatenate([[0], np.cumsum(n_teams)[:-1]])
    team = team_offset[dossier] + (rng.random(m) * n_teams[dossier]).astype(np.int64)
    team_dossier = np.repeat(np.arange(n_dossiers), n_teams)

    engagement = rng.lognormal(0.0, 0.5, size=m)
    engagement[role == MemberRole.COORDINATOR] *= 3.0
    engagement[role == MemberRole.CORE_TEAM] *= 2.0
    engagement[role == MemberRole.OBSERVER] *= 0.3

    names: list[str] = []
    emails: list[str] = []
    seen: set[str] = set()
    for i in range(m):
        first, last = fake.first_name(), fake.last_name()
        names.append(f"{first} {last}")
        local = f"{_slug(first)}.{_slug(last)}".replace("-", "")
        email, n = f"{local}@{orgs.domain[org[i]]}", 2
        while email in seen:
            email, n = f"{local}{n}@{orgs.domain[org[i]]}", n + 1
        seen.add(email)
        emails.append(email)

    return Members(
        org=org.astype(np.int64),
        role=role,
        joined=joined,
        left=left,
        name=names,
        email=emails,
        dossier=dossier.astype(np.int64),
        team=team.astype(np.int64),
        team_dossier=team_dossier.astype(np.int64),
        engagement=engagement,
    )
