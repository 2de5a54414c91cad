from __future__ import annotations

from django.contrib import admin

from warmnet.activities.models import Activity, Attendance, Contact


@admin.register(Activity)
class ActivityAdmin(admin.ModelAdmin):
    list_display = ["title", "kind", "start", "duration_minutes", "relationship_share", "network"]
    list_filter = ["kind", "network"]
    list_select_related = ["network"]
    search_fields = ["title", "location"]
    autocomplete_fields = ["network", "host_organisation", "dossier"]
    date_hierarchy = "start"
    show_full_result_count = False


@admin.register(Attendance)
class AttendanceAdmin(admin.ModelAdmin):
    # Millions of rows: raw ids instead of selects, no full counts, no network filter list.
    list_display = ["member", "activity", "status"]
    list_filter = ["status"]
    list_select_related = ["member", "activity"]
    search_fields = ["member__name", "activity__title"]
    raw_id_fields = ["network", "activity", "member"]
    show_full_result_count = False


@admin.register(Contact)
class ContactAdmin(admin.ModelAdmin):
    list_display = ["date", "member_a", "member_b", "channel", "network"]
    list_filter = ["channel", "network"]
    list_select_related = ["member_a", "member_b", "network"]
    search_fields = ["member_a__name", "member_b__name", "note"]
    raw_id_fields = ["member_a", "member_b"]
    autocomplete_fields = ["network"]
    date_hierarchy = "date"
