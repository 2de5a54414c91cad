"""Every sentence the analysis can say, as a message key with named parameters.

Results never hold finished sentences: each verdict, piece of evidence, signal
and suggestion carries a :class:`Message` (a key and its parameters).  The
English templates below are the engine's own fallback, so a command line can
print a report without Django; the web side mirrors :data:`MESSAGES` in its
translation catalogue (Dutch first) and renders the same keys with the same
parameter names.  :data:`MESSAGE_PARAMS` lists those names per key.

Parameters are plain JSON values: names, whole numbers, percentages as whole
numbers (``drop_pct=80``), months as ``"2025-03"`` and days as ``"2025-03-14"``.
Codes such as a milestone kind or a point status are lower-case names
(``"covenant"``, ``"deadlocked"``) the renderer may translate.
"""

from __future__ import annotations

import string
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

__all__ = ["MESSAGES", "MESSAGE_PARAMS", "Message", "ParamValue", "render"]

ParamValue = str | int | float

MESSAGES: dict[str, str] = {
    # --- scenario verdicts ------------------------------------------------------
    "scenario.content_first": (
        "Content first: the relationship share stayed below the healthy band in {below_pct}% "
        "of the periods with activity, from the start."
    ),
    "scenario.kickoff_then_content": (
        "Kick-off then content: the relationship share was {early_share_pct}% until {until}, "
        "then fell to {late_share_pct}% and stayed below the healthy band."
    ),
    "scenario.together": (
        "Together: the relationship share stayed in the healthy band in {in_band_pct}% of the "
        "periods with activity, and relationship activity kept going."
    ),
    "scenario.talking_shop": (
        "Talking shop: {above_pct}% of the periods were mostly relationship, without content "
        "progress."
    ),
    "scenario.insufficient_data": (
        "Not enough history to judge: {periods} periods with activity, at least {min_periods} "
        "needed."
    ),
    "scenario.unclear": ("No scenario fits clearly; the closest is {closest} ({score_pct}% fit)."),
    # --- evidence ---------------------------------------------------------------
    "evidence.band_fractions": (
        "Of {periods} periods with activity, {below} were below, {in_band} within and {above} "
        "above the healthy band ({band_low_pct}-{band_high_pct}% relationship)."
    ),
    "evidence.milestone_drop": (
        "Relationship investment fell {drop_pct}% in the {months} months after the "
        "{milestone_kind} of {month} ({milestone})."
    ),
    "evidence.milestone_change": (
        "Relationship investment {change} in the {months} months after the "
        "{milestone_kind} of {month} ({milestone})."
    ),
    "evidence.longest_gap": (
        "The longest stretch without relationship activity was {weeks} weeks, from {start} "
        "to {end}."
    ),
    "evidence.share_break": (
        "The relationship share {moved} from {before_pct}% to {after_pct}% in {period}."
    ),
    "evidence.no_content_progress": (
        "No milestone and no point agreed or converging in the {months} months analysed."
    ),
    "evidence.content_progress": (
        "{milestones} milestones and {points} points agreed or converging in the {months} "
        "months analysed."
    ),
    # --- signals ----------------------------------------------------------------
    "signal.milestone_drop": (
        "Relationship investment dropped {drop_pct}% after the {milestone_kind} of {month} "
        "({milestone})."
    ),
    "signal.relationship_gap": (
        "No relationship activity for {weeks} weeks (last one on {since})."
    ),
    "signal.relationship_never": (
        "No relationship activity of two or more people since the records begin on {since} "
        "({weeks} weeks)."
    ),
    "signal.hard_moment_ahead": (
        "A hard moment is coming: the {milestone_kind} {milestone} on {day}, while only "
        "{connected_pct}% of the people at work on it have a warm tie to another organisation."
    ),
    "signal.hard_moment_ahead_point": (
        'The deadline for "{point}" is {deadline}, and {warm_ties} warm ties cross its sides.'
    ),
    "signal.cold_member": ("{member} ({organisation}) has {warm_ties} warm ties in the network."),
    "signal.newcomer_not_connected": (
        "{member} ({organisation}) joined on {joined} and has no warm tie yet."
    ),
    "signal.organisation_drifting": (
        "{organisation} is drifting away: its attendance fell {drop_pct}%, from {baseline} to "
        "{recent} a month."
    ),
    "signal.faultline_without_bridges": (
        'No warm tie crosses the dispute "{point}" '
        "({for_count} people for, {against_count} against)."
    ),
    "signal.point_stuck": ('"{point}" has been {status} for {months} months.'),
    "signal.talking_shop": (
        "The last {months} months were mostly relationship, without content progress."
    ),
    # --- suggested actions ------------------------------------------------------
    "action.plan_relationship_activity": (
        "Plan a relationship activity before the next hard moment in the content."
    ),
    "action.plan_informal": "Plan an informal meeting, a work visit or an outing.",
    "action.find_buddy": "Pair {member} with a buddy from another organisation.",
    "action.invite_informal": "Invite {member} to the next informal meeting.",
    "action.introduce_newcomer": "Introduce {member} to people from other organisations.",
    "action.visit_organisation": "Hold the next activity at {organisation}, and call them.",
    "action.bridge_dispute": (
        'Bring people from both sides of "{point}" together informally, before it hardens.'
    ),
    "action.revisit_point": 'Put "{point}" back on the agenda, or agree to park it.',
    "action.set_content_goal": "Agree on a concrete content goal and a date for it.",
    # --- suggestions ------------------------------------------------------------
    "suggestion.bridge_dispute": (
        'Bring together {invitees} people from both sides of "{point}": {warm_cross} warm '
        "ties cross it now."
    ),
    "suggestion.bridge_organisations": (
        "{org_a} and {org_b} have {warm_ties} warm ties between them; {invitees} of their "
        "people already know each other a little."
    ),
    "suggestion.buddy": (
        "{member} is cold; {buddy} ({buddy_organisation}) also works on {dossier} and could "
        "be a buddy."
    ),
    "suggestion.peer_consultation": (
        'No peer consultation in the last {days} days: put "how do we help a colleague with '
        'a tough problem" on the agenda of the {invitees} people who met on {last_met}.'
    ),
}


#: Words a sentence says that are made from its figures, not passed in: a change is said
#: as "fell by 13%" or "rose by 5%", never "changed by -13%".  (The web pages say them in
#: the user's language with :mod:`warmnet.ui.words`; this is the English fallback.)
DERIVED: dict[str, tuple[str, ...]] = {
    "change": ("change_pct",),
    "moved": ("before_pct", "after_pct"),
}


def derived_english(params: Mapping[str, ParamValue]) -> dict[str, str]:
    out: dict[str, str] = {}
    change = params.get("change_pct")
    if isinstance(change, int | float):
        size = round(abs(change))
        out["change"] = (
            f"fell by {size}%" if change < 0 and size else
            f"rose by {size}%" if change > 0 and size else "stayed the same"
        )  # fmt: skip
    before, after = params.get("before_pct"), params.get("after_pct")
    if isinstance(before, int | float) and isinstance(after, int | float):
        out["moved"] = "fell" if after < before else "rose" if after > before else "stayed"
    return out


def _param_names(template: str) -> tuple[str, ...]:
    names = {name for _, name, _, _ in string.Formatter().parse(template) if name}
    for word, sources in DERIVED.items():
        if word in names:
            names.discard(word)
            names.update(sources)
    return tuple(sorted(names))


#: Parameter names each message key takes.
MESSAGE_PARAMS: dict[str, tuple[str, ...]] = {k: _param_names(v) for k, v in MESSAGES.items()}


@dataclass(frozen=True)
class Message:
    """A sentence to show: a key from :data:`MESSAGES` and its parameters."""

    key: str
    params: Mapping[str, ParamValue] = field(default_factory=dict)

    def render(self) -> str:
        return render(self.key, self.params)

    def to_dict(self) -> dict[str, Any]:
        return {"key": self.key, "params": dict(self.params), "text": self.render()}


def render(key: str, params: Mapping[str, ParamValue]) -> str:
    """The English fallback text of ``key`` with ``params`` filled in."""
    return MESSAGES[key].format(**params, **derived_english(params))
