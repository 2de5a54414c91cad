from __future__ import annotations

from typing import Any

from django.contrib import admin
from django.http import HttpRequest

from warmnet.network.models import AuditEntry, Member, Network, Organisation


@admin.register(Network)
class NetworkAdmin(admin.ModelAdmin):
    """Deleting a network here is for its coordinators only: the confirmation page asks
    them to confirm, and the delete goes through :func:`delete_network` (members first,
    logged in the audit trail).  There is no bulk delete."""

    list_display = ["name", "slug", "created_at", "data_version"]
    search_fields = ["name", "slug"]
    prepopulated_fields = {"slug": ["name"]}
    readonly_fields = ["created_at", "data_version"]

    def get_actions(self, request: HttpRequest) -> dict[str, Any]:
        actions = super().get_actions(request)
        actions.pop("delete_selected", None)
        return actions

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        from warmnet.network.lifecycle import is_coordinator

        if obj is None:
            return False
        return super().has_delete_permission(request, obj) and is_coordinator(request.user, obj)

    def get_deleted_objects(self, objs: Any, request: HttpRequest) -> Any:
        # the members protect their organisations, so the generic collector would refuse;
        # the delete itself takes them away first (see delete_model)
        from django.utils.translation import gettext as _

        from warmnet.network.models import Member

        summary = []
        for network in objs:
            summary.append(
                _("%(network)s, with %(members)d members, their organisations and every "
                  "record of the network")
                % {
                    "network": network,
                    "members": Member.objects.filter(network=network).count(),
                }
            )  # fmt: skip
        return summary, {}, set(), []

    def delete_model(self, request: HttpRequest, obj: Any) -> None:
        from warmnet.network.lifecycle import delete_network

        delete_network(obj, request.user, obj.slug)  # confirmed on the admin's own page


@admin.register(Organisation)
class OrganisationAdmin(admin.ModelAdmin):
    list_display = ["name", "kind", "network"]
    list_filter = ["kind", "network"]
    list_select_related = ["network"]
    search_fields = ["name"]
    autocomplete_fields = ["network"]


@admin.register(Member)
class MemberAdmin(admin.ModelAdmin):
    list_display = ["name", "organisation", "role", "network", "joined_on", "left_on", "user"]
    list_filter = ["role", "network"]
    list_select_related = ["organisation", "network", "user"]
    search_fields = ["name", "email", "organisation__name"]
    autocomplete_fields = ["network", "organisation", "user"]
    date_hierarchy = "joined_on"


@admin.register(AuditEntry)
class AuditEntryAdmin(admin.ModelAdmin):
    """The audit log is a record: readable here, never changed."""

    list_display = ["at", "network", "user", "action", "object_type", "object_id", "summary"]
    list_filter = ["action", "object_type", "network"]
    list_select_related = ["network", "user"]
    search_fields = ["summary", "user__username"]
    date_hierarchy = "at"
    show_full_result_count = False

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False
