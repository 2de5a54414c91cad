from __future__ import annotations

from typing import Any

from django.contrib import admin
from django.http import HttpRequest

from warmnet.network.models import AuditEntry, Member, Network, Organisation


@admin.register(Network)
class NetworkAdmin(admin.ModelAdmin):
    list_display = ["name", "slug", "created_at", "data_version"]
    search_fields = ["name", "slug"]
    prepopulated_fields = {"slug": ["name"]}
    readonly_fields = ["created_at", "data_version"]


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
