"""The survey signals' sentences through Django's translations (Dutch first).

Mirrors ``warmnet.surveys.signals.MESSAGES`` (English) key for key; a test keeps the
two equal.
"""

from __future__ import annotations

import datetime as dt
import re
from typing import Any

from django.utils.formats import date_format, number_format
from django.utils.translation import gettext_lazy as _

from warmnet.surveys.signals import Message, ParamValue

__all__ = ["CATALOGUE", "render"]

CATALOGUE: dict[str, Any] = {
    "survey.loyalty_tension_rising": _(
        'Loyalty tension is rising: "how often torn" went from {before} to {after} and the fit between network and own organisation from {fit_before} to {fit_after} ({round}).'
    ),
    "survey.pair_trust_falling": _(
        'Trust between {org_a} and {org_b} fell from {before} to {after}, and the decision "{decision}" on which they disagree is due on {day}.'
    ),
    "survey.disagreement_low": _(
        "Freedom to disagree is low: {mean} on a scale of 1 to 5 ({round})."
    ),
    "survey.low_response": _(
        # xgettext:no-python-format
        'Only {responded} of {invited} invited members answered ({pct}%) in "{round}".'
    ),
    "evidence.pleasant_but_silent": _(
        "Trust in the people is {trust}: a pleasant network where disagreement stays unsaid."
    ),
    "evidence.rounds_compared": _('Compared: "{before_round}" and "{after_round}".'),
    "action.talk_about_loyalty": _(
        "Put the tension between network and own organisation on the agenda: ask which mandates pinch, and agree what each partner needs to bring home."
    ),
    "action.bring_pair_together": _(
        "Bring {org_a} and {org_b} together informally before {day}, to talk about the decision before it is taken."
    ),
    "action.make_room_to_disagree": _(
        "Make disagreement safe: a round where everyone names one doubt, or a devil's advocate on the next hard point."
    ),
    "action.raise_response": _(
        "Ask members personally to answer, say what was done with the last results, and send a reminder."
    ),
}

_DAY = re.compile(r"^\d{4}-\d{2}-\d{2}$")


def _param(value: ParamValue) -> ParamValue:
    if isinstance(value, float):
        return number_format(round(value, 1), 1)  # number_format cuts, does not round
    if isinstance(value, str) and _DAY.match(value):
        return date_format(dt.date.fromisoformat(value), "j F Y")
    return value


def render(message: Message) -> str:
    """The sentence in the active language."""
    template = CATALOGUE.get(message.key)
    if template is None:
        return message.key
    return str(template).format(**{k: _param(v) for k, v in message.params.items()})
