"""Suggestions for the relationship programme, each ready to become a draft activity.

A :class:`Suggestion` says what kind of activity, on which day (ahead of the
next hard deadline, never after it), whom to invite (member rows), where (the
partner organisation among the invitees' that hosted least lately) and why (a
message).  Four types:

* bridge a dispute - the people on either side of a risky fault line who already
  have a weak tie across it;
* bridge two organisations - pairs of partners without a warm tie between them
  whose people already know each other a little;
* a buddy - a cold member with a warm member of another organisation who works
  on the same dossier;
* peer consultation - "how do we help a colleague with a tough problem" on the
  agenda of the group that met last, when there was none for a while.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import Enum

import numpy as np
import numpy.typing as npt
import scipy.sparse as sp

from warmnet.engine.data import ActivityKind
from warmnet.engine.faultlines import FaultLine, Risk
from warmnet.engine.frame import Frame, member_label, org_label, title
from warmnet.engine.scenario import DAYS_PER_MONTH
from warmnet.engine.signals import Subject
from warmnet.engine.texts import Message
from warmnet.engine.warmth import Warmth
from warmnet.engine.workdays import closed_days

__all__ = [
    "Suggestion",
    "SuggestionType",
    "next_deadline",
    "spread",
    "suggest_date",
    "suggestions",
    "working_day",
]

IntArray = npt.NDArray[np.int64]


class SuggestionType(Enum):
    BRIDGE_DISPUTE = "bridge_dispute"
    BRIDGE_ORGANISATIONS = "bridge_organisations"
    BUDDY = "buddy"
    PEER_CONSULTATION = "peer_consultation"


@dataclass
class Suggestion:
    type: SuggestionType
    activity_kind: ActivityKind
    #: Suggested day (``datetime64[D]``).
    date: np.datetime64
    #: The hard deadline it is planned ahead of (NaT when none is known).
    before: np.datetime64
    invitees: IntArray
    #: Organisation row to host it, -1 when none fits.
    host_org: int
    subject: Subject
    reason: Message


def next_deadline(fr: Frame, point: int | None = None) -> np.datetime64:
    """The next hard content date after the analysis date: a planned milestone, or a
    point's deadline (that point's own first, when ``point`` is given)."""
    d = fr.data
    dates = [d.milestone_date.astype("datetime64[D]")]
    if d.point_deadline.size == d.point_id.size and d.point_id.size:
        if point is not None:
            own = d.point_deadline[point].astype("datetime64[D]")
            if not np.isnat(own) and own > fr.as_of:
                return own
        dates.append(d.point_deadline.astype("datetime64[D]"))
    every = np.concatenate(dates)
    ahead = every[~np.isnat(every) & (every > fr.as_of)]
    return ahead.min() if ahead.size else np.datetime64("NaT", "D")


def working_day(day: np.datetime64, earliest: np.datetime64) -> np.datetime64:
    """``day`` moved to a day the network can meet (see :mod:`warmnet.engine.workdays`):
    the one before it, or the one after when that would be sooner than ``earliest``."""
    closed = closed_days(min(day, earliest), max(day, earliest))
    before = np.busday_offset(day, 0, roll="backward", holidays=closed)
    if before >= earliest:
        return before.astype("datetime64[D]")
    return np.busday_offset(day, 0, roll="forward", holidays=closed).astype("datetime64[D]")


#: How far around its day a suggestion may move to find a day of its own.
SPREAD_DAYS = 42


def spread(fr: Frame, found: list[Suggestion]) -> None:
    """One suggestion per day: each, in order, keeps its day when that is free, else takes
    the nearest free working day before it (not sooner than the notice allows), else the
    nearest after it that is still before its deadline.  Where none is free it stays."""
    earliest = fr.as_of + np.timedelta64(fr.settings.min_notice_days, "D")
    taken: set[np.datetime64] = set()
    for s in found:
        day = s.date.astype("datetime64[D]")
        reach = np.timedelta64(SPREAD_DAYS, "D")
        last = day + reach if np.isnat(s.before) else s.before - np.timedelta64(1, "D")
        closed = closed_days(min(day, earliest), max(day, last))
        back = [day - np.timedelta64(i, "D") for i in range(SPREAD_DAYS)]
        ahead = [day + np.timedelta64(i, "D") for i in range(1, SPREAD_DAYS)]
        for option in [*(d for d in back if d >= earliest), *(d for d in ahead if d <= last)]:
            if option not in taken and np.is_busday(option, holidays=closed):
                s.date = option
                break
        taken.add(s.date.astype("datetime64[D]"))


def suggest_date(fr: Frame, deadline: np.datetime64) -> np.datetime64:
    """``lead_days`` before the deadline, but not sooner than ``min_notice_days`` from the
    analysis date; never after the deadline; on a working day."""
    st = fr.settings
    earliest = fr.as_of + np.timedelta64(st.min_notice_days, "D")
    if np.isnat(deadline):
        return working_day(fr.as_of + np.timedelta64(st.default_horizon_days, "D"), earliest)
    ideal = deadline - np.timedelta64(st.lead_days, "D")
    if ideal >= earliest:
        moved = working_day(ideal, earliest)
        return moved if moved < deadline else ideal
    if earliest < deadline:
        moved = working_day(earliest, earliest)
        return moved if moved < deadline else earliest
    halfway = max(1, int((deadline - fr.as_of).astype(np.int64)) // 2)
    return fr.as_of + np.timedelta64(halfway, "D")


def _hosted(fr: Frame) -> npt.NDArray[np.int64]:
    d = fr.data
    lookback = np.timedelta64(int(fr.settings.host_lookback_months * DAYS_PER_MONTH), "D")
    recent = fr.activity_in & (fr.activity_day > fr.as_of - lookback) & (d.activity_host_org >= 0)
    return np.bincount(d.activity_host_org[recent], minlength=d.n_orgs).astype(np.int64)


def _host(fr: Frame, hosted: npt.NDArray[np.int64], invitees: IntArray) -> int:
    orgs = np.unique(fr.data.member_org[invitees])
    orgs = orgs[orgs >= 0]
    if orgs.size == 0:
        return -1
    return int(orgs[np.argmin(hosted[orgs])])  # ties: lowest row, argmin takes the first


def suggestions(
    fr: Frame, ties: sp.csr_matrix, warm: Warmth, lines: list[FaultLine]
) -> list[Suggestion]:
    hosted = _hosted(fr)
    out: list[Suggestion] = []
    out += _bridge_disputes(fr, ties, warm, lines, hosted)
    out += _bridge_organisations(fr, ties, warm, hosted)
    out += _buddies(fr, warm, hosted)
    out += _peer_consultation(fr, hosted)
    spread(fr, out)
    return out


def _top_pairs(sub: sp.csr_matrix, threshold: float) -> tuple[IntArray, IntArray]:
    """Row and column of the entries below ``threshold``, strongest first."""
    coo = sub.tocoo()
    weak = coo.data < threshold
    order = np.argsort(-coo.data[weak], kind="stable")
    return coo.row[weak][order].astype(np.int64), coo.col[weak][order].astype(np.int64)


def _pick(first: IntArray, ranked_fill: IntArray, k: int) -> IntArray:
    """Up to ``k`` distinct members: from ``first`` in order, then from ``ranked_fill``."""
    seq = np.concatenate([first, ranked_fill])
    _, index = np.unique(seq, return_index=True)
    return seq[np.sort(index)][:k]


def _bridge_disputes(
    fr: Frame,
    ties: sp.csr_matrix,
    warm: Warmth,
    lines: list[FaultLine],
    hosted: npt.NDArray[np.int64],
) -> list[Suggestion]:
    st = fr.settings
    d = fr.data
    strength = warm.strength
    risky = [ln for ln in lines if ln.risk in (Risk.HIGH, Risk.MEDIUM)]
    risky.sort(key=lambda ln: (ln.risk is not Risk.HIGH, ln.mean_across, ln.point))
    out = []
    for line in risky[: st.max_suggestions]:
        pro, con = line.for_members, line.against_members
        r, c = _top_pairs(ties[pro][:, con], st.warm_threshold)
        k = st.invitees_per_side
        side_a = _pick(pro[r], pro[np.argsort(-strength[pro], kind="stable")], k)
        side_b = _pick(con[c], con[np.argsort(-strength[con], kind="stable")], k)
        invitees = np.concatenate([side_a, side_b])
        deadline = next_deadline(fr, line.point)
        out.append(
            Suggestion(
                SuggestionType.BRIDGE_DISPUTE,
                ActivityKind.INFORMAL_MEETING,
                suggest_date(fr, deadline),
                deadline,
                invitees,
                _host(fr, hosted, invitees),
                Subject("point", line.point),
                Message(
                    "suggestion.bridge_dispute",
                    {
                        "invitees": int(invitees.size),
                        "point": title(d.point_title, d.point_id, line.point, "point"),
                        "warm_cross": line.warm_across,
                    },
                ),
            )
        )
    return out


def _bridge_organisations(
    fr: Frame, ties: sp.csr_matrix, warm: Warmth, hosted: npt.NDArray[np.int64]
) -> list[Suggestion]:
    st = fr.settings
    d = fr.data
    o = d.n_orgs
    if o < 2 or ties.nnz == 0:
        return []
    org = d.member_org
    # pairs of partners without a warm tie, ranked by their weak ties (counted per pair of
    # organisations by the warmth pass, so no pass over all ties is needed here)
    weak_count = warm.org_ties - warm.org_warm_ties
    cold_pair = (warm.org_warm_ties + warm.org_warm_ties.T) == 0
    score = np.where(np.triu(cold_pair, k=1), weak_count, 0).reshape(-1)
    pairs = np.flatnonzero(score > 0)
    pairs = pairs[np.argsort(-score[pairs], kind="stable")][: st.max_suggestions]
    deadline = next_deadline(fr)
    out = []
    for flat in pairs:
        a, b = divmod(int(flat), o)
        # the weak ties between the two, upper triangle, in stored order, strongest first
        members = np.flatnonzero((org == a) | (org == b))
        sub = ties[members].tocoo()
        rows, cols, values = members[sub.row], sub.col.astype(np.int64), sub.data
        sel = np.flatnonzero(
            (cols > rows) & (org[cols] == np.where(org[rows] == a, b, a)) & (values > 0)
        )
        sel = sel[np.argsort(-values[sel], kind="stable")]
        members_a = np.where(org[rows[sel]] == a, rows[sel], cols[sel])
        members_b = np.where(org[rows[sel]] == a, cols[sel], rows[sel])
        k = st.invitees_per_side
        invitees = np.concatenate([_pick(members_a, members_a, k), _pick(members_b, members_b, k)])
        out.append(
            Suggestion(
                SuggestionType.BRIDGE_ORGANISATIONS,
                ActivityKind.WORK_VISIT,
                suggest_date(fr, deadline),
                deadline,
                invitees,
                _host(fr, hosted, invitees),
                Subject("organisation", a),
                Message(
                    "suggestion.bridge_organisations",
                    {
                        "org_a": org_label(d, a),
                        "org_b": org_label(d, b),
                        "warm_ties": 0,
                        "invitees": int(invitees.size),
                    },
                ),
            )
        )
    return out


def _buddies(fr: Frame, warm: Warmth, hosted: npt.NDArray[np.int64]) -> list[Suggestion]:
    st = fr.settings
    d = fr.data
    n_dossiers = d.dossier_id.size
    if n_dossiers == 0 or warm.cold.size == 0:
        return []
    dossier = d.activity_dossier[fr.att_activity]
    has = dossier >= 0
    # member x dossier: how many activities of each dossier each member attended
    work = np.zeros((d.n_members, n_dossiers))
    np.add.at(work, (fr.att_member[has], dossier[has]), 1.0)
    eligible = fr.member_active & (warm.warm_ties >= st.cold_max_warm_ties)
    newcomer = np.isin(warm.cold, warm.newcomers_unconnected)
    # newcomers first, then the coldest
    cold = warm.cold[np.lexsort((warm.strength[warm.cold], ~newcomer))]
    deadline = next_deadline(fr)
    used = np.zeros(d.n_members, dtype=bool)
    out: list[Suggestion] = []
    for row in cold:
        if len(out) >= st.max_suggestions:
            break
        mine = work[row]
        if not mine.any():
            continue
        shared = work @ mine
        ok = eligible & ~used & (d.member_org != d.member_org[row]) & (shared > 0)
        if not ok.any():
            continue
        candidates = np.flatnonzero(ok)
        buddy = int(
            candidates[
                np.lexsort((candidates, -warm.warm_ties[candidates], -shared[candidates]))[0]
            ]
        )
        used[buddy] = True
        topic = int(np.argmax(np.minimum(mine, work[buddy])))
        invitees = np.array([row, buddy], dtype=np.int64)
        out.append(
            Suggestion(
                SuggestionType.BUDDY,
                ActivityKind.INFORMAL_MEETING,
                suggest_date(fr, deadline),
                deadline,
                invitees,
                _host(fr, hosted, invitees),
                Subject("member", int(row)),
                Message(
                    "suggestion.buddy",
                    {
                        "member": member_label(d, int(row)),
                        "buddy": member_label(d, buddy),
                        "buddy_organisation": org_label(d, int(d.member_org[buddy])),
                        "dossier": title(d.dossier_name, d.dossier_id, topic, "dossier"),
                    },
                ),
            )
        )
    return out


def _peer_consultation(fr: Frame, hosted: npt.NDArray[np.int64]) -> list[Suggestion]:
    st = fr.settings
    d = fr.data
    peer = fr.activity_in & (d.activity_kind == ActivityKind.PEER_CONSULTATION)
    last_peer = fr.activity_day[peer].max() if peer.any() else None
    if not fr.activity_in.any():
        return []
    age = int((fr.as_of - fr.activity_day[fr.activity_in].min()).astype(np.int64))
    if last_peer is None and age < st.peer_consultation_interval_days:
        return []  # a network younger than the interval cannot be overdue
    if last_peer is not None and (fr.as_of - last_peer).astype(np.int64) < (
        st.peer_consultation_interval_days
    ):
        return []
    # the group that met last on content, as people still in the network
    active_count = np.bincount(
        fr.att_activity[fr.member_active[fr.att_member]], minlength=d.n_activities
    )
    content = np.flatnonzero(fr.activity_in & (fr.share < 0.5) & (active_count >= 3))
    if content.size == 0:
        return []
    last = content[np.lexsort((content, fr.activity_day[content].astype(np.int64)))[-1]]
    invitees = np.unique(fr.att_member[(fr.att_activity == last) & fr.member_active[fr.att_member]])
    deadline = next_deadline(fr)
    days = (
        st.peer_consultation_interval_days
        if last_peer is None
        else int((fr.as_of - last_peer).astype(np.int64))
    )
    return [
        Suggestion(
            SuggestionType.PEER_CONSULTATION,
            ActivityKind.PEER_CONSULTATION,
            suggest_date(fr, deadline),
            deadline,
            invitees.astype(np.int64),
            _host(fr, hosted, invitees),
            Subject("network"),
            Message(
                "suggestion.peer_consultation",
                {
                    "days": days,
                    "invitees": int(invitees.size),
                    "last_met": str(fr.activity_day[last]),
                },
            ),
        )
    ]
