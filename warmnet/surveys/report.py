"""A closed round's results as the pages show them, read from its stored snapshot only."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from django.utils.formats import number_format
from django.utils.translation import gettext_lazy as _

from warmnet.surveys.comparison import Behaviour, discrepancy
from warmnet.surveys.items import NETWORK_ITEMS, PARTNER_DIMENSIONS, Item
from warmnet.surveys.models import SurveyRound
from warmnet.surveys.panel import pair_score
from warmnet.surveys.results import UNKNOWN

__all__ = [
    "DISCREPANCY_LABELS",
    "FigureView",
    "ItemView",
    "PairView",
    "item_views",
    "matrix",
    "organisation_choices",
    "pair_views",
    "trend",
]

DISCREPANCY_LABELS = {
    "meet_often_trust_little": _("meet often, trust little"),
    "trust_a_lot_never_meet": _("trust a lot, never meet"),
}


def fmt(value: float | None) -> str:
    # Django's number_format cuts decimals off; round first
    return "\u2013" if value is None else number_format(round(value, 1), 1)


@dataclass(frozen=True)
class Bar:
    label: str
    count: int
    pct: int


@dataclass(frozen=True)
class FigureView:
    n: int
    mean: str
    bars: list[Bar]
    dont_know: int


def figure_view(fig: dict[str, Any]) -> FigureView:
    n = int(fig["n"]) or 1
    bars = [Bar(str(i + 1), c, round(100 * c / n)) for i, c in enumerate(fig["counts"])]
    bars.append(Bar(str(_("don't know")), fig["dont_know"], round(100 * fig["dont_know"] / n)))
    return FigureView(int(fig["n"]), fmt(fig["mean"]), bars, int(fig["dont_know"]))


@dataclass
class ItemView:
    item: Item
    total: FigureView | None
    groups: list[tuple[str, FigureView]] = field(default_factory=list)
    hidden: int = 0
    #: With a filter: the chosen organisation's figures, or None ("too few answers").
    selected: FigureView | None = None


def _org_name(results: dict[str, Any], key: str) -> str:
    if key == UNKNOWN:
        return str(_("organisation since removed"))
    return str(results["organisations"].get(key, "?"))


def organisation_choices(results: dict[str, Any]) -> list[tuple[str, str]]:
    """The organisations a filter may name: those in the round's published groups; any
    other value shows "too few answers" like a hidden group."""
    return sorted(
        ((k, v) for k, v in results["organisations"].items()), key=lambda kv: kv[1].lower()
    )


def item_views(results: dict[str, Any], organisation: str | None) -> list[ItemView]:
    out = []
    for item in NETWORK_ITEMS:
        data = results["items"].get(item.code)
        if data is None:
            continue
        view = ItemView(
            item,
            None if data["total"] is None else figure_view(data["total"]),
            sorted(
                ((_org_name(results, g), figure_view(f)) for g, f in data["groups"].items()),
                key=lambda gf: gf[0].lower(),
            ),
            int(data["hidden_groups"]),
        )
        if organisation is not None and organisation in data["groups"]:
            view.selected = figure_view(data["groups"][organisation])
        out.append(view)
    return out


@dataclass(frozen=True)
class PairView:
    a: str
    b: str
    raters: int
    trust: str
    value: str
    dimensions: list[tuple[Item, str]]
    behaviour: Behaviour | None
    discrepancy: str
    discrepancy_label: str


def pair_views(
    results: dict[str, Any], behaviour: dict[tuple[int, int], Behaviour] | None
) -> list[PairView]:
    out = []
    for pair in results["pairs"]:
        a, b = int(pair["a"]), int(pair["b"])
        key = (min(a, b), max(a, b))
        trust = pair_score(pair, "trust")
        seen = behaviour.get(key) if behaviour is not None else None
        code = discrepancy(trust, seen)
        names = sorted([_org_name(results, str(a)), _org_name(results, str(b))], key=str.lower)
        out.append(
            PairView(
                names[0],
                names[1],
                int(pair["raters"]),
                fmt(trust),
                fmt(pair_score(pair, "value")),
                [
                    (d, fmt((pair["dimensions"].get(d.code) or {}).get("mean")))
                    for d in PARTNER_DIMENSIONS
                ],
                seen,
                code,
                str(DISCREPANCY_LABELS.get(code, "")),
            )
        )
    out.sort(key=lambda p: (p.discrepancy == "", p.a.lower(), p.b.lower()))
    return out


def matrix(results: dict[str, Any]) -> tuple[list[str], list[tuple[str, list[str]]]]:
    """Trust per pair as an organisation x organisation table ("" where too few)."""
    names = {int(k): v for k, v in results["organisations"].items()}
    orgs = sorted(
        {int(p["a"]) for p in results["pairs"]} | {int(p["b"]) for p in results["pairs"]},
        key=lambda o: names.get(o, "").lower(),
    )
    cell: dict[tuple[int, int], str] = {}
    for p in results["pairs"]:
        a, b = int(p["a"]), int(p["b"])
        cell[(a, b)] = cell[(b, a)] = fmt(pair_score(p, "trust"))
    rows = [(names.get(a, "?"), [cell.get((a, b), "") for b in orgs]) for a in orgs]
    return [names.get(o, "?") for o in orgs], rows


def trend(rounds: list[SurveyRound]) -> tuple[list[Item], list[tuple[SurveyRound, list[str]]]]:
    """The network items' whole-round means, round by round (closed rounds, oldest first)."""
    rows = []
    for r in rounds:
        items = (r.results or {}).get("items", {})
        means = []
        for item in NETWORK_ITEMS:
            total = (items.get(item.code) or {}).get("total")
            means.append(fmt(total["mean"]) if total else "")
        rows.append((r, means))
    return list(NETWORK_ITEMS), rows
