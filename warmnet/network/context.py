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
    ("network:member_list", _("Members"), None),
    ("network:organisation_list", _("Organisations"), None),
    ("maps:network_map", _("Map"), frozenset({Role.COORDINATOR, Role.CORE_TEAM})),
    ("activities:activity_list", _("Activities"), None),
    ("activities:calendar", _("Calendar"), None),
    ("activities:attendance_grid", _("Attendance"), frozenset({Role.COORDINATOR, Role.CORE_TEAM})),
    ("activities:contact_list", _("Contacts"), frozenset({Role.COORDINATOR, Role.CORE_TEAM})),
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
        sections.append((reverse(name, args=[net.slug]), label, active))
    return {"network": net, "member_self": member, "network_sections": sections}
