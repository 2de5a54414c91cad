"""The texts the map's script shows, translated on the server (the script has no catalogue).

Placeholders in braces are filled in by the script."""

from __future__ import annotations

from django.utils.translation import gettext as _
from django.utils.translation import pgettext

__all__ = ["map_strings"]


def map_strings() -> dict[str, object]:
    return {
        "loading": _("Drawing the map…"),
        "noWebgl": _(
            "This browser cannot draw the map (WebGL is off). The table below shows the same "
            "people and ties."
        ),
        "failed": _("The map could not be loaded. The table below shows the same people."),
        "shown": _("{members} members and {ties} of their {total} ties drawn ({warm} warm)."),
        "focusMember": _("{name}, {organisation}: {count} ties on the map."),
        "focusOrg": _("{name}: {members} members and {count} people they have ties with."),
        "noTies": _("No ties in the tie kinds shown."),
        "warm": _("warm"),
        "weak": _("weak"),
        "hours": _("{hours} hours together in relationship activities, recent time counting most"),
        "bands": {
            "none": pgettext("tie strength", "none yet"),
            "weak": pgettext("tie strength", "weak"),
            "medium": pgettext("tie strength", "medium"),
            "strong": pgettext("tie strength", "strong"),
        },
        "open": _("Open {name}'s page"),
        "noMatch": _("Nobody by that name on the map."),
        "matches": _("{count} suggestions; use the arrow keys to choose."),
        "member": _("person"),
        "organisation": _("organisation"),
        "play": _("Play"),
        "pause": _("Pause"),
        "asOf": _("Members and ties on {day}"),
        "moreTies": _("…and {count} more."),
    }
