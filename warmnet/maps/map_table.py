"""The map as a table: the same members and ties, for screen readers, keyboards and pages
without JavaScript.  Filtered like the map and paged on the server, so even ten thousand
members make a light page."""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
from django.core.paginator import Page, Paginator

from warmnet.engine.warmth import tie_band
from warmnet.insights.service import Analysis
from warmnet.maps.member_map import MemberMap, strongest
from warmnet.maps.palette import OTHER, Style

__all__ = ["PER_PAGE", "MapFilters", "Row", "TieCell", "matching", "table_page"]

PER_PAGE = 50
#: Strongest ties named per member.
NAMED_TIES = 3


@dataclass(frozen=True)
class MapFilters:
    query: str = ""
    organisation: int | None = None
    dossier: int | None = None


@dataclass(frozen=True)
class TieCell:
    pk: int
    name: str
    strength: float
    warm: bool
    #: strong, medium, weak or none (:func:`warmnet.engine.warmth.tie_band`).
    band: str = "none"


@dataclass(frozen=True)
class Row:
    index: int
    pk: int
    name: str
    organisation: str
    style: Style
    warm_ties: int
    ties: int
    strongest: list[TieCell]


def matching(picture: MemberMap, filters: MapFilters) -> np.ndarray:
    """Node indices that pass ``filters``, most warm ties first (then by name)."""
    keep = np.ones(picture.count, dtype=bool)
    if filters.organisation is not None:
        org_pks = np.asarray([o.pk for o in picture.orgs] + [-1], dtype=np.int64)
        keep &= org_pks[picture.org] == filters.organisation
    if filters.dossier is not None:
        members = picture.dossiers.get(filters.dossier, np.zeros(0, dtype=np.int64))
        in_dossier = np.zeros(picture.count, dtype=bool)
        in_dossier[members] = True
        keep &= in_dossier
    if filters.query:
        needle = filters.query.casefold()
        orgs = [o.name.casefold() for o in picture.orgs]
        keep &= np.fromiter(
            (
                needle in name.casefold() or (org >= 0 and needle in orgs[org])
                for name, org in zip(picture.name, picture.org.tolist(), strict=True)
            ),
            dtype=bool,
            count=picture.count,
        )
    found = np.flatnonzero(keep)
    names = np.asarray([picture.name[i].casefold() for i in found.tolist()], dtype=object)
    return found[np.lexsort((names, -picture.warm_ties[found]))] if found.size else found


def table_page(
    picture: MemberMap, analysis: Analysis, filters: MapFilters, number: str | None
) -> Page:  # type: ignore[type-arg]
    """One page of :class:`Row` for the members passing ``filters``."""
    indices = matching(picture, filters)
    page = Paginator(indices.tolist(), PER_PAGE).get_page(number)
    ties = analysis.result.ties
    threshold = picture.warm_threshold
    strong = analysis.result.warmth.strong_threshold
    lookup = analysis.lookup
    rows = []
    for index in page.object_list:
        org = int(picture.org[index])
        rows.append(
            Row(
                index=index,
                pk=int(picture.pk[index]),
                name=picture.name[index],
                organisation=picture.orgs[org].name if org >= 0 else "",
                style=picture.orgs[org].style if org >= 0 else OTHER,
                warm_ties=int(picture.warm_ties[index]),
                ties=int(picture.ties[index]),
                strongest=[
                    TieCell(
                        lookup.member_id[other],
                        lookup.member(other),
                        s,
                        s >= threshold,
                        tie_band(s, threshold, strong),
                    )
                    for other, s in strongest(ties, int(picture.rows[index]), NAMED_TIES)
                ],
            )
        )
    page.object_list = rows
    return page
