"""Plan an activity from a suggestion of the relationship programme."""

from __future__ import annotations

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from warmnet.activities.actions import plan_activity
from warmnet.activities.forms import PlanActivityForm, plan_initial
from warmnet.network.scoping import network_view


@network_view(write=True)
def activity_plan(request: HttpRequest) -> HttpResponse:
    """GET: the activity form pre-filled from the query string; POST: save and invite."""
    network = request.network  # type: ignore[attr-defined]
    if request.method == "POST":
        ids = [int(v) for v in request.POST.getlist("invitees") if v.isdigit()]
        form = PlanActivityForm(request.POST, network=network, invitee_ids=ids)
        if form.is_valid():
            activity, n = plan_activity(network, request.user, form, form.cleaned_data["invitees"])
            messages.success(
                request,
                ngettext(
                    "Planned: %(activity)s. %(n)d person invited.",
                    "Planned: %(activity)s. %(n)d people invited.",
                    n,
                )
                % {"activity": activity.title, "n": n},
            )
            return redirect(reverse("activities:activity_detail", args=[network.slug, activity.pk]))
        status = 400
    else:
        initial, ids = plan_initial(request.GET)
        form = PlanActivityForm(initial=initial, network=network, invitee_ids=ids)
        status = 200
    context = {
        "form": form,
        "title": _("Plan an activity"),
        "cancel_url": reverse("network:overview", args=[network.slug]),
        "reason": request.GET.get("why", ""),
    }
    return render(request, "activities/activity_plan.html", context, status=status)
