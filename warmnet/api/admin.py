from __future__ import annotations

from django.contrib import admin

from warmnet.api.models import ApiToken


@admin.register(ApiToken)
class ApiTokenAdmin(admin.ModelAdmin):
    """Tokens are made by their users on their profile; here they can be seen and revoked."""

    list_display = ["name", "user", "network", "can_write", "prefix", "expires_at", "revoked_at"]
    list_filter = ["can_write"]
    list_select_related = ["user", "network"]
    search_fields = ["name", "user__username", "prefix"]
    fields = ["name", "user", "network", "can_write", "prefix", "expires_at", "revoked_at"]
    readonly_fields = ["name", "user", "network", "can_write", "prefix", "expires_at"]

    def has_add_permission(self, request: object) -> bool:
        return False
