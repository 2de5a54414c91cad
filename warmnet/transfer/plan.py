"""Match every row to what the network already holds and decide what to change.

Rows are matched by natural keys: an organisation or dossier by name, a member
by e-mail (else name plus organisation), an activity by title plus start date,
a point by dossier plus title, milestones and hard moments by title plus date.
Names are matched regardless of case and spacing.  Nothing is written here:
the result is a :class:`Plan` that the writer carries out only when no row had
a problem.

Rows refer to each other by *ref*, a position in an :class:`Index` of known
rows (existing ones, with their ids, and the ones this import adds), so a
member can point at an organisation that is only created later in the same
import.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable, Hashable, Iterable
from dataclasses import dataclass, field
from typing import Any

from django.db import models
from django.utils import timezone
from django.utils.translation import gettext as _

from warmnet.activities.models import Activity, ActivityKind, Contact, ContactChannel
from warmnet.dossiers.models import (
    Dossier,
    HardMoment,
    Milestone,
    MilestoneKind,
    Outcome,
    Point,
    PointKind,
    PointStatus,
    Position,
    Stance,
)
from warmnet.network.models import Member, Network, Organisation, OrganisationKind, Role
from warmnet.transfer.labels import choice_table, normal_key
from warmnet.transfer.recognise import Layout
from warmnet.transfer.report import Counts, Problems
from warmnet.transfer.roles import check_member_change, check_new_member
from warmnet.transfer.rows import RowReader, safe_rows
from warmnet.transfer.values import (
    parse_choice,
    parse_date,
    parse_datetime,
    parse_email,
    parse_minutes,
    parse_share,
    parse_time,
)

__all__ = ["KEEP", "Changes", "Index", "MemberIndex", "Plan", "Planner"]


_LOOKS_LIKE_EMAIL = re.compile(r"[^@\s]+@[^@\s]+\.[^@\s]+")


class _Keep:
    """A cell that was not given: keep what is there (or use the default when creating)."""

    def __repr__(self) -> str:
        return "KEEP"


KEEP: Any = _Keep()


@dataclass
class Index:
    ids: list[int | None] = field(default_factory=list)
    by_key: dict[Hashable, int] = field(default_factory=dict)
    ref_of_id: dict[int, int] = field(default_factory=dict)

    def add(self, key: Hashable, pk: int | None = None) -> int:
        ref = len(self.ids)
        self.ids.append(pk)
        if key is not None:
            self.by_key.setdefault(key, ref)
        if pk is not None:
            self.ref_of_id[pk] = ref
        return ref

    def ref(self, pk: int | None) -> int | None:
        return None if pk is None else self.ref_of_id.get(pk)


@dataclass
class MemberIndex(Index):
    by_email: dict[str, int] = field(default_factory=dict)
    by_name_org: dict[tuple[str, int], int] = field(default_factory=dict)
    by_name: dict[str, list[int]] = field(default_factory=dict)

    def add_member(self, pk: int | None, name: str, org_ref: int, email: str) -> int:
        ref = self.add(None, pk)
        self.remember(ref, name, org_ref, email)
        return ref

    def remember(self, ref: int, name: str, org_ref: int, email: str) -> None:
        if email:
            self.by_email.setdefault(email.casefold(), ref)
        self.by_name_org.setdefault((normal_key(name), org_ref), ref)
        refs = self.by_name.setdefault(normal_key(name), [])
        if ref not in refs:
            refs.append(ref)


@dataclass
class Changes:
    """What one entity's rows will do: rows to create, rows to update, rows left alone."""

    model: type[models.Model]
    fields: tuple[str, ...]
    index: Index
    #: foreign-key field -> the index its refs point into
    refs: dict[str, Index]
    create: list[tuple[int, tuple[Any, ...]]] = field(default_factory=list)
    update: list[tuple[int, dict[str, Any]]] = field(default_factory=list)
    counts: Counts = field(default_factory=Counts)


@dataclass
class Plan:
    network: Network
    changes: dict[str, Changes]
    # attendance is planned separately, as arrays (see attendance.py)
    attendance: Any = None


_ROLE = choice_table(Role)


@dataclass
class _Spec:
    """How the generic planner treats one record entity."""

    key: str
    model: type[models.Model]
    fields: tuple[str, ...]
    index: Index
    refs: dict[str, Index]
    clean: Callable[[RowReader], tuple[Hashable, dict[str, Any]] | None]
    defaults: dict[str, Callable[[dict[str, Any]], Any]]
    #: fields a new row must have, with the column that gives them
    required: dict[str, str]
    check: Callable[[RowReader, dict[str, Any]], None] | None = None


class Planner:
    def __init__(self, network: Network, today: dt.date, errors: Problems) -> None:
        self.network = network
        self.today = today
        self.errors = errors
        self.tz = timezone.get_current_timezone()
        self.orgs = Index()
        self.dossiers = Index()
        self.members = MemberIndex()
        self.activities = Index()
        self.points = Index()
        # Whether the importing person may set roles and end memberships (see roles.py).
        self.manages_roles = True
        self.changes: dict[str, Changes] = {}
        self.existing: dict[str, list[tuple[Any, ...] | None]] = {}
        #: refs of new members whose sheet gave no join date (see transfer/joined.py)
        self.joined_by_default: set[int] = set()
        self.kinds = {
            "organisation": choice_table(OrganisationKind),
            "activity": choice_table(ActivityKind),
            "point": choice_table(PointKind),
            "point_status": choice_table(PointStatus),
            "milestone": choice_table(MilestoneKind),
            "outcome": choice_table(Outcome),
            "channel": choice_table(ContactChannel),
            "stance": choice_table(Stance),
            "role": _ROLE,
        }
        self._specs = self._make_specs()

    # -- the known rows -------------------------------------------------------------------

    def _load(self, spec: _Spec, key_of: Callable[[tuple[Any, ...]], Hashable]) -> None:
        """Index the network's existing rows of one entity, values held as tuples."""
        fk = {name: index for name, index in spec.refs.items()}
        columns = ["pk", *(f"{f}_id" if f in fk else f for f in spec.fields)]
        rows: list[tuple[Any, ...] | None] = []
        queryset = spec.model._default_manager.filter(network=self.network)
        for pk, *values in queryset.values_list(*columns).iterator(chunk_size=5000):
            for position, name in enumerate(spec.fields):
                if name in fk:
                    values[position] = fk[name].ref(values[position])
            row = tuple(values)
            spec.index.add(key_of(row), pk)
            rows.append(row)
        self.existing[spec.key] = rows

    def load(self) -> None:
        specs = self._specs
        self._load(specs["organisations"], lambda r: normal_key(r[0]))
        self._load(specs["dossiers"], lambda r: normal_key(r[0]))
        self._load_members()
        local = self.tz
        self._load(
            specs["activities"],
            lambda r: (normal_key(r[0]), timezone.localtime(r[1], local).date()),
        )
        self._load(specs["points"], lambda r: (r[0], normal_key(r[1])))
        self._load(specs["milestones"], lambda r: (normal_key(r[0]), r[1]))
        self._load_hard_moments()
        self._load(specs["contacts"], lambda r: (*sorted((r[0], r[1])), r[2]))
        self._load(specs["positions"], lambda r: (r[0], r[1], r[2], r[3]))

    def _load_members(self) -> None:
        rows: list[tuple[Any, ...] | None] = []
        columns = ("pk", "name", "organisation_id", "email", "role", "joined_on", "left_on")
        for pk, name, org_id, email, role, joined, left in (
            Member.objects.filter(network=self.network).values_list(*columns).iterator()
        ):
            org_ref = self.orgs.ref(org_id)
            assert org_ref is not None
            self.members.add_member(pk, name, org_ref, email)
            rows.append((name, org_ref, email, role, joined, left))
        self.existing["members"] = rows

    def _load_hard_moments(self) -> None:
        spec = self._specs["hard_moments"]
        parties: dict[int, set[int]] = {}
        through = HardMoment.parties.through
        for moment_id, org_id in through.objects.filter(
            hardmoment__network=self.network
        ).values_list("hardmoment_id", "organisation_id"):
            org_ref = self.orgs.ref(org_id)
            if org_ref is not None:
                parties.setdefault(moment_id, set()).add(org_ref)
        rows: list[tuple[Any, ...] | None] = []
        queryset = HardMoment.objects.filter(network=self.network)
        for pk, *values in queryset.values_list("pk", *spec.fields[:-1]):
            row = (*values, frozenset(parties.get(pk, ())))
            spec.index.add((normal_key(row[0]), row[1]), pk)
            rows.append(row)
        self.existing["hard_moments"] = rows

    # -- resolving references -------------------------------------------------------------

    def org_ref(self, row: RowReader, column: str, *, create: bool = False) -> int | None:
        name = row.text(column, max_length=200)
        if not name:
            return None
        ref = self.orgs.by_key.get(normal_key(name))
        if ref is None and create:
            ref = self._create_org(name)
        if ref is None:
            row.error(column, name, _("There is no organisation with this name."))
        return ref

    def _create_org(self, name: str) -> int:
        """An organisation named in a members sheet but not listed: add it, kind "other"."""
        changes = self.changes.setdefault("organisations", self._changes("organisations"))
        ref = self.orgs.add(normal_key(name))
        self.existing["organisations"].append(None)
        changes.create.append((ref, (name, OrganisationKind.OTHER)))
        changes.counts.created += 1
        return ref

    def member_ref(
        self, row: RowReader, name_column: str, email_column: str, org_column: str = ""
    ) -> int | None:
        """A member by e-mail, else by name (plus organisation when the name is not unique)."""
        email = row.text(email_column) if email_column else ""
        name = row.text(name_column) if name_column else ""
        org = row.text(org_column) if org_column else ""
        ref, problem = self.find_member(email, name, org)
        if problem:
            column = email_column if email and email_column else name_column
            row.error(column, email or name, problem)
        return ref

    def find_member(self, email: str, name: str, org_name: str) -> tuple[int | None, str]:
        """The member's ref, or None and the reason it cannot be found."""
        if not email and _LOOKS_LIKE_EMAIL.fullmatch(name):
            email, name = name, ""
        if email:
            ref = self.members.by_email.get(email.casefold())
            return ref, "" if ref is not None else _("There is no member with this e-mail address.")
        if not name:
            return None, _("Say who: give a name or an e-mail address.")
        if org_name:
            org = self.orgs.by_key.get(normal_key(org_name))
            found = None
            if org is not None:
                found = self.members.by_name_org.get((normal_key(name), org))
            if found is None:
                return None, _("There is no member with this name at this organisation.")
            return found, ""
        refs = self.members.by_name.get(normal_key(name), [])
        if len(refs) == 1:
            return refs[0], ""
        if refs:
            return None, _(
                "Several members have this name; add their e-mail address or organisation."
            )
        return None, _("There is no member with this name.")

    def aware(self, moment: dt.datetime) -> dt.datetime:
        return timezone.make_aware(moment, self.tz)

    # -- the entities ---------------------------------------------------------------------

    def _changes(self, key: str) -> Changes:
        spec = self._specs[key]
        return Changes(spec.model, spec.fields, spec.index, spec.refs)

    def _make_specs(self) -> dict[str, _Spec]:
        def today(_values: dict[str, Any]) -> dt.date:
            return self.today

        def constant(value: Any) -> Callable[[dict[str, Any]], Any]:
            return lambda _values: value

        specs = [
            _Spec(
                "organisations",
                Organisation,
                ("name", "kind"),
                self.orgs,
                {},
                self._clean_organisation,
                {"kind": constant(OrganisationKind.OTHER)},
                {},
            ),
            _Spec(
                "dossiers",
                Dossier,
                ("name", "description"),
                self.dossiers,
                {},
                self._clean_dossier,
                {"description": constant("")},
                {},
            ),
            _Spec(
                "members",
                Member,
                ("name", "organisation", "email", "role", "joined_on", "left_on"),
                self.members,
                {"organisation": self.orgs},
                self._clean_member,
                {
                    "email": constant(""),
                    "role": constant(Role.PARTICIPANT),
                    "joined_on": today,
                    "left_on": constant(None),
                },
                {},
                self._check_member,
            ),
            _Spec(
                "activities",
                Activity,
                (
                    "title",
                    "start",
                    "kind",
                    "duration_minutes",
                    "location",
                    "host_organisation",
                    "dossier",
                    "relationship_share",
                    "description",
                ),
                self.activities,
                {"host_organisation": self.orgs, "dossier": self.dossiers},
                self._clean_activity,
                {
                    "location": constant(""),
                    "host_organisation": constant(None),
                    "dossier": constant(None),
                    "relationship_share": constant(None),
                    "description": constant(""),
                },
                {"kind": "kind", "duration_minutes": "duration_minutes"},
            ),
            _Spec(
                "points",
                Point,
                ("dossier", "title", "kind", "status", "opened_on", "status_since", "description"),
                self.points,
                {"dossier": self.dossiers},
                self._clean_point,
                {
                    "kind": constant(PointKind.DISPUTE),
                    "status": constant(PointStatus.OPEN),
                    "status_since": lambda v: v["opened_on"],
                    "description": constant(""),
                },
                {},
                self._check_point,
            ),
            _Spec(
                "milestones",
                Milestone,
                ("title", "date", "kind", "dossier"),
                Index(),
                {"dossier": self.dossiers},
                self._clean_milestone,
                {"dossier": constant(None)},
                {},
            ),
            _Spec(
                "hard_moments",
                HardMoment,
                ("title", "date", "outcome", "description", "parties"),
                Index(),
                {"parties": self.orgs},
                self._clean_hard_moment,
                {
                    "outcome": constant(Outcome.UNKNOWN),
                    "description": constant(""),
                    "parties": constant(frozenset()),
                },
                {},
            ),
            _Spec(
                "contacts",
                Contact,
                ("member_a", "member_b", "date", "channel", "note"),
                Index(),
                {"member_a": self.members, "member_b": self.members},
                self._clean_contact,
                {"channel": constant(ContactChannel.IN_PERSON), "note": constant("")},
                {},
            ),
            _Spec(
                "positions",
                Position,
                ("point", "member", "organisation", "date", "stance", "note"),
                Index(),
                {"point": self.points, "member": self.members, "organisation": self.orgs},
                self._clean_position,
                {"note": constant("")},
                {},
            ),
        ]
        return {s.key: s for s in specs}

    def _choice(self, row: RowReader, column: str, table: str) -> Any:
        if not row.has(column):
            return KEEP
        value = row.parse(column, parse_choice, self.kinds[table])
        return KEEP if value is None else value

    def _text(self, row: RowReader, column: str, max_length: int = 0) -> Any:
        return row.text(column, max_length=max_length) if row.has(column) else KEEP

    def _clean_organisation(self, row: RowReader) -> tuple[Hashable, dict[str, Any]] | None:
        name = row.text("name", max_length=200, required=True)
        values = {"name": name, "kind": self._choice(row, "kind", "organisation")}
        return normal_key(name), values

    def _clean_dossier(self, row: RowReader) -> tuple[Hashable, dict[str, Any]] | None:
        name = row.text("name", max_length=200, required=True)
        return normal_key(name), {"name": name, "description": self._text(row, "description")}

    def _clean_member(self, row: RowReader) -> tuple[Hashable, dict[str, Any]] | None:
        name = row.text("name", max_length=200, required=True)
        if not row.text("organisation"):
            row.error("organisation", "", _("This cell may not be empty."))
        org = self.org_ref(row, "organisation", create=True) if row.ok else None
        email = row.parse("email", parse_email) if row.has("email") else None
        values = {
            "name": name,
            "organisation": org,
            # an empty e-mail never clears one: the e-mail is how members are matched
            "email": email or KEEP,
            "role": self._choice(row, "role", "role"),
            "joined_on": row.parse("joined_on", parse_date) or KEEP,
            "left_on": row.parse("left_on", parse_date) if row.has("left_on") else KEEP,
        }
        return None, values

    def _check_member(self, row: RowReader, merged: dict[str, Any]) -> None:
        left, joined = merged["left_on"], merged["joined_on"]
        if left is not None and joined is not None and left < joined:
            row.error("left_on", left, _("A member cannot leave before joining."))

    def _clean_activity(self, row: RowReader) -> tuple[Hashable, dict[str, Any]] | None:
        title = row.text("title", max_length=200, required=True)
        start = KEEP
        day: dt.date | None = None
        parsed = row.parse("start", parse_datetime)
        if parsed is None and not row.text("start"):
            row.error("start", "", _("This cell may not be empty."))
        if parsed is not None:
            moment, has_time = parsed
            day = moment.date()
            clock = row.parse("time", parse_time) if row.has("time") else None
            if clock is not None:
                moment, has_time = dt.datetime.combine(day, clock), True
            # a date without a time leaves an existing activity's time alone
            start = (self.aware(moment), has_time)
        values = {
            "title": title,
            "start": start,
            "kind": self._choice(row, "kind", "activity"),
            "duration_minutes": (row.parse("duration_minutes", parse_minutes) or KEEP),
            "location": self._text(row, "location", 200),
            "host_organisation": self.org_ref(row, "host_organisation")
            if row.has("host_organisation")
            else KEEP,
            "dossier": self._dossier_ref(row) if row.has("dossier") else KEEP,
            "relationship_share": row.parse("relationship_share", parse_share)
            if row.has("relationship_share")
            else KEEP,
            "description": self._text(row, "description"),
        }
        return (normal_key(title), day), values

    def _dossier_ref(self, row: RowReader) -> int | None:
        name = row.text("dossier")
        if not name:
            return None
        ref = self.dossiers.by_key.get(normal_key(name))
        if ref is None:
            row.error("dossier", name, _("There is no dossier with this name."))
        return ref

    def _clean_point(self, row: RowReader) -> tuple[Hashable, dict[str, Any]] | None:
        if not row.text("dossier"):
            row.error("dossier", "", _("This cell may not be empty."))
        dossier = self._dossier_ref(row)
        title = row.text("title", max_length=200, required=True)
        opened = row.parse("opened_on", parse_date)
        if opened is None and not row.text("opened_on"):
            row.error("opened_on", "", _("This cell may not be empty."))
        values = {
            "dossier": dossier,
            "title": title,
            "kind": self._choice(row, "kind", "point"),
            "status": self._choice(row, "status", "point_status"),
            "opened_on": opened,
            "status_since": row.parse("status_since", parse_date) or KEEP,
            "description": self._text(row, "description"),
        }
        return (dossier, normal_key(title)), values

    def _check_point(self, row: RowReader, merged: dict[str, Any]) -> None:
        if merged["status_since"] < merged["opened_on"]:
            row.error(
                "status_since",
                merged["status_since"],
                _("The status cannot date from before the point opened."),
            )

    def _required_date(self, row: RowReader, column: str) -> dt.date | None:
        value = row.parse(column, parse_date)
        if value is None and not row.text(column):
            row.error(column, "", _("This cell may not be empty."))
        return value

    def _clean_milestone(self, row: RowReader) -> tuple[Hashable, dict[str, Any]] | None:
        title = row.text("title", max_length=200, required=True)
        date = self._required_date(row, "date")
        kind = self._choice(row, "kind", "milestone")
        if kind is KEEP and not row.text("kind"):
            row.error("kind", "", _("This cell may not be empty."))
        values = {
            "title": title,
            "date": date,
            "kind": kind,
            "dossier": self._dossier_ref(row) if row.has("dossier") else KEEP,
        }
        return (normal_key(title), date), values

    def _clean_hard_moment(self, row: RowReader) -> tuple[Hashable, dict[str, Any]] | None:
        title = row.text("title", max_length=200, required=True)
        date = self._required_date(row, "date")
        parties: Any = KEEP
        if row.has("parties"):
            refs = set()
            raw = row.text("parties")
            for name in (n.strip() for n in raw.replace("\n", ";").split(";")):
                if not name:
                    continue
                ref = self.orgs.by_key.get(normal_key(name))
                if ref is None:
                    row.error("parties", name, _("There is no organisation with this name."))
                else:
                    refs.add(ref)
            parties = frozenset(refs)
        values = {
            "title": title,
            "date": date,
            "outcome": self._choice(row, "outcome", "outcome"),
            "description": self._text(row, "description"),
            "parties": parties,
        }
        return (normal_key(title), date), values

    def _clean_contact(self, row: RowReader) -> tuple[Hashable, dict[str, Any]] | None:
        a = self.member_ref(row, *self._present(row, "member", "member_email"))
        b = self.member_ref(row, *self._present(row, "with", "with_email"))
        date = self._required_date(row, "date")
        if a is not None and a == b:
            row.error("with", row.text("with"), _("A contact is between two different members."))
        values = {
            "member_a": a,
            "member_b": b,
            "date": date,
            "channel": self._choice(row, "channel", "channel"),
            "note": self._text(row, "note"),
        }
        pair = sorted((a or 0, b or 0))
        return (*pair, date), values

    @staticmethod
    def _present(row: RowReader, *columns: str) -> list[str]:
        """The columns, with "" for those the sheet does not have."""
        return [c if row.has(c) else "" for c in columns]

    def _clean_position(self, row: RowReader) -> tuple[Hashable, dict[str, Any]] | None:
        dossier = self._dossier_ref(row)
        title = row.text("point", required=True)
        point = self.points.by_key.get((dossier, normal_key(title)))
        if point is None and row.ok:
            row.error("point", title, _("There is no point with this title in this dossier."))
        member = org = None
        named = (row.has("member") and row.text("member")) or (
            row.has("member_email") and row.text("member_email")
        )
        if named:
            member = self.member_ref(
                row, *self._present(row, "member", "member_email", "organisation")
            )
        elif row.has("organisation") and row.text("organisation"):
            org = self.org_ref(row, "organisation")
        else:
            row.error("member", "", _("Say who holds this position: a member or an organisation."))
        date = self._required_date(row, "date")
        stance = self._choice(row, "stance", "stance")
        if stance is KEEP and not row.text("stance"):
            row.error("stance", "", _("This cell may not be empty."))
        values = {
            "point": point,
            "member": member,
            "organisation": org,
            "date": date,
            "stance": stance,
            "note": self._text(row, "note"),
        }
        return (point, member, org, date), values

    # -- the generic matcher ---------------------------------------------------------------

    def plan_records(self, key: str, layouts: Iterable[Layout]) -> None:
        spec = self._specs[key]
        changes = self.changes.setdefault(key, self._changes(key))
        existing = self.existing[key]
        seen: dict[int, tuple[str, int]] = {}
        for layout in layouts:
            row = RowReader(layout, self.errors)
            for line, cells in safe_rows(layout, self.errors):
                row.start(line, cells)
                cleaned = spec.clean(row)
                if cleaned is None or not row.ok:
                    continue
                natural, values = cleaned
                ref = self._match(key, natural, values)
                if ref is not None and ref in seen:
                    file, first = seen[ref]
                    row.error(
                        "",
                        "",
                        _("This row is the same record as line %(line)s of %(file)s.")
                        % {"line": first, "file": file},
                    )
                    continue
                before = existing[ref] if ref is not None else None
                if before is None:
                    ref = self._plan_create(spec, changes, row, natural, values, ref)
                else:
                    assert ref is not None
                    self._plan_update(spec, changes, row, ref, before, values)
                if ref is not None:
                    seen[ref] = (layout.table.file, line)

    def _match(self, key: str, natural: Hashable, values: dict[str, Any]) -> int | None:
        if key != "members":
            return self._specs[key].index.by_key.get(natural)
        members = self.members
        email = values["email"]
        if email is not KEEP:
            ref = members.by_email.get(email.casefold())
            if ref is not None:
                return ref
        ref = members.by_name_org.get((normal_key(values["name"]), values["organisation"]))
        if ref is None:
            return None
        # the same name at the same organisation but another e-mail is another person
        existing_row = self.existing["members"][ref]
        known_email = existing_row[2] if existing_row else ""
        if email is not KEEP and known_email and known_email.casefold() != email.casefold():
            return None
        return ref

    def _activity_start(self, value: Any, before: Any) -> Any:
        if value is KEEP:
            return KEEP
        moment, has_time = value
        if has_time or before is None:
            return moment
        local = timezone.localtime(before, self.tz)
        return self.aware(dt.datetime.combine(moment.date(), local.time().replace(tzinfo=None)))

    def _plan_create(
        self,
        spec: _Spec,
        changes: Changes,
        row: RowReader,
        natural: Hashable,
        values: dict[str, Any],
        ref: int | None,
    ) -> int | None:
        if "start" in values:
            values["start"] = self._activity_start(values["start"], None)
        for name, column in spec.required.items():
            if values[name] is KEEP:
                row.error(column, "", _("A new row needs a value here."))
        if not row.ok:
            return None
        defaulted = {name for name in spec.defaults if values[name] is KEEP}
        for name, default in spec.defaults.items():
            if values[name] is KEEP:
                values[name] = default(values)
        if spec.check:
            spec.check(row, values)
            if not row.ok:
                return None
        if spec.key == "members" and not self.manages_roles:
            check_new_member(row, values)
            if not row.ok:
                return None
        if ref is None:
            if spec.key == "members":
                ref = self.members.add_member(
                    None, values["name"], values["organisation"], values["email"]
                )
                if "joined_on" in defaulted:
                    self.joined_by_default.add(ref)
            else:
                ref = spec.index.add(natural)
            self.existing[spec.key].append(None)
        changes.create.append((ref, tuple(values[f] for f in spec.fields)))
        changes.counts.created += 1
        return ref

    def _plan_update(
        self,
        spec: _Spec,
        changes: Changes,
        row: RowReader,
        ref: int,
        before: tuple[Any, ...],
        values: dict[str, Any],
    ) -> None:
        old = dict(zip(spec.fields, before, strict=True))
        if "start" in values:
            values["start"] = self._activity_start(values["start"], old["start"])
        diff = {
            name: value
            for name, value in values.items()
            if value is not KEEP and not _same(value, old[name])
        }
        if spec.check:
            spec.check(row, {**old, **diff})
            if not row.ok:
                return
        if spec.key == "members" and not self.manages_roles:
            check_member_change(row, diff)
            if not row.ok:
                return
        if diff:
            pk = spec.index.ids[ref]
            assert pk is not None
            changes.update.append((pk, diff))
            changes.counts.updated += 1
            if spec.key == "members":
                self.members.remember(
                    ref, values["name"], values["organisation"], diff.get("email", old["email"])
                )
        else:
            changes.counts.unchanged += 1


def _same(new: Any, old: Any) -> bool:
    if isinstance(new, str) and isinstance(old, str) and "@" in new:
        return new.casefold() == old.casefold()
    if isinstance(new, float) and isinstance(old, float):
        return abs(new - old) < 1e-9
    return bool(new == old)
