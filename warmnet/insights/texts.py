"""The engine's sentences, through Django's translation machinery.

The engine names every sentence by key (``warmnet.engine.texts.MESSAGES``,
English); this mirror holds the same English text as gettext message ids so
the catalogues translate them (Dutch first).  A test keeps the two equal.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Mapping
from typing import Any

from django.utils.formats import date_format
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from warmnet.dossiers.models import MilestoneKind, PointStatus
from warmnet.engine.texts import Message, ParamValue
from warmnet.ui.words import change_phrase, direction_word

__all__ = [
    "CATALOGUE",
    "OUTCOME_LABELS",
    "RISK_LABELS",
    "TIES_BEFORE_LABELS",
    "render_message",
    "scenario_label",
]

CATALOGUE: dict[str, Any] = {
    "scenario.content_first": _(
        # xgettext:no-python-format
        "Content first: the relationship share stayed below the healthy band in {below_pct}% of the periods with activity, from the start."
    ),
    "scenario.kickoff_then_content": _(
        # xgettext:no-python-format
        "Kick-off then content: the relationship share was {early_share_pct}% until {until}, then fell to {late_share_pct}% and stayed below the healthy band."
    ),
    "scenario.together": _(
        # xgettext:no-python-format
        "Together: the relationship share stayed in the healthy band in {in_band_pct}% of the periods with activity, and relationship activity kept going."
    ),
    "scenario.talking_shop": _(
        # xgettext:no-python-format
        "Talking shop: {above_pct}% of the periods were mostly relationship, without content progress."
    ),
    "scenario.insufficient_data": _(
        "Not enough history to judge: {periods} periods with activity, at least {min_periods} needed."
    ),
    # xgettext:no-python-format
    "scenario.unclear": _("No scenario fits clearly; the closest is {closest} ({score_pct}% fit)."),
    "evidence.band_fractions": _(
        # xgettext:no-python-format
        "Of {periods} periods with activity, {below} were below, {in_band} within and {above} above the healthy band ({band_low_pct}-{band_high_pct}% relationship)."
    ),
    "evidence.milestone_drop": _(
        # xgettext:no-python-format
        "Relationship investment fell {drop_pct}% in the {months} months after the {milestone_kind} of {month} ({milestone})."
    ),
    "evidence.milestone_change": _(
        # xgettext:no-python-format
        "Relationship investment {change} in the {months} months after the {milestone_kind} of {month} ({milestone})."
    ),
    "evidence.longest_gap": _(
        "The longest stretch without relationship activity was {weeks} weeks, from {start} to {end}."
    ),
    "evidence.share_break": _(
        # xgettext:no-python-format
        "The relationship share {moved} from {before_pct}% to {after_pct}% in {period}."
    ),
    "evidence.no_content_progress": _(
        "No milestone and no point agreed or converging in the {months} months analysed."
    ),
    "evidence.content_progress": _(
        "{milestones} milestones and {points} points agreed or converging in the {months} months analysed."
    ),
    "signal.milestone_drop": _(
        # xgettext:no-python-format
        "Relationship investment dropped {drop_pct}% after the {milestone_kind} of {month} ({milestone})."
    ),
    "signal.relationship_gap": _(
        "No relationship activity for {weeks} weeks (last one on {since})."
    ),
    "signal.relationship_never": _(
        "No relationship activity of two or more people since the records begin on {since} ({weeks} weeks)."
    ),
    "signal.hard_moment_ahead": _(
        # xgettext:no-python-format
        "A hard moment is coming: the {milestone_kind} {milestone} on {day}, while only {connected_pct}% of the people at work on it have a warm tie to another organisation."
    ),
    "signal.hard_moment_ahead_point": _(
        'The deadline for "{point}" is {deadline}, and {warm_ties} warm ties cross its sides.'
    ),
    "signal.cold_member": _("{member} ({organisation}) has {warm_ties} warm ties in the network."),
    "signal.newcomer_not_connected": _(
        "{member} ({organisation}) joined on {joined} and has no warm tie yet."
    ),
    "signal.organisation_drifting": _(
        # xgettext:no-python-format
        "{organisation} is drifting away: its attendance fell {drop_pct}%, from {baseline} to {recent} a month."
    ),
    "signal.faultline_without_bridges": _(
        'No warm tie crosses the dispute "{point}" ({for_count} people for, {against_count} against).'
    ),
    "signal.point_stuck": _('"{point}" has been {status} for {months} months.'),
    "signal.talking_shop": _(
        "The last {months} months were mostly relationship, without content progress."
    ),
    "action.plan_relationship_activity": _(
        "Plan a relationship activity before the next hard moment in the content."
    ),
    "action.plan_informal": _("Plan an informal meeting, a work visit or an outing."),
    "action.find_buddy": _("Pair {member} with a buddy from another organisation."),
    "action.invite_informal": _("Invite {member} to the next informal meeting."),
    "action.introduce_newcomer": _("Introduce {member} to people from other organisations."),
    "action.visit_organisation": _("Hold the next activity at {organisation}, and call them."),
    "action.bridge_dispute": _(
        'Bring people from both sides of "{point}" together informally, before it hardens.'
    ),
    "action.revisit_point": _('Put "{point}" back on the agenda, or agree to park it.'),
    "action.set_content_goal": _("Agree on a concrete content goal and a date for it."),
    "suggestion.bridge_dispute": _(
        'Bring together {invitees} people from both sides of "{point}": {warm_cross} warm ties cross it now.'
    ),
    "suggestion.bridge_organisations": _(
        "{org_a} and {org_b} have {warm_ties} warm ties between them; {invitees} of their people already know each other a little."
    ),
    "suggestion.buddy": _(
        "{member} is cold; {buddy} ({buddy_organisation}) also works on {dossier} and could be a buddy."
    ),
    "suggestion.peer_consultation": _(
        'No peer consultation in the last {days} days: put "how do we help a colleague with a tough problem" on the agenda of the {invitees} people who met on {last_met}.'
    ),
}

SCENARIO_LABELS: dict[str, Any] = {
    "content_first": pgettext_lazy("scenario", "content first"),
    "kickoff_then_content": pgettext_lazy("scenario", "kick-off then content"),
    "together": pgettext_lazy("scenario", "content and relationship together"),
    "talking_shop": pgettext_lazy("scenario", "talking shop"),
    "insufficient_data": pgettext_lazy("scenario", "not enough data"),
}

OUTCOME_LABELS: dict[str, Any] = {
    "unknown": pgettext_lazy("outcome", "outcome not yet known"),
    "held_together": pgettext_lazy("outcome", "held together"),
    "damaged": pgettext_lazy("outcome", "damaged"),
    "broke_apart": pgettext_lazy("outcome", "broke apart"),
}

TIES_BEFORE_LABELS: dict[str, Any] = {
    "warm": pgettext_lazy("ties before", "warm"),
    "cool": pgettext_lazy("ties before", "cool"),
    "cold": pgettext_lazy("ties before", "cold"),
}

RISK_LABELS: dict[str, Any] = {
    "none": pgettext_lazy("risk", "none"),
    "low": pgettext_lazy("risk", "low"),
    "medium": pgettext_lazy("risk", "medium"),
    "high": pgettext_lazy("risk", "high"),
}

# Codes arrive as lower-case names, with a space or an underscore ("shared vision").
_CODES: dict[str, Any] = {
    **{k.name.lower(): k.label for k in MilestoneKind},
    **{k.name.lower().replace("_", " "): k.label for k in MilestoneKind},
    **{k.name.lower(): k.label for k in PointStatus},
    **SCENARIO_LABELS,
}
_MONTH = re.compile(r"^\d{4}-\d{2}$")
_DAY = re.compile(r"^\d{4}-\d{2}-\d{2}$")


def scenario_label(code: str) -> str:
    return str(SCENARIO_LABELS.get(code, code))


def _param(value: ParamValue) -> ParamValue:
    if not isinstance(value, str):
        return value
    if _DAY.match(value):
        return date_format(dt.date.fromisoformat(value), "j F Y")
    if _MONTH.match(value):
        return date_format(dt.date.fromisoformat(value + "-01"), "F Y")
    if value in _CODES:
        return str(_CODES[value])
    return value


def render_message(message: Message | Mapping[str, Any]) -> str:
    """The sentence in the active language, its dates and codes localised."""
    if isinstance(message, Message):
        key, params = message.key, message.params
    else:
        key, params = message["key"], message["params"]
    template = CATALOGUE.get(key)
    if template is None:
        return key
    words = {name: _param(v) for name, v in params.items()}
    return str(template).format(**words, **_derived(params))


def _derived(params: Mapping[str, Any]) -> dict[str, str]:
    """The words made from the figures (:data:`warmnet.engine.texts.DERIVED`), in the
    active language, by the one helper every page uses (:mod:`warmnet.ui.words`)."""
    out: dict[str, str] = {}
    change = params.get("change_pct")
    if isinstance(change, int | float):
        out["change"] = change_phrase(change)
    before, after = params.get("before_pct"), params.get("after_pct")
    if isinstance(before, int | float) and isinstance(after, int | float):
        out["moved"] = direction_word(before, after)
    return out
