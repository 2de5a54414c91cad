"""Private calendar feeds, and the member's own overview (invitations, feeds, language).

A feed URL holds a signed token with the member and the version of their feed
key: "new links" raises the version and every older URL stops working.  The
feed checks the member is still in the network (and still a coordinator, for
the network's calendar) each time a calendar program asks.
"""

from __future__ import annotations

import datetime as dt

from django import forms
from django.contrib import messages
from django.db.models import Q
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from warmnet.activities.models import Activity, Attendance, AttendanceStatus
from warmnet.links import Link, signed_link_view
from warmnet.network.actions import log_action
from warmnet.network.models import Member, Role
from warmnet.network.scoping import network_view
from warmnet.programme.actions import ANSWERABLE, revoke_feeds
from warmnet.programme.checkin import checkin_link, todays_activities
from warmnet.programme.ics import feed_calendar
from warmnet.programme.invitations import uid_for
from warmnet.programme.links import FEED, NETWORK_FEED, feed_links, feed_version
from warmnet.programme.models import ActivityCalendar
from warmnet.surveys.actions import own_open_rounds

__all__ = ["feed", "me", "network_feed", "revoke"]

#: A feed holds what is to come and this much of the past.
FEED_PAST = dt.timedelta(days=90)
FEED_LIMIT = 2000


def _member(link: Link) -> Member:
    member = Member.objects.select_related("network").filter(pk=link["member"]).first()
    active = member is not None and (
        member.left_on is None or member.left_on >= timezone.localdate()
    )
    if not active or feed_version(member) != link["version"]:  # type: ignore[arg-type]
        raise Http404("No such calendar")
    return member  # type: ignore[return-value]


def _ics(name: str, activities: list[Activity]) -> HttpResponse:
    calendars = dict(
        ActivityCalendar.objects.filter(activity__in=activities).values_list(
            "activity_id", "sequence"
        )
    )
    entries = [(a, uid_for(a), calendars.get(a.pk, 0)) for a in activities]
    response = HttpResponse(
        feed_calendar(name, entries), content_type="text/calendar; charset=utf-8"
    )
    response["Content-Disposition"] = 'inline; filename="warmnet.ics"'
    response["Cache-Control"] = "private, max-age=900"
    response["X-Robots-Tag"] = "noindex"
    return response


def _window() -> Q:
    return Q(start__gte=timezone.now() - FEED_PAST)


@signed_link_view(FEED)
def feed(request: HttpRequest, link: Link) -> HttpResponse:
    """The activities the member is invited to (not those they declined)."""
    member = _member(link)
    activities = list(
        Activity.objects.filter(_window(), network=member.network, attendances__member=member)
        .exclude(attendances__member=member, attendances__status=AttendanceStatus.DECLINED)
        .select_related("network")
        .order_by("start")[:FEED_LIMIT]
    )
    return _ics(f"{member.network.name} · {member.name}", activities)


@signed_link_view(NETWORK_FEED)
def network_feed(request: HttpRequest, link: Link) -> HttpResponse:
    """Every activity of the network, for its coordinators."""
    member = _member(link)
    if member.role != Role.COORDINATOR:
        raise Http404("No such calendar")
    activities = list(
        Activity.objects.filter(_window(), network=member.network)
        .select_related("network")
        .order_by("start")[:FEED_LIMIT]
    )
    return _ics(member.network.name, activities)


class LanguageForm(forms.Form):
    language = forms.ChoiceField(
        label=gettext_lazy("Language of your e-mails"),
        choices=[
            ("", gettext_lazy("the network's default (Dutch)")),
            ("nl", "Nederlands"),
            ("en", "English"),
        ],
        required=False,
    )


@network_view(personal=True)
def me(request: HttpRequest) -> HttpResponse:
    """The member's own overview: invitations to answer, calendar links, e-mail language."""
    network = request.network  # type: ignore[attr-defined]
    member = request.member  # type: ignore[attr-defined]
    if request.method == "POST":
        form = LanguageForm(request.POST)
        if form.is_valid():
            member.language = form.cleaned_data["language"]
            member.save(update_fields=["language"])
            log_action(
                network, request.user, "update", member, changes={"language": member.language}
            )
            messages.success(request, _("Saved: the language of your e-mails."))
            return redirect(reverse("programme:me", args=[network.slug]))
    else:
        form = LanguageForm(initial={"language": member.language})
    upcoming = (
        Attendance.objects.filter(member=member, activity__start__gte=timezone.now())
        .select_related("activity__host_organisation")
        .order_by("activity__start")[:30]
    )
    context = {
        "upcoming": upcoming,
        "answerable": ANSWERABLE,
        "statuses": AttendanceStatus,
        "feeds": feed_links(member),
        "form": form,
        "bounced": member.email_bounced_at,
        "today": [(a, checkin_link(member, a)) for a in todays_activities(member, timezone.now())],
        # only the member's own: whether they answered is shown to nobody else
        "surveys": list(own_open_rounds(member, timezone.localdate())),
    }
    return render(request, "programme/me.html", context)


@network_view(personal=True)
def revoke(request: HttpRequest) -> HttpResponse:
    network = request.network  # type: ignore[attr-defined]
    if request.method == "POST":
        revoke_feeds(request.member)  # type: ignore[attr-defined]
        messages.success(
            request,
            _(
                "New calendar links made. The old ones no longer work: "
                "subscribe again with the new one."
            ),
        )
    return redirect(reverse("programme:me", args=[network.slug]) + "#calendar")
