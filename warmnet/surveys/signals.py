"""Signals from the pulse survey: plain figures in, typed signals out.

Pure Python (no Django), like the engine's signals: each signal carries a kind, a
severity, a message and an action as message keys with parameters; the web side
renders them through ``warmnet.surveys.texts`` (Dutch first).  Only published figures
go in (totals of at least k respondents, pairs rated by at least k people), so a
signal can never say more than the results page.

The rules and their thresholds are in docs/survey.md.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from enum import Enum, IntEnum

__all__ = [
    "MESSAGES",
    "DisputedDecision",
    "Message",
    "RoundFigures",
    "Severity",
    "SignalSettings",
    "SurveySignal",
    "SurveySignalKind",
    "survey_signals",
]

ParamValue = str | int | float


class Severity(IntEnum):
    LOW = 1
    MEDIUM = 2
    HIGH = 3


class SurveySignalKind(Enum):
    LOYALTY_TENSION_RISING = "loyalty_tension_rising"
    PAIR_TRUST_FALLING = "pair_trust_falling"
    DISAGREEMENT_LOW = "disagreement_low"
    LOW_RESPONSE = "low_response"


@dataclass(frozen=True)
class Message:
    key: str
    params: Mapping[str, ParamValue] = field(default_factory=dict)

    def render(self) -> str:
        """The English fallback text."""
        return MESSAGES[self.key].format(**self.params)


@dataclass(frozen=True)
class SurveySignal:
    kind: SurveySignalKind
    severity: Severity
    message: Message
    action: Message
    evidence: tuple[Message, ...] = ()


@dataclass(frozen=True)
class RoundFigures:
    """What one round published, as plain numbers."""

    title: str
    opens_on: dt.date
    closes_on: dt.date
    closed: bool
    invited: int
    responded: int
    #: Item code -> mean score (1-5) of the whole round; absent when not published.
    means: Mapping[str, float] = field(default_factory=dict)
    #: (organisation id, organisation id), smaller id first -> trust score (1-5).
    pair_trust: Mapping[tuple[int, int], float] = field(default_factory=dict)


@dataclass(frozen=True)
class DisputedDecision:
    """A decision ahead on which two organisations stand on opposite sides of a point."""

    org_a: int
    org_b: int
    title: str
    day: dt.date


@dataclass(frozen=True)
class SignalSettings:
    #: A change of the mean score this large (on 1-5) between two rounds counts.
    change: float = 0.3
    #: The freedom to disagree is low at or below this mean; very low at or below the next.
    disagree_low: float = 3.0
    disagree_very_low: float = 2.5
    #: "Pleasant": the trust mean at or above this, beside low freedom to disagree.
    pleasant_trust: float = 3.5
    #: The response rate is low below this share, once half the round has passed.
    low_response: float = 0.4
    #: A decision counts as approaching within this many days.
    decision_days: int = 90
    #: "How often torn" at or above this mean makes rising tension severe.
    torn_high: float = 3.0


MESSAGES: dict[str, str] = {
    "survey.loyalty_tension_rising": (
        'Loyalty tension is rising: "how often torn" went from {before} to {after} and the '
        "fit between network and own organisation from {fit_before} to {fit_after} "
        "({round})."
    ),
    "survey.pair_trust_falling": (
        "Trust between {org_a} and {org_b} fell from {before} to {after}, and the decision "
        '"{decision}" on which they disagree is due on {day}.'
    ),
    "survey.disagreement_low": (
        "Freedom to disagree is low: {mean} on a scale of 1 to 5 ({round})."
    ),
    "survey.low_response": (
        'Only {responded} of {invited} invited members answered ({pct}%) in "{round}".'
    ),
    "evidence.pleasant_but_silent": (
        "Trust in the people is {trust}: a pleasant network where disagreement stays unsaid."
    ),
    "evidence.rounds_compared": 'Compared: "{before_round}" and "{after_round}".',
    "action.talk_about_loyalty": (
        "Put the tension between network and own organisation on the agenda: ask which "
        "mandates pinch, and agree what each partner needs to bring home."
    ),
    "action.bring_pair_together": (
        "Bring {org_a} and {org_b} together informally before {day}, to talk about the "
        "decision before it is taken."
    ),
    "action.make_room_to_disagree": (
        "Make disagreement safe: a round where everyone names one doubt, or a devil's "
        "advocate on the next hard point."
    ),
    "action.raise_response": (
        "Ask members personally to answer, say what was done with the last results, and "
        "send a reminder."
    ),
}


def _r(value: float) -> float:
    return round(value, 1)


def survey_signals(
    rounds: Sequence[RoundFigures],
    decisions: Sequence[DisputedDecision],
    org_names: Mapping[int, str],
    today: dt.date,
    settings: SignalSettings | None = None,
) -> list[SurveySignal]:
    """Signals from ``rounds`` (oldest first) and the disputed decisions ahead."""
    st = settings or SignalSettings()
    out: list[SurveySignal] = []
    closed = [r for r in rounds if r.closed]
    if len(closed) >= 2:
        out += _tension(closed[-2], closed[-1], st)
        out += _pairs(closed[-2], closed[-1], decisions, org_names, today, st)
    if closed:
        out += _disagreement(closed[-1], st)
    if rounds:
        out += _response(rounds[-1], today, st)
    order = list(SurveySignalKind)
    out.sort(key=lambda s: (-s.severity, order.index(s.kind)))
    return out


def _compared(before: RoundFigures, after: RoundFigures) -> Message:
    return Message(
        "evidence.rounds_compared", {"before_round": before.title, "after_round": after.title}
    )


def _tension(before: RoundFigures, after: RoundFigures, st: SignalSettings) -> list[SurveySignal]:
    torn0, torn1 = before.means.get("torn"), after.means.get("torn")
    fit0, fit1 = before.means.get("loyalty"), after.means.get("loyalty")
    torn_up = torn0 is not None and torn1 is not None and torn1 - torn0 >= st.change
    fit_down = fit0 is not None and fit1 is not None and fit0 - fit1 >= st.change
    if not (torn_up or fit_down):
        return []
    severe = (torn_up and fit_down) or (torn1 is not None and torn1 >= st.torn_high)
    dash = "\u2013"
    params: dict[str, ParamValue] = {
        "before": dash if torn0 is None else _r(torn0),
        "after": dash if torn1 is None else _r(torn1),
        "fit_before": dash if fit0 is None else _r(fit0),
        "fit_after": dash if fit1 is None else _r(fit1),
        "round": after.title,
    }
    return [
        SurveySignal(
            SurveySignalKind.LOYALTY_TENSION_RISING,
            Severity.HIGH if severe else Severity.MEDIUM,
            Message("survey.loyalty_tension_rising", params),
            Message("action.talk_about_loyalty"),
            (_compared(before, after),),
        )
    ]


def _pairs(
    before: RoundFigures,
    after: RoundFigures,
    decisions: Sequence[DisputedDecision],
    org_names: Mapping[int, str],
    today: dt.date,
    st: SignalSettings,
) -> list[SurveySignal]:
    ahead: dict[tuple[int, int], DisputedDecision] = {}
    for d in sorted(decisions, key=lambda d: d.day, reverse=True):
        if 0 <= (d.day - today).days <= st.decision_days:
            ahead[(min(d.org_a, d.org_b), max(d.org_a, d.org_b))] = d  # the nearest wins
    out = []
    for pair, trust1 in sorted(after.pair_trust.items()):
        trust0 = before.pair_trust.get(pair)
        decision = ahead.get(pair)
        if trust0 is None or decision is None or trust0 - trust1 < st.change:
            continue
        params: dict[str, ParamValue] = {
            "org_a": org_names.get(pair[0], "?"),
            "org_b": org_names.get(pair[1], "?"),
            "before": _r(trust0),
            "after": _r(trust1),
            "decision": decision.title,
            "day": decision.day.isoformat(),
        }
        out.append(
            SurveySignal(
                SurveySignalKind.PAIR_TRUST_FALLING,
                Severity.HIGH,
                Message("survey.pair_trust_falling", params),
                Message(
                    "action.bring_pair_together",
                    {k: params[k] for k in ("org_a", "org_b", "day")},
                ),
                (_compared(before, after),),
            )
        )
    return out


def _disagreement(last: RoundFigures, st: SignalSettings) -> list[SurveySignal]:
    mean = last.means.get("disagree")
    if mean is None or mean > st.disagree_low:
        return []
    evidence: tuple[Message, ...] = ()
    trust = last.means.get("trust")
    if trust is not None and trust >= st.pleasant_trust:
        evidence = (Message("evidence.pleasant_but_silent", {"trust": _r(trust)}),)
    return [
        SurveySignal(
            SurveySignalKind.DISAGREEMENT_LOW,
            Severity.HIGH if mean <= st.disagree_very_low else Severity.MEDIUM,
            Message("survey.disagreement_low", {"mean": _r(mean), "round": last.title}),
            Message("action.make_room_to_disagree"),
            evidence,
        )
    ]


def _response(last: RoundFigures, today: dt.date, st: SignalSettings) -> list[SurveySignal]:
    if last.invited <= 0:
        return []
    if not last.closed:
        length = max(1, (last.closes_on - last.opens_on).days)
        if (today - last.opens_on).days < length / 2:
            return []  # too early to judge
    rate = last.responded / last.invited
    if rate >= st.low_response:
        return []
    return [
        SurveySignal(
            SurveySignalKind.LOW_RESPONSE,
            Severity.MEDIUM,
            Message(
                "survey.low_response",
                {
                    "responded": last.responded,
                    "invited": last.invited,
                    "pct": round(100 * rate),
                    "round": last.title,
                },
            ),
            Message("action.raise_response"),
        )
    ]
