"""Check-in on the day: the host's page for a phone, and the attendees' own links.

The host's page is a list of the invitees; a tap on a name is one small POST
(htmx) that answers with that row only, saying "saved"; when the connection
fails the row says "not saved" and the same tap tries again (warmnet.js).
Without JavaScript each tap is an ordinary form post.
"""

from __future__ import annotations

from typing import Any

from django import forms
from django.contrib.auth.views import redirect_to_login
from django.db import IntegrityError, transaction
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from warmnet.activities.models import Activity, Attendance, AttendanceStatus
from warmnet.links import Link, signed_link_view
from warmnet.network.actions import log_action
from warmnet.network.models import Member, Organisation
from warmnet.network.scoping import get_owned, network_view
from warmnet.programme.checkin import (
    CHECKIN,
    DOOR,
    check_in,
    day_bounds,
    door_link,
    qr_svg,
    refusal,
    set_status,
)

__all__ = ["checkin", "door", "mark", "search", "self_checkin", "walk_in"]

#: How many members a walk-in search shows.
SEARCH_LIMIT = 12


class WalkInForm(forms.Form):
    """A person who is not a member yet: a name and an organisation (chosen or new)."""

    name = forms.CharField(label=gettext_lazy("Name"), max_length=200)
    organisation = forms.ModelChoiceField(
        label=gettext_lazy("Organisation"), queryset=Organisation.objects.none(), required=False
    )
    new_organisation = forms.CharField(
        label=gettext_lazy("Or a new organisation"), max_length=200, required=False
    )
    email = forms.EmailField(label=gettext_lazy("E-mail (optional)"), required=False)

    def __init__(self, *args: Any, network: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.network = network
        field = self.fields["organisation"]
        assert isinstance(field, forms.ModelChoiceField)
        field.queryset = Organisation.objects.filter(network=network).order_by("name")

    def clean_name(self) -> str:
        name = self.cleaned_data["name"].strip()
        if not name:
            raise forms.ValidationError(_("Enter the person's name."))
        return str(name)

    def clean_email(self) -> str:
        email = str(self.cleaned_data.get("email") or "").strip()
        if email and Member.objects.filter(network=self.network, email__iexact=email).exists():
            raise forms.ValidationError(
                _("%(email)s is already a member: find them with the search above.")
                % {"email": email}
            )
        return email

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        new = (data.get("new_organisation") or "").strip()
        if not data.get("organisation") and not new:
            self.add_error(
                "organisation", _("Choose the person's organisation, or name a new one.")
            )
        data["new_organisation"] = new
        return data


def _rows(activity: Activity) -> list[Attendance]:
    return list(
        Attendance.objects.filter(activity=activity)
        .select_related("member__organisation")
        .order_by("member__name", "member_id")
    )


def _urls(network: Any, activity: Activity) -> dict[str, str]:
    args = [network.slug, activity.pk]
    return {
        "mark_url": reverse("programme:checkin_mark", args=args),
        "search_url": reverse("programme:checkin_search", args=args),
        "walk_in_url": reverse("programme:checkin_walk_in", args=args),
        "page_url": reverse("programme:checkin", args=args),
    }


def _row(
    request: HttpRequest, activity: Activity, row: Attendance | None, member: Member, **extra: Any
) -> HttpResponse:
    context = {
        "activity": activity,
        "row": row,
        "member": member,
        "statuses": AttendanceStatus,
        **_urls(request.network, activity),  # type: ignore[attr-defined]
        **extra,
    }
    return render(request, "programme/checkin.html#row", context)


def _on_day(activity: Activity) -> bool:
    start, end = day_bounds(activity)
    return start <= timezone.now() < end


def _page(
    request: HttpRequest, activity: Activity, walk_in: WalkInForm | None = None, status: int = 200
) -> HttpResponse:
    network = request.network  # type: ignore[attr-defined]
    rows = _rows(activity)
    attended = sum(r.status == AttendanceStatus.ATTENDED for r in rows)
    link = door_link(activity) if _on_day(activity) else ""
    context = {
        "activity": activity,
        "rows": rows,
        "attended": attended,
        "statuses": AttendanceStatus,
        "on_day": _on_day(activity),
        "door_url": link,
        "door_qr": qr_svg(link) if link else "",
        "walk_in": walk_in or WalkInForm(network=network),
        **_urls(network, activity),
    }
    return render(request, "programme/checkin.html", context, status=status)


@network_view(write=True)
def checkin(request: HttpRequest, pk: int) -> HttpResponse:
    """The host's list at the door: tap a name to mark them attended."""
    return _page(request, get_owned(request, Activity, pk))


def _status_value(raw: str) -> int | None:
    """A posted status: a known value, or "" for "no row"; anything else is refused."""
    if raw == "":
        return None
    if raw.isdigit() and int(raw) in AttendanceStatus.values:
        return int(raw)
    raise Http404("Unknown status")


@network_view(write=True)
@require_POST
def mark(request: HttpRequest, pk: int) -> HttpResponse:
    """One tap: set one person's status (attended, or back to what it was)."""
    network = request.network  # type: ignore[attr-defined]
    activity = get_owned(request, Activity, pk)
    raw_member = request.POST.get("member", "")
    member = (
        Member.objects.filter(network=network, pk=int(raw_member)).first()
        if raw_member.isdigit()
        else None
    )
    if member is None:
        raise Http404("No such member in this network")
    status = _status_value(request.POST.get("status", ""))
    before = (
        Attendance.objects.filter(activity=activity, member=member)
        .values_list("status", flat=True)
        .first()
    )
    after = set_status(activity, member, status, request.user)
    if not request.htmx:  # type: ignore[attr-defined]
        return redirect(reverse("programme:checkin", args=[network.slug, activity.pk]))
    row = Attendance.objects.filter(activity=activity, member=member).first()
    if request.POST.get("added"):  # a walk-in found by the search
        return _added(request, activity, member, row, from_search=True)
    # "undo" goes back to what it was before this tap (or to "invited" for a walk-in)
    undo = before if before not in (None, AttendanceStatus.ATTENDED) else AttendanceStatus.INVITED
    return _row(request, activity, row, member, saved=True, undo=undo, after=after)


@network_view(write=True)
def search(request: HttpRequest, pk: int) -> HttpResponse:
    """Members not on the list yet whose name or organisation matches (POST, so the
    names people look for stay out of addresses and logs; it writes nothing)."""
    network = request.network  # type: ignore[attr-defined]
    activity = get_owned(request, Activity, pk)
    words = (request.POST.get("q") or request.GET.get("q") or "").strip()[:100]
    found: list[Member] = []
    if len(words) >= 2:
        listed = Attendance.objects.filter(activity=activity).values("member_id")
        found = list(
            Member.objects.filter(network=network, left_on__isnull=True)
            .exclude(pk__in=listed)
            .filter(name__icontains=words)
            .select_related("organisation")
            .order_by("name")[:SEARCH_LIMIT]
        )
        if not found:
            found = list(
                Member.objects.filter(network=network, left_on__isnull=True)
                .exclude(pk__in=listed)
                .filter(organisation__name__icontains=words)
                .select_related("organisation")
                .order_by("name")[:SEARCH_LIMIT]
            )
    context = {"activity": activity, "found": found, "words": words}
    context.update(_urls(network, activity))
    return render(request, "programme/checkin.html#found", context)


@network_view(write=True)
@require_POST
def walk_in(request: HttpRequest, pk: int) -> HttpResponse:
    """A new person at the door: made a member of their organisation, marked attended."""
    network = request.network  # type: ignore[attr-defined]
    activity = get_owned(request, Activity, pk)
    form = WalkInForm(request.POST, network=network)
    if form.is_valid():
        data = form.cleaned_data
        try:
            with transaction.atomic():
                organisation = data["organisation"]
                if organisation is None:
                    new = data["new_organisation"]
                    organisation = Organisation.objects.filter(
                        network=network, name__iexact=new
                    ).first() or Organisation.objects.create(network=network, name=new)
                member = Member.objects.create(
                    network=network,
                    organisation=organisation,
                    name=data["name"],
                    email=data["email"],
                    joined_on=timezone.localtime(activity.start).date(),
                )
                log_action(network, request.user, "create", member, summary=member.name)
        except IntegrityError:
            form.add_error(None, _("This person could not be added; check the e-mail address."))
        else:
            check_in(activity, member, request.user)
            if not request.htmx:  # type: ignore[attr-defined]
                return redirect(reverse("programme:checkin", args=[network.slug, activity.pk]))
            row = Attendance.objects.filter(activity=activity, member=member).first()
            return _added(request, activity, member, row, from_search=False)
    if not request.htmx:  # type: ignore[attr-defined]
        return _page(request, activity, form, status=422)
    # htmx swaps only successful answers: the form with its errors comes back as one
    context = {"activity": activity, "walk_in": form, **_urls(network, activity)}
    return render(request, "programme/_checkin_new.html", context)


def _added(
    request: HttpRequest,
    activity: Activity,
    member: Member,
    row: Attendance | None,
    *,
    from_search: bool,
) -> HttpResponse:
    """A walk-in is on the list: their row goes to the top of it (out of band), and the
    search result or the new-person form says so."""
    network = request.network  # type: ignore[attr-defined]
    context = {
        "activity": activity,
        "row": row,
        "member": member,
        "statuses": AttendanceStatus,
        "saved": True,
        "undo": AttendanceStatus.INVITED,
        "walk_in": WalkInForm(network=network),
        "added": True,
        "added_from_search": from_search,
        **_urls(network, activity),
    }
    return render(request, "programme/checkin_added.html", context)


def _self_page(
    request: HttpRequest, activity: Activity, member: Member, problem: str | None, **extra: Any
) -> HttpResponse:
    status = {"early": 403, "not_invited": 403, "over": 410}.get(problem or "", 200)
    if problem == "over":
        return render(request, "links/expired.html", status=410)
    done = False
    if problem is None:
        current = (
            Attendance.objects.filter(activity=activity, member=member)
            .values_list("status", flat=True)
            .first()
        )
        done = current == AttendanceStatus.ATTENDED
        if request.method == "POST" and not done:
            done = check_in(activity, member, None) == AttendanceStatus.ATTENDED
            extra["just_now"] = True
        elif request.method not in ("GET", "HEAD", "POST"):
            return HttpResponse(status=405)
    day, _end = day_bounds(activity)
    context = {
        "activity": activity,
        "member": member,
        "problem": problem,
        "done": done,
        "day": day,
        **extra,
    }
    response = render(request, "programme/checkin_self.html", context, status=status)
    response["Referrer-Policy"] = "same-origin"
    response["X-Robots-Tag"] = "noindex"
    return response


def _activity(pk: int) -> Activity | None:
    return Activity.objects.select_related("network").filter(pk=pk).first()


@signed_link_view(CHECKIN)
def self_checkin(request: HttpRequest, link: Link) -> HttpResponse:
    """An attendee's own link: this member at this activity, on its day, if invited.
    A button (POST) checks in: mail scanners that open links must not."""
    member = Member.objects.select_related("network").filter(pk=link["member"]).first()
    activity = _activity(link["activity"])
    problem = refusal(member, activity, timezone.now())
    if problem == "unknown" or member is None or activity is None:
        raise Http404("No such check-in")
    return _self_page(request, activity, member, problem)


@signed_link_view(DOOR)
def door(request: HttpRequest, link: Link) -> HttpResponse:
    """The QR code at the door: checks in the logged-in member, if invited."""
    activity = _activity(link["activity"])
    if activity is None:
        raise Http404("No such activity")
    if not request.user.is_authenticated:
        return redirect_to_login(request.get_full_path())
    now = timezone.now()
    member = (
        Member.objects.select_related("network")
        .filter(network=activity.network, user=request.user)
        .exclude(left_on__lt=timezone.localdate(now))
        .first()
    )
    if member is None:
        raise Http404("Not a member of this network")
    return _self_page(request, activity, member, refusal(member, activity, now), door=True)
