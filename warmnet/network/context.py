"""Template context for pages under a network: the network and its sections."""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from warmnet.network.models import Role

# (url name, label, who sees it: None = every member)
SECTIONS: list[tuple[str, Any, frozenset[int] | None]] = [
    ("network:overview", _("Overview"), None),
    ("directory:member_list", _("Members"), None),
    ("directory:organisation_list", _("Organisations"), None),
    ("maps:network_map", _("Map"), frozenset({Role.COORDINATOR, Role.CORE_TEAM})),
    ("activities:activity_list", _("Activities"), None),
    ("activities:calendar", _("Calendar"), None),
    ("activities:attendance_grid", _("Attendance"), frozenset({Role.COORDINATOR, Role.CORE_TEAM})),
    ("activities:contact_list", _("Contacts"), frozenset({Role.COORDINATOR, Role.CORE_TEAM})),
    ("programme:series_list", _("Series"), frozenset({Role.COORDINATOR, Role.CORE_TEAM})),
    ("dossiers:dossier_list", _("Dossiers"), None),
    ("dossiers:milestone_list", _("Milestones"), None),
    ("dossiers:hard_moment_list", _("Hard moments"), None),
    ("transfer:import", _("Import / export"), frozenset({Role.COORDINATOR, Role.CORE_TEAM})),
    ("surveys:round_list", _("Pulse survey"), None),
    ("network:audit_log", _("Audit log"), frozenset({Role.COORDINATOR})),
    ("mail:outbox", _("Outbox"), frozenset({Role.COORDINATOR})),
    ("programme:me", _("My overview"), None),
    ("security:page", _("Security"), frozenset({Role.COORDINATOR})),
]


#: The menu's groups, in order, and the sections and icons in each; a section not named
#: here goes under "More" with a neutral icon.
GROUPS: list[tuple[Any, list[tuple[str, str]]]] = [
    (
        _("The network"),
        [
            ("network:overview", "layout-dashboard"),
            ("programme:me", "user-round"),
            ("directory:member_list", "users"),
            ("directory:organisation_list", "building-2"),
            ("maps:network_map", "network"),
        ],
    ),
    (
        _("Relationship and meetings"),
        [
            ("activities:activity_list", "activity"),
            ("activities:calendar", "calendar-days"),
            ("activities:attendance_grid", "list-checks"),
            ("programme:series_list", "calendar-check"),
            ("activities:contact_list", "handshake"),
            ("surveys:round_list", "message-square-text"),
        ],
    ),
    (
        _("Content"),
        [
            ("dossiers:dossier_list", "folder-open"),
            ("dossiers:milestone_list", "milestone"),
            ("dossiers:hard_moment_list", "zap"),
        ],
    ),
]
MORE = _("More")


def grouped(sections: list[tuple[str, str, Any, bool]]) -> list[tuple[Any, list[Any]]]:
    """The sections a member sees, (url name, url, label, active), in the menu's groups:
    ``[(group label, [(url, label, active, icon), ...]), ...]``, empty groups left out."""
    by_name = {name: (url, label, active) for name, url, label, active in sections}
    placed: set[str] = set()
    groups = []
    for label, names in GROUPS:
        items = [(*by_name[n], icon) for n, icon in names if n in by_name]
        placed.update(n for n, _icon in names)
        if items:
            groups.append((label, items))
    icons = {
        "transfer:import": "upload",
        "network:audit_log": "clipboard-list",
        "mail:outbox": "inbox",
        "security:page": "shield",
    }
    rest = [
        (url, lbl, act, icons.get(name, "circle-help"))
        for name, url, lbl, act in sections
        if name not in placed
    ]
    if rest:
        groups.append((MORE, rest))
    return groups


def network(request: HttpRequest) -> dict[str, Any]:
    net = getattr(request, "network", None)
    member = getattr(request, "member", None)
    if net is None or member is None:
        return {}
    match = request.resolver_match
    current = f"{match.namespace}:{match.url_name}" if match else ""
    current_prefix = current.rsplit("_", 1)[0]
    sections = []
    for name, label, roles in SECTIONS:
        if roles is not None and member.role not in roles:
            continue
        active = name == current or (
            name.endswith("_list") and name.rsplit("_", 1)[0] == current_prefix
        )
        sections.append((name, reverse(name, args=[net.slug]), label, active))
    return {
        "network": net,
        "member_self": member,
        "network_sections": [(url, label, active) for _name, url, label, active in sections],
        "network_menu": grouped(sections),
    }
