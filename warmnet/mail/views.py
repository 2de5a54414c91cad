"""The outbox: every mail the network sent (or, in the demo, would have sent), for its
coordinators, with what became of it; a failed mail can be tried again.

Sealed mails (the survey's invitations and reminders) are not listed: the outbox shows
them as one line per round and kind with counts, and no page opens for one of them."""

from __future__ import annotations

import base64
from typing import Any

from django.contrib import messages
from django.core.paginator import Paginator
from django.db.models import Count, Q
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _

from warmnet.mail.models import DELIVERED, PENDING, MailStatus, OutgoingMail
from warmnet.mail.tasks import retry_now
from warmnet.network.models import Network
from warmnet.network.scoping import COORDINATORS, get_owned, network_view

__all__ = ["outbox", "outbox_attachment", "outbox_mail", "outbox_retry"]

PER_PAGE = 50


def sealed_summary(network: Network) -> list[dict[str, Any]]:
    """One line per survey round and kind of sealed mail: how many, delivered, waiting,
    failed.  Counts only: never to whom, never the text or the link."""
    from warmnet.surveys.models import SurveyRound  # the survey is the only sealed sender

    rows = (
        OutgoingMail.objects.filter(network=network, sealed=True)
        .values("reference", "kind")
        .annotate(
            total=Count("pk"),
            done=Count("pk", filter=Q(status__in=DELIVERED)),
            kept=Count("pk", filter=Q(status=MailStatus.OUTBOX)),
            waiting=Count("pk", filter=Q(status__in=[*PENDING, MailStatus.SENDING])),
            failed=Count("pk", filter=Q(status__in=[MailStatus.FAILED, MailStatus.BOUNCED])),
        )
        .order_by("reference", "kind")
    )
    ids = {int(r["reference"][7:]) for r in rows if r["reference"][7:].isdigit()}
    rounds = {r.pk: r for r in SurveyRound.objects.filter(network=network, pk__in=ids)}
    lines = []
    for row in rows:
        ref = row["reference"]
        survey = rounds.get(int(ref[7:])) if ref[7:].isdigit() else None
        sent = row["done"] - row["kept"]
        reminder = row["kind"] == "survey_reminder"
        lines.append({**row, "sent": sent, "survey": survey, "reminder": reminder})
    lines.sort(key=lambda line: (-(line["survey"].pk if line["survey"] else 0), line["kind"]))
    return lines


@network_view(roles=COORDINATORS)
def outbox(request: HttpRequest) -> HttpResponse:
    network = request.network  # type: ignore[attr-defined]
    mails = OutgoingMail.objects.filter(network=network, sealed=False).select_related("member")
    status = request.GET.get("status", "")
    if status in MailStatus.values:
        mails = mails.filter(status=status)
    reference = request.GET.get("about", "")
    if reference.startswith("activity:") and reference[9:].isdigit():
        mails = mails.filter(reference=reference)
    page = Paginator(mails, PER_PAGE).get_page(request.GET.get("page"))
    trouble = OutgoingMail.objects.filter(
        network=network,
        sealed=False,
        status__in=[MailStatus.FAILED, MailStatus.BOUNCED, MailStatus.RETRYING],
    ).count()
    context = {
        "page": page,
        "status": status,
        "statuses": MailStatus.choices,
        "trouble": trouble,
        "about": reference,
        "sealed": sealed_summary(network),
    }
    return render(request, "mail/outbox.html", context)


@network_view(roles=COORDINATORS)
def outbox_mail(request: HttpRequest, pk: int) -> HttpResponse:
    mail = get_owned(request, OutgoingMail, pk, sealed=False)
    return render(request, "mail/outbox_mail.html", {"mail": mail})


@network_view(roles=COORDINATORS)
def outbox_attachment(request: HttpRequest, pk: int, index: int) -> HttpResponse:
    mail = get_owned(request, OutgoingMail, pk, sealed=False)
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
    mail = get_owned(request, OutgoingMail, pk, sealed=False)
    if request.method == "POST":
        if mail.private and not mail.body_text:
            messages.error(
                request, _("This mail held a personal sign-in link and was erased; send a new one.")
            )
        else:
            retry_now(mail)
            messages.success(request, _("The mail will be tried again in a moment."))
    return redirect(reverse("mail:outbox_mail", args=[network.slug, mail.pk]))
