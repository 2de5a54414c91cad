"""A closed round's published figures: computed once, when the round closes, and stored.

Every page, filter and export of a round reads from this one stored snapshot; nothing
is computed from the answers afterwards.  So the set of figures a round publishes is
fixed: later changes (a member who leaves, an organisation removed, the answers deleted
after the retention period) cannot make two versions of it differ by one person.
"""

from __future__ import annotations

import secrets
from typing import Any

from warmnet.network.models import Organisation
from warmnet.surveys.anonymity import publish_groups, publish_pairs
from warmnet.surveys.items import NETWORK_ITEMS, OPEN_ITEM, PARTNER_DIMENSIONS, PARTNER_ITEM
from warmnet.surveys.models import OpenAnswer, PartnerRating, Response, SurveyRound

__all__ = ["SNAPSHOT_VERSION", "compute_results"]

SNAPSHOT_VERSION = 1
#: The group of respondents whose organisation was removed after they answered.
UNKNOWN = "none"


def _key(org_id: int | None) -> str:
    return UNKNOWN if org_id is None else str(org_id)


def compute_results(survey: SurveyRound) -> dict[str, Any]:
    """The figures ``survey`` may publish, as plain JSON (see docs/survey.md)."""
    k = survey.min_group
    answers = list(
        Response.objects.filter(round=survey).values(
            "id", "organisation_id", *(i.code for i in NETWORK_ITEMS)
        )
    )
    respondents = len(answers)
    items: dict[str, Any] = {}
    for item in NETWORK_ITEMS:
        if not survey.has(item.code):
            continue
        grouped: dict[str, list[int | None]] = {}
        for a in answers:
            grouped.setdefault(_key(a["organisation_id"]), []).append(a[item.code])
        published = publish_groups(grouped, k)
        items[item.code] = {
            "total": None if published.total is None else published.total.to_dict(),
            "groups": {g: f.to_dict() for g, f in sorted(published.shown.items())},
            "hidden_groups": len(published.hidden),
        }

    pairs: list[dict[str, Any]] = []
    hidden_pairs = 0
    if survey.has(PARTNER_ITEM):
        dims = [d.code for d in PARTNER_DIMENSIONS]
        rows = PartnerRating.objects.filter(response__round=survey).values(
            "response_id", "response__organisation_id", "organisation_id", *dims
        )
        shown, hidden_pairs = publish_pairs(
            (
                (
                    r["response_id"],
                    r["response__organisation_id"],
                    r["organisation_id"],
                    {d: r[d] for d in dims},
                )
                for r in rows
            ),
            dims,
            k,
        )
        pairs = [
            {
                "a": p.a,
                "b": p.b,
                "raters": p.raters,
                "dimensions": {d: f.to_dict() for d, f in p.dimensions.items()},
            }
            for p in shown
        ]

    open_answers: list[str] | None = None
    if survey.has(OPEN_ITEM) and respondents >= k:
        open_answers = list(OpenAnswer.objects.filter(round=survey).values_list("text", flat=True))
        secrets.SystemRandom().shuffle(open_answers)

    mentioned = {int(g) for i in items.values() for g in i["groups"] if g != UNKNOWN}
    mentioned |= {p["a"] for p in pairs} | {p["b"] for p in pairs}
    names = dict(
        Organisation.objects.filter(network=survey.network_id, pk__in=mentioned).values_list(
            "pk", "name"
        )
    )
    return {
        "version": SNAPSHOT_VERSION,
        "min_group": k,
        "respondents": respondents,
        "invited": survey.invitations.count(),
        "items": items,
        "pairs": pairs,
        "hidden_pairs": hidden_pairs,
        "open_answers": open_answers,
        "organisations": {str(pk): name for pk, name in sorted(names.items())},
    }
