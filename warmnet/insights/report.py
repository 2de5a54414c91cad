"""The analysis as plain text, for the command line (and later the steering-group report)."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from django.utils.formats import date_format
from django.utils.translation import gettext as _
from django.utils.translation import pgettext_lazy

from warmnet.activities.models import ActivityKind
from warmnet.engine.data import ActivityKind as EngineKind
from warmnet.insights.service import Analysis
from warmnet.insights.texts import (
    OUTCOME_LABELS,
    RISK_LABELS,
    TIES_BEFORE_LABELS,
    render_message,
    scenario_label,
)
from warmnet.network.models import Network
from warmnet.ui.words import confidence_word

__all__ = ["text_report"]

SEVERITY = {
    3: pgettext_lazy("severity", "high"),
    2: pgettext_lazy("severity", "medium"),
    1: pgettext_lazy("severity", "low"),
}


def _pct(value: float) -> str:
    return f"{round(100 * value)}%"


def _bar(share: float, width: int = 20) -> str:
    filled = round(share * width) if share == share else 0  # NaN: no activity
    return "#" * filled + "." * (width - filled)


def _names(analysis: Analysis, rows: list[int], limit: int = 8) -> str:
    names = [analysis.lookup.member_with_org(r) for r in rows[:limit]]
    more = len(rows) - limit
    if more > 0:
        names.append(_("and %(n)d more") % {"n": more})
    return ", ".join(names) if names else "—"


def as_of_notice(analysis: Analysis) -> list[str]:
    """What the report says about its day: when the records end long before it, that,
    and the day to analyse as of instead."""
    when = analysis.day
    if when is None or when.last_recorded is None:
        return [_("No activity or contact recorded yet.")] if when is not None else []
    if not when.stale:
        return []
    return [
        _(
            "The records end on %(last)s, %(days)d days before this day: the figures below "
            "describe a network that has been silent since. To see it as it was, analyse "
            "as of that day (--as-of %(iso)s)."
        )
        % {
            "last": date_format(when.last_recorded, "j F Y"),
            "days": when.days_since_records,
            "iso": when.last_recorded.isoformat(),
        }
    ]


def text_report(network: Network, analysis: Analysis, *, periods: int = 24) -> str:
    return "\n".join(_lines(network, analysis, periods))


def _lines(network: Network, analysis: Analysis, periods: int) -> Iterator[str]:
    r = analysis.result
    yield _("%(network)s — analysis as of %(date)s") % {
        "network": network.name,
        "date": date_format(analysis.as_of, "j F Y"),
    }
    yield "=" * 72
    yield from as_of_notice(analysis)

    yield ""
    yield _("SCENARIO")
    for title, verdict in (
        (_("Whole history"), r.scenario.overall),
        (_("Recent"), r.scenario.recent),
    ):
        yield _(
            "%(title)s (%(first)s to %(last)s): %(scenario)s, %(sure)s (confidence %(confidence)s)"
        ) % {
            "sure": confidence_word(verdict.confidence),
            "title": title,
            "first": verdict.first_period,
            "last": verdict.last_period,
            "scenario": scenario_label(verdict.scenario.name.lower()),
            "confidence": _pct(verdict.confidence),
        }
        yield "  " + render_message(verdict.message)
        for evidence in verdict.evidence:
            yield "  - " + render_message(evidence)

    b = r.balance
    yield ""
    yield _(
        "BALANCE (person-hours per %(period)s; healthy band %(low)s to %(high)s relationship)"
    ) % {
        "period": _("month") if b.period == "month" else _("quarter"),
        "low": _pct(r.settings.band_low),
        "high": _pct(r.settings.band_high),
    }
    heads = (_("period"), _("content"), _("relationship"), _("share"))
    yield f"  {heads[0]:<10} {heads[1]:>10} {heads[2]:>12} {heads[3]:>7}"
    start = max(0, len(b.labels) - periods)
    for i in range(start, len(b.labels)):
        share = float(b.share[i])
        shown = _pct(share) if share == share else "—"
        yield (
            f"  {b.labels[i]:<10} {b.content_hours[i]:>10.0f} {b.relationship_hours[i]:>12.0f} "
            f"{shown:>7} {_bar(share)}"
        )
    for brk in b.breaks:
        yield "  " + _("Break in %(period)s: share %(before)s before, %(after)s after") % {
            "period": brk.label,
            "before": _pct(brk.before),
            "after": _pct(brk.after),
        }

    w = r.warmth
    yield ""
    yield _("WARMTH")
    yield "  " + _(
        "Warmth index: %(index)s of the active members have at least two warm ties "
        "across organisations."
    ) % {"index": _pct(w.index)}
    yield "  " + _(
        "%(warm)d warm ties, %(cross)d of them across organisations; %(active)d active members."
    ) % {
        "warm": w.total_warm_ties,
        "cross": w.warm_cross_org_ties,
        "active": w.active_members,
    }
    yield "  " + _("Cold members (%(n)d): %(names)s") % {
        "n": len(w.cold),
        "names": _names(analysis, w.cold.tolist()),
    }
    yield "  " + _("Newcomers not yet connected (%(n)d): %(names)s") % {
        "n": len(w.newcomers_unconnected),
        "names": _names(analysis, w.newcomers_unconnected.tolist()),
    }
    yield "  " + _(
        "Mean tie per pair: %(rel).2f effective hours of relationship time, %(fam).2f at "
        "the same table (working familiarity)."
    ) % {"rel": w.mean_relational, "fam": w.mean_familiarity}
    yield "  " + _("Brokers: %(names)s") % {"names": _names(analysis, r.brokers.top.tolist(), 5)}
    g = r.groups
    yield "  " + _(
        "%(n)d groups (modularity %(q).2f); overlap with organisations beyond chance "
        "%(ami).2f — %(verdict)s"
    ) % {
        "n": len(g.sizes),
        "q": g.modularity,
        "ami": g.ami_with_orgs,
        "verdict": _("the groups are the organisations again (silos)")
        if g.silos
        else _("groups cross organisations"),
    }

    yield ""
    yield _("FAULT LINES")
    if not r.faultlines:
        yield "  " + _("No open points of dispute with positions.")
    for line in r.faultlines:
        yield "  " + _(
            '"%(point)s": risk %(risk)s — %(for)d for, %(against)d against, '
            "%(warm)d warm ties across"
        ) % {
            "point": analysis.lookup.point(line.point),
            "risk": RISK_LABELS[line.risk.name.lower()],
            "for": len(line.for_members),
            "against": len(line.against_members),
            "warm": line.warm_across,
        }

    yield ""
    yield _("HARD MOMENTS (the warmth across the parties before each, against its outcome)")
    if not r.hard_moments:
        yield "  " + _("No hard moment recorded.")
    for test in r.hard_moments:
        yield "  " + hard_moment_line(analysis, test)

    yield ""
    yield _("SIGNALS")
    if not r.signals:
        yield "  " + _("No signals.")
    for signal in sorted(r.signals, key=lambda s: -int(s.severity)):
        yield f"  [{SEVERITY.get(int(signal.severity), '?')}] " + render_message(signal.message)
        yield "      → " + render_message(signal.action)

    yield ""
    yield _("SUGGESTIONS FOR THE RELATIONSHIP PROGRAMME")
    if not r.suggestions:
        yield "  " + _("No suggestions.")
    for s in r.suggestions:
        kind = ActivityKind(int(EngineKind(s.activity_kind))).label
        host = analysis.lookup.organisation(s.host_org) if s.host_org >= 0 else "—"
        yield "  - " + _("%(date)s, %(kind)s at %(host)s, with %(invitees)s") % {
            "date": date_format(s.date.astype(object), "j F Y"),
            "kind": kind,
            "host": host,
            "invitees": _names(analysis, s.invitees.tolist(), 6),
        }
        yield "    " + render_message(s.reason)


def hard_moment_line(analysis: Analysis, test: Any) -> str:
    """One hard moment as a sentence: when, the warmth across before it, the outcome."""
    title = analysis.lookup.hard_moment(test.moment)
    return _(
        "%(date)s%(title)s: ties across the parties %(ties)s (%(share)s of %(n)d people with "
        "a warm tie across) — %(outcome)s%(verdict)s"
    ) % {
        "date": date_format(test.day.astype(object), "j F Y"),
        "title": f" {title}" if title else "",
        "ties": TIES_BEFORE_LABELS[test.before.ties.value],
        "share": _pct(test.before.share_connected),
        "n": test.before.members,
        "outcome": OUTCOME_LABELS[test.outcome.name.lower()],
        "verdict": ""
        if test.as_expected is None
        else (
            _("; as the method expects") if test.as_expected else _("; not as the method expects")
        ),
    }
