"""One story from an analysis: the headline verdict and how the recent months drift from
it, the next hard moment on the content track with its countdown, what to do next (each
thing once), and why warmth can stay high through weeks without relationship activity.

Plain functions of an :class:`~warmnet.insights.service.Analysis` (and, for the next
moment, the network's milestones), in the active language: the dashboard shows them, and
a report can tell the same story with them.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from django.utils.formats import date_format
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext

from warmnet.engine.scenario import Scenario, ScenarioResult
from warmnet.engine.signals import Signal, SignalKind
from warmnet.engine.texts import Message
from warmnet.insights.service import Analysis
from warmnet.insights.texts import render_message, scenario_label

__all__ = [
    "NextMoment",
    "drift_sentence",
    "next_moment",
    "next_steps",
    "warmth_lag_sentence",
]

#: What the recent months look like, when their verdict differs from the whole history's.
RECENTLY = {
    Scenario.CONTENT_FIRST: gettext_lazy("the network works almost only on content"),
    Scenario.KICKOFF_THEN_CONTENT: gettext_lazy("a warm start was followed by content only"),
    Scenario.TOGETHER: gettext_lazy("content and relationships move together again"),
    Scenario.TALKING_SHOP: gettext_lazy(
        "there was mostly relationship and little content progress"
    ),
}
#: Where the drift continues the whole history's story, the sentence says so.
CONTINUES = {
    (Scenario.KICKOFF_THEN_CONTENT, Scenario.CONTENT_FIRST),
    (Scenario.CONTENT_FIRST, Scenario.KICKOFF_THEN_CONTENT),
}

#: What a verdict asks of the network before anything else.
SCENARIO_STEPS = {
    Scenario.CONTENT_FIRST: "action.plan_relationship_activity",
    Scenario.KICKOFF_THEN_CONTENT: "action.plan_relationship_activity",
    Scenario.TALKING_SHOP: "action.set_content_goal",
}
#: Actions that ask the same thing in other words: one step for each family.
SAME_STEP = {"action.plan_informal": "action.plan_relationship_activity"}


def _period(label: str) -> str:
    """``2026-06`` as "June 2026", a quarter as it is."""
    try:
        return date_format(dt.date.fromisoformat(label + "-01"), "F Y")
    except ValueError:
        return label


def drift_sentence(scenario: ScenarioResult) -> str:
    """One sentence on how the recent months differ from the whole history, or "" when
    they tell the same story.  The headline stays the whole history's verdict; this says
    where the network is heading, without a second verdict or a second certainty."""
    overall, recent = scenario.overall, scenario.recent
    if recent.scenario is overall.scenario or overall.scenario is Scenario.INSUFFICIENT_DATA:
        return ""
    first, last = _period(recent.first_period), _period(recent.last_period)
    if recent.scenario is Scenario.INSUFFICIENT_DATA:
        return _(
            "Lately ({first} to {last}) there was too little activity to tell whether this "
            "still holds."
        ).format(first=first, last=last)
    what = RECENTLY.get(recent.scenario)
    if what is None:
        return ""
    if (overall.scenario, recent.scenario) in CONTINUES:
        sentence = _(
            "Over the whole history: {overall}; lately ({first} to {last}) {what}, which is "
            "where this scenario leads if nothing changes."
        )
    else:
        sentence = _(
            "Over the whole history: {overall}; lately ({first} to {last}) {what}, a change "
            "to watch before it becomes the whole picture."
        )
    return sentence.format(
        overall=scenario_label(overall.scenario.value), first=first, last=last, what=what
    )


@dataclass(frozen=True)
class NextMoment:
    """The next hard moment on the content track: a milestone still to come."""

    title: str
    kind: str
    date: dt.date
    days: int

    @property
    def countdown(self) -> str:
        """ "in 7 weeks", "in 9 days", "tomorrow"."""
        if self.days <= 1:
            return _("tomorrow")
        if self.days < 14:
            return ngettext("in %(n)d day", "in %(n)d days", self.days) % {"n": self.days}
        weeks = round(self.days / 7)
        return ngettext("in %(n)d week", "in %(n)d weeks", weeks) % {"n": weeks}

    @property
    def text(self) -> str:
        """ "Besluit dijkversterking in 7 weeks — plan before 15 January"."""
        return _("{title} {countdown} — plan before {day}").format(
            title=self.title, countdown=self.countdown, day=date_format(self.date, "j F")
        )


def next_moment(
    milestones: Iterable[tuple[str, str, dt.date]], as_of: dt.date
) -> NextMoment | None:
    """The first of ``(title, kind label, date)`` after ``as_of``."""
    ahead = sorted((m for m in milestones if m[2] > as_of), key=lambda m: (m[2], m[0]))
    if not ahead:
        return None
    title, kind, day = ahead[0]
    return NextMoment(title, kind, day, (day - as_of).days)


def coming_moment(network: Any, as_of: dt.date) -> NextMoment | None:
    """The network's next milestone after ``as_of``: the coming hard moment on the
    content track (the dashboard's and the report's first step)."""
    from warmnet.dossiers.models import Milestone

    upcoming = Milestone.objects.filter(network=network, date__gt=as_of).order_by("date", "pk")
    return next_moment(((m.title, str(m.get_kind_display()), m.date) for m in upcoming[:1]), as_of)


def _family(key: str) -> str:
    return SAME_STEP.get(key, key)


def next_steps(
    analysis: Analysis,
    signals: Iterable[Signal],
    moment: NextMoment | None = None,
    limit: int = 3,
) -> list[str]:
    """What to do next, most pressing first, each thing once: the next hard moment with
    its countdown when there is one, the step the scenario asks for (recent months
    first), then the actions of the given signals (most severe first), one per kind of
    action."""
    steps: list[str] = []
    families: set[str] = set()
    if moment is not None:
        steps.append(moment.text)
    scenario = analysis.result.scenario
    for verdict in (scenario.recent, scenario.overall):
        key = SCENARIO_STEPS.get(verdict.scenario)
        if key is not None:
            steps.append(render_message(Message(key)))
            families.add(_family(key))
            break
    for signal in sorted(signals, key=lambda s: -int(s.severity)):
        family = _family(signal.action.key)
        if family in families:
            continue
        families.add(family)
        steps.append(render_message(signal.action))
    return steps[:limit]


def warmth_lag_sentence(analysis: Analysis) -> str:
    """When the network went weeks without relationship activity yet still has warm ties,
    why both are true: ties fade slowly.  "" when there is no such gap."""
    gap = next((s for s in analysis.result.signals if s.kind is SignalKind.RELATIONSHIP_GAP), None)
    if gap is None or analysis.result.warmth.total_warm_ties == 0:
        return ""
    weeks = int(gap.message.params.get("weeks", 0))
    half_life = round(analysis.result.settings.half_life_days)
    return _(
        "Warmth lags behind: ties built earlier still count and fade by half every "
        "{half_life} days, so the {weeks} weeks without relationship activity do not show in "
        "it yet. It will fall unless relationship time is planned."
    ).format(half_life=half_life, weeks=weeks)
