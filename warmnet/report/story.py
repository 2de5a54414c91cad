"""The report's own reading of an analysis: the verdict in one sentence, the steps to
take, and the engine's sentences with people named only when the coordinator chose to.

These are functions (not template logic) so the dashboard's headline can share them.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from django.utils.translation import gettext_lazy

from warmnet.engine.scenario import Scenario
from warmnet.engine.signals import Signal
from warmnet.engine.texts import Message
from warmnet.insights.service import Analysis
from warmnet.insights.story import drift_sentence
from warmnet.insights.texts import render_message

__all__ = [
    "PERSONAL_KEYS",
    "SCENARIO_STEPS",
    "Step",
    "is_personal",
    "next_steps",
    "say",
    "verdict_sentence",
]

#: What a verdict asks of the network before anything else (the seed text's advice).
SCENARIO_STEPS = {
    Scenario.CONTENT_FIRST: "action.plan_relationship_activity",
    Scenario.KICKOFF_THEN_CONTENT: "action.plan_relationship_activity",
    Scenario.TALKING_SHOP: "action.set_content_goal",
}

#: Sentences that name a person, and what the report says instead when people are not
#: named: the same advice about "members", without who.
PERSONAL_KEYS = {
    "signal.cold_member": gettext_lazy("A member has fewer than two warm ties in the network."),
    "signal.newcomer_not_connected": gettext_lazy("A newcomer has no warm tie yet."),
    "action.find_buddy": gettext_lazy(
        "Pair the members with few warm ties with a buddy from another organisation."
    ),
    "action.invite_informal": gettext_lazy(
        "Invite the members with few warm ties to the next informal meeting."
    ),
    "action.introduce_newcomer": gettext_lazy(
        "Introduce the newcomers to people from other organisations."
    ),
    "suggestion.buddy": gettext_lazy(
        "A buddy from another organisation, who works on the same dossier, for a member "
        "with few warm ties."
    ),
}


def is_personal(message: Message) -> bool:
    return message.key in PERSONAL_KEYS


def say(message: Message, include_people: bool) -> str:
    """The sentence in the active language; a sentence about a person is replaced by its
    general form unless ``include_people``."""
    if not include_people and message.key in PERSONAL_KEYS:
        return str(PERSONAL_KEYS[message.key])
    return render_message(message)


def verdict_sentence(analysis: Analysis) -> str:
    """The verdict in one sentence: the scenario of the whole history with its evidence
    in brief, and the recent window when it reads differently."""
    scenario = analysis.result.scenario
    sentence = render_message(scenario.overall.message)
    drift = drift_sentence(scenario)  # the dashboard's own sentence for the recent months
    return f"{sentence} {drift}" if drift else sentence


@dataclass(frozen=True)
class Step:
    text: str
    #: "analysis" (measured) or "coordinator" (a proposal the coordinator put forward).
    source: str


def next_steps(
    analysis: Analysis,
    signals: Iterable[Signal] | None = None,
    *,
    include_people: bool = False,
    limit: int = 3,
) -> list[Step]:
    """The step the scenario asks for (recent window first), then the actions of the most
    severe signals (``signals``: the open ones, default all): one per kind of action, so
    three disputes without a bridge make one step, not three."""
    texts: list[str] = []
    keys: set[str] = set()
    scenario = analysis.result.scenario
    for verdict in (scenario.recent, scenario.overall):
        key = SCENARIO_STEPS.get(verdict.scenario)
        if key is not None:
            texts.append(render_message(Message(key)))
            keys.add(key)
            break
    ranked = sorted(
        analysis.result.signals if signals is None else signals,
        key=lambda s: -int(s.severity),
    )
    for signal in ranked:
        if len(texts) >= limit:
            break
        if signal.action.key in keys:
            continue
        keys.add(signal.action.key)
        texts.append(say(signal.action, include_people))
    return [Step(t, "analysis") for t in texts[:limit]]
