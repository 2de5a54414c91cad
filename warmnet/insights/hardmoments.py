"""Hard moments as ground truth, ready for a page: each recorded hard moment with the
relational warmth across its parties before it, beside its outcome."""

from __future__ import annotations

from dataclasses import dataclass

from django.utils.translation import gettext as _

from warmnet.insights.service import Analysis
from warmnet.insights.texts import OUTCOME_LABELS, TIES_BEFORE_LABELS

__all__ = ["HardMomentView", "hard_moment_views"]


@dataclass(frozen=True)
class HardMomentView:
    id: int
    day: object  # datetime.date
    title: str
    parties: str
    ties: str  # code: warm / cool / cold
    ties_label: str
    connected_pct: int
    members: int
    warm_across: int
    outcome: str  # code
    outcome_label: str
    #: "as expected", "not as expected" or "" (outcome unknown, or ties cool)
    reading: str


def hard_moment_views(analysis: Analysis, orgs: set[int] | None = None) -> list[HardMomentView]:
    """The hard moments of ``analysis``, newest first; with ``orgs`` (organisation rows),
    only those whose parties include one of them, or that name no parties."""
    lookup = analysis.lookup
    out = []
    for test in reversed(analysis.result.hard_moments):
        parties = [int(p) for p in test.parties.tolist()]
        if orgs is not None and parties and not (set(parties) & orgs):
            continue
        reading = ""
        if test.as_expected is not None:
            reading = _("as the method expects") if test.as_expected else _("against expectation")
        out.append(
            HardMomentView(
                id=lookup.hard_moment_id[test.moment]
                if test.moment < len(lookup.hard_moment_id)
                else -1,
                day=test.day.astype(object),
                title=lookup.hard_moment(test.moment),
                parties=", ".join(lookup.organisation(p) for p in parties)
                or _("the whole network"),
                ties=test.before.ties.value,
                ties_label=str(TIES_BEFORE_LABELS[test.before.ties.value]),
                connected_pct=round(100 * test.before.share_connected),
                members=test.before.members,
                warm_across=test.before.warm_across,
                outcome=test.outcome.name.lower(),
                outcome_label=str(OUTCOME_LABELS[test.outcome.name.lower()]),
                reading=reading,
            )
        )
    return out
