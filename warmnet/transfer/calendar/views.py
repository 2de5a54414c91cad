"""The calendar import page: upload an .ics file, correct kinds in the preview, confirm."""

from __future__ import annotations

from collections import Counter

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from warmnet.activities.models import ActivityKind
from warmnet.network.scoping import network_view
from warmnet.transfer.calendar.forms import SKIP, CalendarUploadForm, chosen_kinds
from warmnet.transfer.calendar.service import CalendarReport, import_calendar
from warmnet.transfer.forms import too_large
from warmnet.transfer.uploads import discard, opened, received, store

_TEMPLATE = "transfer/calendar_import.html"


def _page(
    request: HttpRequest,
    form: CalendarUploadForm,
    report: CalendarReport | None = None,
    token: str = "",
    status: int = 200,
) -> HttpResponse:
    context = {
        "form": form,
        "report": report,
        "token": token,
        "kinds": ActivityKind.choices,
        "skip": SKIP,
    }
    return render(request, _TEMPLATE, context, status=status)


@network_view(write=True)
def calendar_import(request: HttpRequest) -> HttpResponse:
    network = request.network  # type: ignore[attr-defined]
    if request.method != "POST":
        return _page(request, CalendarUploadForm())
    if getattr(request, "upload_too_large", False):
        return _page(request, too_large(CalendarUploadForm), status=413)  # type: ignore[arg-type]
    form = CalendarUploadForm(request.POST, request.FILES)
    if not form.is_valid():
        return _page(request, form, status=400)
    uploads = form.cleaned_data["calendars"]
    with received(uploads) as files:
        report = import_calendar(network, files, user=request.user, dry_run=True)
    if not report.ok:
        return _page(request, CalendarUploadForm(), report, status=400)
    token = store(network.pk, request.user, uploads)
    return _page(request, CalendarUploadForm(), report, token)


@network_view(write=True)
@require_POST
def calendar_confirm(request: HttpRequest) -> HttpResponse:
    network = request.network  # type: ignore[attr-defined]
    token = request.POST.get("token", "")
    choices = chosen_kinds(request.POST)
    with opened(network.pk, request.user, token) as files:
        if not files:
            messages.error(request, _("These files are no longer here; please upload them again."))
            return redirect("transfer:calendar_import", network.slug)
        if choices is None:
            discard(network.pk, request.user, token)
            messages.error(request, _("The chosen kinds could not be read; please upload again."))
            return redirect("transfer:calendar_import", network.slug)
        report = import_calendar(network, files, user=request.user, choices=choices)
    discard(network.pk, request.user, token)
    if not report.ok:
        return _page(request, CalendarUploadForm(), report, status=400)
    messages.success(request, _("Imported: %(summary)s") % {"summary": report.summary()})
    written = [row for row in report.plan.rows if row.written] if report.plan else []
    if not written:
        return redirect("transfer:calendar_import", network.slug)
    # the month most of the events fall in: a week's export holds whole series too
    months = Counter(timezone.localtime(row.event.start).strftime("%Y-%m") for row in written)
    month = min(months, key=lambda m: (-months[m], m))
    return redirect(reverse("activities:calendar", args=[network.slug]) + f"?month={month}")
