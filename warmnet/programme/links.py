"""The programme's signed links: answering an invitation, and the calendar feeds."""

from __future__ import annotations

from django.conf import settings
from django.urls import reverse

from warmnet.activities.models import Activity
from warmnet.links import make_token, purpose
from warmnet.network.models import Member, Role
from warmnet.programme.models import CalendarKey

__all__ = ["FEED", "NETWORK_FEED", "RSVP", "feed_links", "rsvp_links"]

#: "ik kom" / "ik kan niet" for one member and one activity, until the activity ends.
RSVP = purpose("rsvp", "member", "activity")
#: A member's own calendar: the activities they are invited to.
FEED = purpose("feed", "member", "version")
#: A coordinator's calendar of the whole network.
NETWORK_FEED = purpose("network-feed", "member", "version")


def absolute(path: str) -> str:
    return settings.WARMNET_BASE_URL + path


def rsvp_links(member: Member, activity: Activity) -> dict[str, str]:
    token = make_token(RSVP, expires=activity.end, member=member.pk, activity=activity.pk)
    page = absolute(reverse("links:rsvp", args=[token]))
    return {"page": page, "yes": page + "?answer=yes", "no": page + "?answer=no"}


def feed_version(member: Member) -> int:
    key = CalendarKey.objects.filter(member=member).values_list("version", flat=True).first()
    return key or 1


def feed_links(member: Member) -> dict[str, str]:
    """The member's private feed URLs (https and webcal); a coordinator's also the
    network's."""
    version = feed_version(member)
    links = {}
    own = make_token(FEED, expires=None, member=member.pk, version=version)
    links["own"] = absolute(reverse("links:feed", args=[own]))
    if member.role == Role.COORDINATOR:
        net = make_token(NETWORK_FEED, expires=None, member=member.pk, version=version)
        links["network"] = absolute(reverse("links:network_feed", args=[net]))
    for name in list(links):
        links[f"{name}_webcal"] = "webcal://" + links[name].split("://", 1)[1]
    return links
