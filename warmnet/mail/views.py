"""The outbox: every mail the network sent (or, in the demo, would have sent), for its
coordinators, with what became of it; a failed mail can be tried again."""

from __future__ import annotations

import base64

from django.contrib import messages
from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _

from warmnet.mail.models import MailStatus, OutgoingMail
from warmnet.mail.tasks import retry_now
from warmnet.network.scoping import COORDINATORS, get_owned, network_view

__all__ = ["outbox", "outbox_attachment", "outbox_mail", "outbox_retry"]

PER_PAGE = 50


@network_view(roles=COORDINATORS)
def outbox(request: HttpRequest) -> HttpResponse:
    network = request.network  # type: ignore[attr-defined]
    mails = OutgoingMail.objects.filter(network=network).select_related("member")
    status = request.GET.get("status", "")
    if status in MailStatus.values:
        mails = mails.filter(status=status)
    reference = request.GET.get("about", "")
    if reference.startswith("activity:") and reference[9:].isdigit():
        mails = mails.filter(reference=reference)
    page = Paginator(mails, PER_PAGE).get_page(request.GET.get("page"))
    trouble = OutgoingMail.objects.filter(
        network=network, status__in=[MailStatus.FAILED, MailStatus.BOUNCED, MailStatus.RETRYING]
    ).count()
    context = {
        "page": page,
        "status": status,
        "statuses": MailStatus.choices,
        "trouble": trouble,
        "about": reference,
    }
    return render(request, "mail/outbox.html", context)


@network_view(roles=COORDINATORS)
def outbox_mail(request: HttpRequest, pk: int) -> HttpResponse:
    mail = get_owned(request, OutgoingMail, pk)
    return render(request, "mail/outbox_mail.html", {"mail": mail})


@network_view(roles=COORDINATORS)
def outbox_attachment(request: HttpRequest, pk: int, index: int) -> HttpResponse:
    mail = get_owned(request, OutgoingMail, pk)
    if not 0 <= index < len(mail.attachments):
        raise Http404("No such attachment")
    part = mail.attachments[index]
    filename = "".join(c for c in part["filename"] if c.isalnum() or c in "._-") or "attachment"
    if part.get("encoding") == "base64":
        response = HttpResponse(base64.b64decode(part["content"]), content_type=part["mimetype"])
    else:
        response = HttpResponse(part["content"], content_type=f"{part['mimetype']}; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


@network_view(write=True, roles=COORDINATORS)
def outbox_retry(request: HttpRequest, pk: int) -> HttpResponse:
    network = request.network  # type: ignore[attr-defined]
    mail = get_owned(request, OutgoingMail, pk)
    if request.method == "POST":
        if mail.private and not mail.body_text:
            messages.error(
                request, _("This mail held a personal sign-in link and was erased; send a new one.")
            )
        else:
            retry_now(mail)
            messages.success(request, _("The mail will be tried again in a moment."))
    return redirect(reverse("mail:outbox_mail", args=[network.slug, mail.pk]))
