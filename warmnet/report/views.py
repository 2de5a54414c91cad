"""The report's pages: the print page, the PDF, and the coordinator's preparation.

Who: coordinators and the core team generate, prepare and download reports (the
steering group receives them by e-mail; see docs/report.md). Participants and
observers get 403, as for the dashboard the report is made from.
"""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from warmnet.background.queue import queue
from warmnet.insights.service import analysis_for
from warmnet.network.scoping import RUNNERS, network_view
from warmnet.report import actions
from warmnet.report.content import build_report, proposal_choices, report_day
from warmnet.report.delivery import recipients
from warmnet.report.forms import DraftForm, PeriodForm, ScheduleForm
from warmnet.report.pdf import PdfUnavailable, document_title, filename, render_pdf
from warmnet.report.periods import Period
from warmnet.report.tasks import send_report_now

__all__ = ["page", "pdf", "prepare", "schedule", "send"]


def _period(request: HttpRequest) -> tuple[PeriodForm, Period | None]:
    """The period asked for in the address (the default quarter when none is), or None
    with the form's messages."""
    form = PeriodForm(request.GET, today=timezone.localdate())
    return (form, form.period) if form.is_valid() else (form, None)


def _bad_period(request: HttpRequest, form: PeriodForm) -> HttpResponse:
    context = {"period_form": form, "period": None}
    return render(request, "report/prepare.html", context, status=400)


@network_view(roles=RUNNERS)
def page(request: HttpRequest) -> HttpResponse:
    """The report as a print-friendly page (``?quarter=2025-Q3`` or ``?since=&until=``)."""
    network = request.network  # type: ignore[attr-defined]
    form, period = _period(request)
    if period is None:
        return _bad_period(request, form)
    r = build_report(network, period, actions.draft_for(network, period))
    context = {"r": r, "title": document_title(r), "period": period, "query": period.query()}
    return render(request, "report/page.html", context)


@network_view(roles=RUNNERS)
def pdf(request: HttpRequest) -> HttpResponse:
    """The report as a PDF, for the meeting pack."""
    network = request.network  # type: ignore[attr-defined]
    form, period = _period(request)
    if period is None:
        return _bad_period(request, form)
    r = build_report(network, period, actions.draft_for(network, period))
    try:
        document = render_pdf(r)
    except PdfUnavailable as exc:
        # The server lacks pango: say so and point to the print page, which works.
        messages.error(request, str(exc))
        context = {"r": r, "title": document_title(r), "period": period, "query": period.query()}
        return render(request, "report/page.html", context, status=503)
    response = HttpResponse(document, content_type="application/pdf")
    response["Content-Disposition"] = f'attachment; filename="{filename(r, network.slug)}"'
    return response


def _schedule_form(network: Any, data: Any = None) -> ScheduleForm:
    current = actions.schedule_for(network)
    initial: dict[str, Any] = {}
    if current is not None:
        initial = {
            "enabled": current.enabled,
            "role": current.role,
            "members": list(current.members.all()),
            "days_after": current.days_after,
        }
    return ScheduleForm(data, network=network, initial=initial)


@network_view(write=True)
def prepare(request: HttpRequest) -> HttpResponse:
    """The coordinator's voice for one period: foreword, proposals, naming people."""
    network = request.network  # type: ignore[attr-defined]
    form, period = _period(request)
    if period is None:
        return _bad_period(request, form)
    analysis = analysis_for(network, report_day(period, timezone.localdate()))
    choices = proposal_choices(analysis)
    draft = actions.draft_for(network, period)
    if request.method == "POST":
        draft_form = DraftForm(request.POST, choices=choices)
        if draft_form.is_valid():
            data = draft_form.cleaned_data
            actions.save_draft(
                network,
                request.user,
                period,
                foreword=data["foreword"],
                proposals=list(data["proposals"]),
                include_people=bool(data["include_people"]),
            )
            messages.success(request, _("The report's foreword and proposals are saved."))
            return redirect(reverse("report:page", args=[network.slug]) + "?" + period.query())
    else:
        initial = {}
        if draft is not None:
            known = {c for c, _label in choices}
            initial = {
                "foreword": draft.foreword,
                "proposals": [p for p in draft.proposals if p in known],
                "include_people": draft.include_people,
            }
        draft_form = DraftForm(initial=initial, choices=choices)
    current = actions.schedule_for(network)
    context = {
        "period_form": form,
        "period": period,
        "query": period.query(),
        "draft_form": draft_form,
        "draft": draft,
        "lost": [p for p in (draft.proposals if draft else []) if p not in dict(choices)],
        "schedule_form": _schedule_form(network),
        "schedule": current,
        "recipients": recipients(current, timezone.localdate()) if current else [],
    }
    status = 400 if request.method == "POST" else 200
    return render(request, "report/prepare.html", context, status=status)


@network_view(write=True)
def schedule(request: HttpRequest) -> HttpResponse:
    """Who gets the report each quarter (POST)."""
    network = request.network  # type: ignore[attr-defined]
    if request.method != "POST":
        return redirect("report:prepare", network.slug)
    form = _schedule_form(network, request.POST)
    if not form.is_valid():
        context = {
            "period_form": PeriodForm({}, today=timezone.localdate()),
            "period": None,
            "schedule_form": form,
            "schedule": actions.schedule_for(network),
            "schedule_only": True,
        }
        return render(request, "report/prepare.html", context, status=400)
    data = form.cleaned_data
    actions.save_schedule(
        network,
        request.user,
        enabled=bool(data["enabled"]),
        role=data["role"],
        members=list(data["members"]),
        days_after=int(data["days_after"]),
    )
    messages.success(request, _("The report's delivery is saved."))
    return redirect(reverse("report:prepare", args=[network.slug]))


@network_view(write=True)
def send(request: HttpRequest) -> HttpResponse:
    """Send the report of one period to the steering group now (POST; the worker
    renders and mails it)."""
    network = request.network  # type: ignore[attr-defined]
    if request.method != "POST":
        return redirect("report:prepare", network.slug)
    form, period = _period(request)
    if period is None:
        return _bad_period(request, form)
    current = actions.schedule_for(network)
    people = recipients(current, timezone.localdate()) if current else []
    back = reverse("report:prepare", args=[network.slug]) + "?" + period.query()
    if not people:
        messages.error(request, _("Choose the steering group's members below first."))
        return redirect(back)
    queue(
        send_report_now,
        network.pk,
        period.start.isoformat(),
        period.end.isoformat(),
        request.user.pk,
    )
    with_address = sum(1 for m in people if m.email)
    messages.success(
        request,
        ngettext(
            "The report is being sent to %(n)s member.",
            "The report is being sent to %(n)s members.",
            with_address,
        )
        % {"n": with_address},
    )
    return redirect(back)
