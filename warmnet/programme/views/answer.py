"""Answering an invitation: from the e-mail's signed link without logging in, or
logged in on the activity page and on one's own overview.

The link's page asks to confirm with a button (a POST): mail scanners that open
every link in a mail must not answer for the person.
"""

from __future__ import annotations

from django.contrib import messages
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from warmnet.activities.models import Activity, Attendance, AttendanceStatus
from warmnet.links import Link, signed_link_view
from warmnet.network.models import Member
from warmnet.network.scoping import get_owned, network_view
from warmnet.programme.actions import ANSWERABLE, answer_invitation
from warmnet.programme.links import RSVP

__all__ = ["answer", "rsvp"]


def _coming(value: str) -> bool | None:
    return {"yes": True, "no": False}.get(value)


@signed_link_view(RSVP)
def rsvp(request: HttpRequest, link: Link) -> HttpResponse:
    """The page behind "ik kom" / "ik kan niet": this member, this activity, nothing else."""
    member = Member.objects.select_related("network").filter(pk=link["member"]).first()
    activity = (
        Activity.objects.select_related("network", "host_organisation")
        .filter(pk=link["activity"])
        .first()
    )
    if member is None or activity is None or member.network_id != activity.network_id:
        raise Http404("No such invitation")
    status = (
        Attendance.objects.filter(activity=activity, member=member)
        .values_list("status", flat=True)
        .first()
    )
    if status is None:
        return render(request, "programme/rsvp.html", {"gone": True}, status=404)
    if activity.start <= timezone.now():
        return render(request, "links/expired.html", status=410)
    saved = None
    if request.method == "POST":
        coming = _coming(request.POST.get("answer", ""))
        if coming is not None and status in ANSWERABLE:
            status = answer_invitation(member, activity, coming, None)
            saved = coming
    elif request.method not in ("GET", "HEAD"):
        return HttpResponse(status=405)
    context = {
        "activity": activity,
        "member": member,
        "status": status,
        "statuses": AttendanceStatus,
        "chosen": _coming(request.GET.get("answer", "")),
        "saved": saved,
        "answerable": status in ANSWERABLE,
    }
    response = render(request, "programme/rsvp.html", context)
    # the token stays on this site: other sites get no Referer (same-origin keeps the
    # Origin header that CSRF protection needs for the answer)
    response["Referrer-Policy"] = "same-origin"
    response["X-Robots-Tag"] = "noindex"
    return response


@network_view(personal=True)
def answer(request: HttpRequest, pk: int) -> HttpResponse:
    """A signed-in member's own answer (POST ``answer=yes|no``)."""
    network = request.network  # type: ignore[attr-defined]
    member = request.member  # type: ignore[attr-defined]
    activity = get_owned(request, Activity, pk)
    if not Attendance.objects.filter(activity=activity, member=member).exists():
        raise Http404("Not invited")
    back = request.POST.get("next", "")
    if not back.startswith(f"/n/{network.slug}/"):
        back = reverse("activities:activity_detail", args=[network.slug, activity.pk])
    if request.method != "POST":
        return redirect(back)
    coming = _coming(request.POST.get("answer", ""))
    if coming is None or activity.start <= timezone.now():
        messages.error(request, _("This invitation can no longer be answered here."))
        return redirect(back)
    if answer_invitation(member, activity, coming, request.user) is None:
        messages.error(request, _("Your attendance has already been recorded."))
    elif coming:
        messages.success(
            request, _("Thank you: you are coming to %(title)s.") % {"title": activity.title}
        )
    else:
        messages.success(
            request, _("Thank you: you cannot come to %(title)s.") % {"title": activity.title}
        )
    return redirect(back)
