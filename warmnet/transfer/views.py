"""Import (upload, preview, confirm) and export pages, for the network's writers."""

from __future__ import annotations

import tempfile

from django.contrib import messages
from django.http import FileResponse, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from warmnet.network.models import Role
from warmnet.network.scoping import network_view
from warmnet.transfer.export import export_csv_zip, export_filename, export_xlsx
from warmnet.transfer.forms import ConfirmForm, UploadForm, too_large
from warmnet.transfer.readers import Limits
from warmnet.transfer.report import ImportReport
from warmnet.transfer.service import import_files
from warmnet.transfer.uploads import discard, opened, received, store

_TEMPLATE = "transfer/import.html"


def _page(
    request: HttpRequest,
    form: UploadForm,
    report: ImportReport | None = None,
    token: str = "",
    status: int = 200,
) -> HttpResponse:
    context = {"form": form, "report": report, "token": token}
    return render(request, _TEMPLATE, context, status=status)


@network_view(write=True)
def import_page(request: HttpRequest) -> HttpResponse:
    network = request.network  # type: ignore[attr-defined]
    if request.method != "POST":
        return _page(request, UploadForm())
    form = UploadForm(request.POST, request.FILES)
    if getattr(request, "upload_too_large", False):
        return _page(request, too_large(UploadForm), status=413)  # type: ignore[arg-type]
    if not form.is_valid():
        return _page(request, form, status=400)
    uploads = form.cleaned_data["uploads"]
    with received(uploads) as files:
        limits, roles = _rules(request)
        report = import_files(
            network, files, user=request.user, dry_run=True, limits=limits, manages_roles=roles
        )
    if not report.ok:
        return _page(request, UploadForm(), report, status=400)
    token = store(network.pk, request.user, uploads)
    return _page(request, UploadForm(), report, token)


def _rules(request: HttpRequest) -> tuple[Limits, bool]:
    """The web's limits, and whether this person may change roles through the import."""
    member = request.member  # type: ignore[attr-defined]
    return Limits.web(), member.role == Role.COORDINATOR


@network_view(write=True)
@require_POST
def import_confirm(request: HttpRequest) -> HttpResponse:
    network = request.network  # type: ignore[attr-defined]
    form = ConfirmForm(request.POST)
    token = form.data.get("token", "") if form.is_valid() else ""
    with opened(network.pk, request.user, token) as files:
        if not files:
            messages.error(request, _("These files are no longer here; please upload them again."))
            return redirect("transfer:import", network.slug)
        limits, roles = _rules(request)
        report = import_files(network, files, user=request.user, limits=limits, manages_roles=roles)
    if not report.ok:
        discard(network.pk, request.user, token)
        return _page(request, UploadForm(), report, status=400)
    discard(network.pk, request.user, token)
    messages.success(request, _("Imported: %(summary)s") % {"summary": report.summary()})
    return redirect("transfer:import", network.slug)


@network_view(write=True)
def export_page(request: HttpRequest) -> HttpResponse:
    return render(request, "transfer/export.html")


@network_view(write=True)
def export_download(request: HttpRequest, fmt: str) -> HttpResponse:
    network = request.network  # type: ignore[attr-defined]
    # spooled: small networks stay in memory, large ones go to a temporary file, which
    # FileResponse closes when the download is done
    out = tempfile.SpooledTemporaryFile(max_size=32 << 20)  # noqa: SIM115
    (export_xlsx if fmt == "xlsx" else export_csv_zip)(network, out)
    out.seek(0)
    response = FileResponse(out, as_attachment=True, filename=export_filename(network, fmt))
    return response  # type: ignore[return-value]  # a streaming response, served the same way
