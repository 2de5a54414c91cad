"""Who is who: the members list and the organisations, with warmth for those who run
the network.

Participants and observers see names, organisations, roles and the organisations'
positions; warmth, last seen and individual positions are for coordinators and the
core team (``RUNNERS``), as on a member's page.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

import numpy as np
from django.core.paginator import Paginator
from django.db.models import Count, Max, Q
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import timezone

from warmnet.activities.models import Activity, Attendance, AttendanceStatus
from warmnet.directory.forms import MemberFilterForm
from warmnet.directory.warmth import MemberWarmth, member_warmth, organisation_warmth
from warmnet.dossiers.models import Position
from warmnet.insights.service import Analysis, analysis_for
from warmnet.network.models import Member, Network, Organisation, members_on
from warmnet.network.params import search_terms
from warmnet.network.scoping import RUNNERS, get_owned, network_view

PAGE = 100
HOSTED = 12
SEEN = (AttendanceStatus.ATTENDED, AttendanceStatus.ACCEPTED)


def _current(day: dt.date) -> Q:
    """Members of an organisation, everywhere in Warmnet (``members_on``)."""
    return members_on(day)


def last_seen(network: Network, member_ids: Iterable[int] | None = None) -> dict[int, dt.datetime]:
    """The start of the last activity (up to now) each member attended or accepted."""
    rows = Attendance.objects.filter(
        network=network, status__in=SEEN, activity__start__lte=timezone.now()
    )
    if member_ids is not None:
        rows = rows.filter(member_id__in=list(member_ids))
    found = rows.values("member_id").annotate(last=Max("activity__start"))
    return {r["member_id"]: r["last"] for r in found}


def last_seen_everyone(network: Network, analysis: Analysis) -> dict[int, dt.datetime]:
    """:func:`last_seen` of every member, read from ``analysis`` (its records up to when
    it was computed) and the attendance of the activities that started since: one query
    over a few activities instead of a pass over all attendance."""
    if analysis.last_seen is None or analysis.computed_at is None:
        return last_seen(network)
    values = analysis.last_seen
    known = ~np.isnat(values)
    ids = np.asarray(analysis.lookup.member_id, dtype=np.int64)[known].tolist()
    instants = values[known].astype("datetime64[us]").tolist()
    seen = {pk: when.replace(tzinfo=dt.UTC) for pk, when in zip(ids, instants, strict=True)}
    started = Activity.objects.filter(
        network=network, start__gt=analysis.computed_at, start__lte=timezone.now()
    ).values_list("pk", flat=True)
    since = (
        Attendance.objects.filter(network=network, activity__in=list(started), status__in=SEEN)
        .values("member_id")
        .annotate(last=Max("activity__start"))
    )
    for row in since:
        previous = seen.get(row["member_id"])
        seen[row["member_id"]] = max(row["last"], previous) if previous else row["last"]
    return seen


@dataclass
class MemberRow:
    member: Member
    warmth: MemberWarmth | None = None
    seen: dt.datetime | None = None


def _sorted(rows: list[tuple[Any, ...]], key: str, desc: bool, extra: dict[int, Any]) -> None:
    """Sort (pk, name, organisation, role, joined) rows in place; ``extra``: warmth or
    last seen by pk when sorting by those."""
    name = lambda r: r[1].casefold()  # noqa: E731
    if key == "organisation":
        rows.sort(key=lambda r: (r[2].casefold(), r[1].casefold()), reverse=desc)
    elif key == "role":
        rows.sort(key=lambda r: (r[3], r[1].casefold()), reverse=desc)
    elif key == "joined":
        rows.sort(key=lambda r: (r[4], r[1].casefold()), reverse=desc)
    elif key == "warmth":
        rows.sort(key=lambda r: (extra[r[0]].rank, r[1].casefold()), reverse=desc)
    elif key == "seen":
        never = dt.datetime.min.replace(tzinfo=dt.UTC)
        # most recent first unless reversed; never seen last
        rows.sort(key=lambda r: (extra.get(r[0]) or never, r[1].casefold()), reverse=not desc)
    else:
        rows.sort(key=name, reverse=desc)


@network_view(search=True)
def member_list(request: HttpRequest) -> HttpResponse:
    """All members, page by page, filtered and sorted; a search (posted, so no name
    stands in an address) shows the first hundred matches."""
    network = request.network  # type: ignore[attr-defined]
    runner = request.member.role in RUNNERS  # type: ignore[attr-defined]
    form = MemberFilterForm(request.GET or None, network=network, runner=runner)
    members = Member.objects.filter(network=network)
    query = search_terms(request)
    if query:
        members = members.filter(Q(name__icontains=query) | Q(organisation__name__icontains=query))
    if (org := form.value("organisation")) is not None:
        members = members.filter(organisation=org)
    if (role := form.value("role")) is not None:
        members = members.filter(role=role)
    today = timezone.localdate()
    if form.value("current") != "all":
        members = members.filter(Q(left_on__isnull=True) | Q(left_on__gte=today))
    rows = list(
        members.values_list("pk", "name", "organisation__name", "role", "joined_on", "left_on")
    )
    warmth: dict[int, MemberWarmth] = {}
    if runner:
        analysis = analysis_for(network)
        warmth = member_warmth(analysis, [(r[0], r[4], r[5]) for r in rows])
        if (wanted := form.value("warmth")) is not None:
            rows = [r for r in rows if warmth[r[0]].status == wanted]
    key, desc = form.value("sort") or "name", bool(form.value("desc"))
    seen: dict[int, dt.datetime] = {}
    if key == "seen":
        seen = last_seen_everyone(network, analysis_for(network))
    _sorted(rows, key, desc, warmth if key == "warmth" else seen)
    page = Paginator(rows, PAGE).get_page(1 if query else request.GET.get("page"))
    ids = [r[0] for r in page.object_list]
    objects = Member.objects.filter(pk__in=ids).select_related("organisation").in_bulk()
    if runner and key != "seen":
        seen = last_seen(network, ids)
    shown: list[Any] = [
        MemberRow(objects[pk], warmth.get(pk), seen.get(pk) if runner else None) for pk in ids
    ]
    page.object_list = shown
    template = "directory/member_list.html"
    if request.htmx:  # type: ignore[attr-defined]
        template += "#rows"
    context = {
        "page": page,
        "q": query,
        "searching": bool(query),
        "filters": form,
        "runner": runner,
        "sort": key,
        "desc": desc,
        "filtered": any(form.value(n) is not None for n in ("organisation", "role", "warmth"))
        or form.value("current") == "all",
    }
    return render(request, template, context)


@network_view()
def organisation_list(request: HttpRequest) -> HttpResponse:
    """The partners, each with its current members and the activities it hosted; their
    warmth across the network for those who run it."""
    network = request.network  # type: ignore[attr-defined]
    today = timezone.localdate()
    now = timezone.now()
    # counted per table and grouped, not as two counts over one join: that join pairs
    # every member of an organisation with every activity it hosted (8 M rows and 21 s
    # on the 10,000-member network)
    members = dict(
        Member.objects.filter(members_on(today), network=network)
        .values("organisation")
        .annotate(n=Count("pk"))
        .values_list("organisation", "n")
    )
    hosted = dict(
        Activity.objects.filter(network=network, start__lte=now, host_organisation__isnull=False)
        .values("host_organisation")
        .annotate(n=Count("pk"))
        .values_list("host_organisation", "n")
    )
    organisations = list(Organisation.objects.filter(network=network))
    for partner in organisations:
        partner.n_members = members.get(partner.pk, 0)  # type: ignore[attr-defined]
        partner.n_hosted = hosted.get(partner.pk, 0)  # type: ignore[attr-defined]
    index: dict[int, int | None] = {}
    if request.member.role in RUNNERS:  # type: ignore[attr-defined]
        analysis = analysis_for(network)
        people = list(
            Member.objects.filter(network=network).values_list(
                "pk", "organisation_id", "joined_on", "left_on"
            )
        )
        statuses = member_warmth(analysis, [(p[0], p[2], p[3]) for p in people])
        minimum = analysis.result.settings.index_min_cross_ties
        by_org: dict[int, list[MemberWarmth]] = {}
        for pk, org, _joined, _left in people:
            if statuses[pk].status != "away":
                by_org.setdefault(org, []).append(statuses[pk])
        for org_pk, active in by_org.items():
            index[org_pk] = round(100 * sum(s.warm_across >= minimum for s in active) / len(active))
    rows = [(org, index.get(org.pk)) for org in organisations]
    return render(
        request,
        "directory/organisation_list.html",
        {"rows": rows, "runner": request.member.role in RUNNERS},  # type: ignore[attr-defined]
    )


def _current_positions(positions: Iterable[Position]) -> list[Position]:
    """The latest position per (holder, point), in the order given (newest first)."""
    seen: set[tuple[int | None, int | None, int]] = set()
    latest = []
    for p in positions:
        key = (p.member_id, p.organisation_id, p.point_id)
        if key not in seen:
            seen.add(key)
            latest.append(p)
    return latest


@network_view()
def organisation_detail(request: HttpRequest, pk: int) -> HttpResponse:
    """One partner: its people, the activities it hosted, where it stands on the points,
    and (for those who run the network) how warm its ties are."""
    network = request.network  # type: ignore[attr-defined]
    org = get_owned(request, Organisation, pk)
    runner = request.member.role in RUNNERS  # type: ignore[attr-defined]
    today = timezone.localdate()
    now = timezone.now()
    members = list(
        Member.objects.filter(network=network, organisation=org).filter(
            Q(left_on__isnull=True) | Q(left_on__gte=today)
        )
    )
    members.sort(key=lambda m: m.name.casefold())
    current = [m for m in members if m.joined_on <= today]
    rows = [MemberRow(m) for m in members]
    warmth = None
    if runner:
        analysis = analysis_for(network)
        statuses = member_warmth(analysis, [(m.pk, m.joined_on, m.left_on) for m in members])
        seen = last_seen(network, [m.pk for m in members])
        for row in rows:
            row.warmth, row.seen = statuses[row.member.pk], seen.get(row.member.pk)
        warmth = organisation_warmth(analysis, org.pk, statuses)
    hosted = Activity.objects.filter(network=network, host_organisation=org)
    hosted_past = hosted.filter(start__lte=now)
    positions = Position.objects.filter(network=network).select_related("point__dossier", "member")
    org_positions = _current_positions(positions.filter(organisation=org).order_by("-date", "-pk"))
    # People's own positions for those who run the network; others see the shared ones.
    people = positions.filter(member__organisation=org)
    member_positions = _current_positions(
        (people if runner else people.filter(shared=True)).order_by("-date", "-pk")
    )
    context = {
        "object": org,
        "rows": rows,
        "n_current": len(current),
        "runner": runner,
        "warmth": warmth,
        "n_hosted": hosted_past.count(),
        "hosted_recent": list(hosted_past.order_by("-start")[:HOSTED]),
        "hosted_coming": list(hosted.filter(start__gt=now).order_by("start")[:HOSTED]),
        "org_positions": org_positions,
        "member_positions": member_positions,
    }
    return render(request, "directory/organisation_detail.html", context)
