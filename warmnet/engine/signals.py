"""Signals: early warnings, each with its evidence and a suggested action.

Every signal is a :class:`Signal`: a kind, a severity, the subject it is about
(the network, a member, an organisation, a point or a milestone, by row), a
message, evidence and an action, all as message keys with parameters.  The
rules and their thresholds are listed in ``docs/analysis.md``.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import Enum, IntEnum

import numpy as np
import scipy.sparse as sp

from warmnet.engine.data import MilestoneKind, PointStatus
from warmnet.engine.faultlines import (
    FaultLine,
    Risk,
    point_status_as_of,
    point_status_since_as_of,
)
from warmnet.engine.frame import Frame, member_label, org_label, title
from warmnet.engine.hardmoments import TiesBefore, cross_warmth, moment_scope
from warmnet.engine.scenario import DAYS_PER_MONTH, Scenario, ScenarioResult
from warmnet.engine.texts import Message, ParamValue
from warmnet.engine.warmth import Warmth

__all__ = ["Severity", "Signal", "SignalKind", "Subject", "signals"]


class Severity(IntEnum):
    LOW = 1
    MEDIUM = 2
    HIGH = 3


class SignalKind(Enum):
    MILESTONE_DROP = "milestone_drop"
    RELATIONSHIP_GAP = "relationship_gap"
    COLD_MEMBER = "cold_member"
    NEWCOMER_NOT_CONNECTED = "newcomer_not_connected"
    ORGANISATION_DRIFTING = "organisation_drifting"
    FAULTLINE_WITHOUT_BRIDGES = "faultline_without_bridges"
    POINT_STUCK = "point_stuck"
    TALKING_SHOP = "talking_shop"
    HARD_MOMENT_AHEAD = "hard_moment_ahead"


@dataclass(frozen=True)
class Subject:
    """What a signal or suggestion is about: ``kind`` is network, member, organisation,
    point or milestone; ``row`` its row in the input (-1 for the network)."""

    kind: str
    row: int = -1


@dataclass
class Signal:
    kind: SignalKind
    severity: Severity
    subject: Subject
    message: Message
    action: Message
    evidence: list[Message] = field(default_factory=list)


def signals(
    fr: Frame,
    scen: ScenarioResult,
    warm: Warmth,
    lines: list[FaultLine],
    ties: sp.csr_matrix | None = None,
) -> list[Signal]:
    out: list[Signal] = []
    out += _milestone_drops(fr, scen)
    out += _relationship_gap(fr)
    out += _members(fr, warm)
    out += _drifting(fr)
    out += _faultlines(fr, lines)
    out += _stuck(fr)
    if ties is not None:
        out += _hard_moment_ahead(fr, ties, lines)
    if scen.recent.scenario is Scenario.TALKING_SHOP:
        out.append(
            Signal(
                SignalKind.TALKING_SHOP,
                Severity.HIGH,
                Subject("network"),
                Message("signal.talking_shop", {"months": fr.settings.recent_months}),
                Message("action.set_content_goal"),
                [scen.recent.message, *scen.recent.evidence],
            )
        )
    order = list(SignalKind)
    out.sort(key=lambda s: (-s.severity, order.index(s.kind), s.subject.row))
    return out


def _milestone_drops(fr: Frame, scen: ScenarioResult) -> list[Signal]:
    st = fr.settings
    window = st.milestone_window_months * DAYS_PER_MONTH
    out = []
    for eff in scen.milestones:
        age = int((fr.as_of - eff.day).astype(np.int64))
        if np.isnan(eff.change) or eff.after_days < 30:
            continue
        if eff.change > -st.milestone_drop:
            continue
        if age > window and eff.now_per_month > (1.0 - st.milestone_drop) * eff.before_per_month:
            continue  # an older drop the network has since recovered from
        params: dict[str, ParamValue] = {
            "drop_pct": round(float(-100 * eff.change)),
            "milestone_kind": eff.kind,
            "month": str(eff.day.astype("datetime64[M]")),
            "milestone": title(
                fr.data.milestone_title, fr.data.milestone_id, eff.milestone, eff.kind
            ),
        }
        severe = eff.change <= -st.milestone_drop_severe
        out.append(
            Signal(
                SignalKind.MILESTONE_DROP,
                Severity.HIGH if severe else Severity.MEDIUM,
                Subject("milestone", eff.milestone),
                Message("signal.milestone_drop", params),
                Message("action.plan_relationship_activity"),
                [
                    Message(
                        "evidence.milestone_drop",
                        {**params, "months": max(1, round(float(eff.after_days / DAYS_PER_MONTH)))},
                    )
                ],
            )
        )
    return out


def _relationship_gap(fr: Frame) -> list[Signal]:
    """No relationship activity (two or more attendees) for ``max_gap_weeks``: naming the
    last one, or, when there never was one, the day the records begin."""
    st = fr.settings
    rel = fr.rel_activity
    if not fr.activity_in.any():
        return []
    if rel.any():
        last = fr.activity_day[rel].max()
        message = "signal.relationship_gap"
    else:
        last = fr.activity_day[fr.activity_in].min()
        message = "signal.relationship_never"
    days = int((fr.as_of - last).astype(np.int64))
    if days < 7 * st.max_gap_weeks:
        return []
    return [
        Signal(
            SignalKind.RELATIONSHIP_GAP,
            Severity.HIGH if days >= 14 * st.max_gap_weeks else Severity.MEDIUM,
            Subject("network"),
            Message(message, {"weeks": days // 7, "since": str(last)}),
            Message("action.plan_informal"),
        )
    ]


def _members(fr: Frame, warm: Warmth) -> list[Signal]:
    d = fr.data
    st = fr.settings
    out = []
    newcomers = warm.newcomers_unconnected
    for row in newcomers[np.argsort(warm.strength[newcomers], kind="stable")][
        : st.max_member_signals
    ]:
        name = member_label(d, int(row))
        out.append(
            Signal(
                SignalKind.NEWCOMER_NOT_CONNECTED,
                Severity.MEDIUM,
                Subject("member", int(row)),
                Message(
                    "signal.newcomer_not_connected",
                    {
                        "member": name,
                        "organisation": org_label(d, int(d.member_org[row])),
                        "joined": str(d.member_joined[row].astype("datetime64[D]")),
                    },
                ),
                Message("action.introduce_newcomer", {"member": name}),
            )
        )
    # a buddy "from another organisation" only where there is another organisation
    orgs_present = np.unique(d.member_org[fr.member_active & (d.member_org >= 0)])
    cold = np.setdiff1d(warm.cold, newcomers)
    for row in cold[np.argsort(warm.strength[cold], kind="stable")][: st.max_member_signals]:
        name = member_label(d, int(row))
        out.append(
            Signal(
                SignalKind.COLD_MEMBER,
                Severity.LOW,
                Subject("member", int(row)),
                Message(
                    "signal.cold_member",
                    {
                        "member": name,
                        "organisation": org_label(d, int(d.member_org[row])),
                        "warm_ties": int(warm.warm_ties[row]),
                    },
                ),
                Message("action.find_buddy", {"member": name})
                if np.setdiff1d(orgs_present, [d.member_org[row]]).size
                else Message("action.invite_informal", {"member": name}),
            )
        )
    return out


def _drifting(fr: Frame) -> list[Signal]:
    """Organisations whose monthly attendance fell, relative to the network as a whole."""
    d = fr.data
    st = fr.settings
    o = d.n_orgs
    if o == 0 or fr.att_member.size == 0:
        return []
    day = fr.activity_day[fr.att_activity]
    org = d.member_org[fr.att_member]
    recent_days = st.drift_recent_months * DAYS_PER_MONTH
    base_days = st.drift_baseline_months * DAYS_PER_MONTH
    age = (fr.as_of - day).astype(np.int64)
    recent = (age < recent_days) & (org >= 0)
    base = (age >= recent_days) & (age < recent_days + base_days) & (org >= 0)
    first_age = int((fr.as_of - fr.activity_day[fr.activity_in].min()).astype(np.int64))
    if first_age < recent_days + base_days:
        return []  # not enough history for a baseline
    r = np.bincount(org[recent], minlength=o) / st.drift_recent_months
    b = np.bincount(org[base], minlength=o) / st.drift_baseline_months
    network_ratio = r.sum() / b.sum() if b.sum() else 1.0
    if network_ratio <= 0:
        return []
    with np.errstate(invalid="ignore", divide="ignore"):
        drop = 1.0 - (r / b) / network_ratio
    candidates = np.flatnonzero((b >= st.drift_min_baseline) & (drop >= st.drift_drop))
    out = []
    for row in candidates[np.argsort(-drop[candidates], kind="stable")]:
        name = org_label(d, int(row))
        out.append(
            Signal(
                SignalKind.ORGANISATION_DRIFTING,
                Severity.HIGH if drop[row] >= st.milestone_drop_severe else Severity.MEDIUM,
                Subject("organisation", int(row)),
                Message(
                    "signal.organisation_drifting",
                    {
                        "organisation": name,
                        "drop_pct": round(float(100 * drop[row])),
                        "baseline": round(float(b[row]), 1),
                        "recent": round(float(r[row]), 1),
                    },
                ),
                Message("action.visit_organisation", {"organisation": name}),
            )
        )
    return out


def _faultlines(fr: Frame, lines: list[FaultLine]) -> list[Signal]:
    d = fr.data
    out = []
    for line in lines:
        if line.risk is not Risk.HIGH:
            continue
        point = title(d.point_title, d.point_id, line.point, "point")
        out.append(
            Signal(
                SignalKind.FAULTLINE_WITHOUT_BRIDGES,
                Severity.HIGH,
                Subject("point", line.point),
                Message(
                    "signal.faultline_without_bridges",
                    {
                        "point": point,
                        "for_count": int(line.for_members.size),
                        "against_count": int(line.against_members.size),
                    },
                ),
                Message("action.bridge_dispute", {"point": point}),
            )
        )
    return out


def _stuck(fr: Frame) -> list[Signal]:
    d = fr.data
    st = fr.settings
    status = point_status_as_of(fr)
    opened = d.point_opened.astype("datetime64[D]")
    start = point_status_since_as_of(fr)
    exists = np.isnat(opened) | (opened <= fr.as_of)
    months = (fr.as_of - start).astype(np.int64) / DAYS_PER_MONTH
    stuck = np.flatnonzero(
        exists
        & ~np.isnat(start)
        & np.isin(status, [PointStatus.OPEN, PointStatus.DEADLOCKED])
        & (months >= st.stuck_months)
    )
    out = []
    for row in stuck[np.argsort(-months[stuck], kind="stable")]:
        point = title(d.point_title, d.point_id, int(row), "point")
        code = PointStatus(int(status[row]))
        out.append(
            Signal(
                SignalKind.POINT_STUCK,
                Severity.HIGH if code is PointStatus.DEADLOCKED else Severity.MEDIUM,
                Subject("point", int(row)),
                Message(
                    "signal.point_stuck",
                    {"point": point, "status": code.name.lower(), "months": int(months[row])},
                ),
                Message("action.revisit_point", {"point": point}),
            )
        )
    return out


def _hard_moment_ahead(fr: Frame, ties: sp.csr_matrix, lines: list[FaultLine]) -> list[Signal]:
    """A hard content moment is coming (a decision or covenant, or a point's deadline,
    within ``hard_moment_lookahead_days``) while the ties across its sides are cold."""
    d = fr.data
    st = fr.settings
    horizon = fr.as_of + np.timedelta64(st.hard_moment_lookahead_days, "D")
    out: list[Signal] = []
    # a point's deadline: the sides are the point's own
    if d.point_deadline.size == d.point_id.size:
        deadline = d.point_deadline.astype("datetime64[D]")
        for line in lines:
            due = deadline[line.point]
            if np.isnat(due) or not (fr.as_of < due <= horizon):
                continue
            if line.tie_risk not in (Risk.HIGH, Risk.MEDIUM):
                continue
            point = title(d.point_title, d.point_id, line.point, "point")
            out.append(
                Signal(
                    SignalKind.HARD_MOMENT_AHEAD,
                    Severity.HIGH,
                    Subject("point", line.point),
                    Message(
                        "signal.hard_moment_ahead_point",
                        {"point": point, "deadline": str(due), "warm_ties": line.warm_across},
                    ),
                    Message("action.bridge_dispute", {"point": point}),
                )
            )
    # a decision or covenant: the sides are the organisations at work on its dossier
    mday = d.milestone_date.astype("datetime64[D]")
    hard = np.isin(d.milestone_kind, [MilestoneKind.DECISION, MilestoneKind.COVENANT])
    ahead = np.flatnonzero(hard & ~np.isnat(mday) & (mday > fr.as_of) & (mday <= horizon))
    for row in ahead[np.argsort(mday[ahead], kind="stable")][:1]:
        present = fr.member_active.copy()
        dossier = int(d.milestone_dossier[row]) if row < d.milestone_dossier.size else -1
        if dossier >= 0:
            year_ago = fr.as_of - np.timedelta64(365, "D")
            on_it = fr.activity_in & (d.activity_dossier == dossier) & (fr.activity_day > year_ago)
            worked = np.zeros(d.n_members, dtype=bool)
            worked[fr.att_member[on_it[fr.att_activity]]] = True
            if (present & worked).sum() >= 2:
                present &= worked
        members, side = moment_scope(fr, np.zeros(0, dtype=np.int64), present)
        across = cross_warmth(ties, members, side, st.warm_threshold)
        if across.pairs_across == 0 or across.ties is TiesBefore.WARM:
            continue
        kind_code = int(d.milestone_kind[row])
        out.append(
            Signal(
                SignalKind.HARD_MOMENT_AHEAD,
                Severity.HIGH if across.ties is TiesBefore.COLD else Severity.MEDIUM,
                Subject("milestone", int(row)),
                Message(
                    "signal.hard_moment_ahead",
                    {
                        "milestone_kind": MilestoneKind(kind_code).name.lower(),
                        "milestone": title(
                            d.milestone_title, d.milestone_id, int(row), "milestone"
                        ),
                        "day": str(mday[row]),
                        "connected_pct": round(100 * across.share_connected),
                    },
                ),
                Message("action.plan_relationship_activity"),
            )
        )
    return out
