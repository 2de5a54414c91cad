from __future__ import annotations

from django.contrib import admin

from warmnet.dossiers.models import (
    Dossier,
    HardMoment,
    Milestone,
    Point,
    PointStatusChange,
    Position,
)


class PointInline(admin.TabularInline):
    model = Point
    fields = ["title", "kind", "status", "opened_on", "status_since"]
    extra = 0
    show_change_link = True


@admin.register(Dossier)
class DossierAdmin(admin.ModelAdmin):
    list_display = ["name", "network"]
    list_filter = ["network"]
    list_select_related = ["network"]
    search_fields = ["name"]
    autocomplete_fields = ["network"]
    inlines = [PointInline]

    def save_formset(self, request, form, formset, change):  # type: ignore[no-untyped-def]
        # Inline points belong to the dossier's network.
        for point in formset.save(commit=False):
            point.network = form.instance.network
            point.save()
        for point in formset.deleted_objects:
            point.delete()


class PointStatusChangeInline(admin.TabularInline):
    model = PointStatusChange
    fields = ["date", "status", "note"]
    extra = 0


@admin.register(PointStatusChange)
class PointStatusChangeAdmin(admin.ModelAdmin):
    list_display = ["point", "status", "date", "network"]
    list_filter = ["status", "network"]
    list_select_related = ["point", "network"]
    search_fields = ["point__title"]
    autocomplete_fields = ["network", "point"]

    def save_model(self, request, obj, form, change):  # type: ignore[no-untyped-def]
        from warmnet.dossiers.models import sync_point_status

        super().save_model(request, obj, form, change)
        sync_point_status(obj.point)  # the point follows its history

    def delete_model(self, request, obj):  # type: ignore[no-untyped-def]
        from warmnet.dossiers.models import sync_point_status

        point = obj.point
        super().delete_model(request, obj)
        sync_point_status(point)


@admin.register(Point)
class PointAdmin(admin.ModelAdmin):
    list_display = ["title", "dossier", "kind", "status", "status_since", "network"]
    list_filter = ["kind", "status", "network"]
    list_select_related = ["dossier", "network"]
    search_fields = ["title", "dossier__name"]
    autocomplete_fields = ["network", "dossier"]
    inlines = [PointStatusChangeInline]

    def save_formset(self, request, form, formset, change):  # type: ignore[no-untyped-def]
        # History rows belong to the point's network; the point follows its history.
        from warmnet.dossiers.models import sync_point_status

        for row in formset.save(commit=False):
            row.network = form.instance.network
            row.save()
        for row in formset.deleted_objects:
            row.delete()
        if formset.model is PointStatusChange:
            sync_point_status(form.instance)


@admin.register(Position)
class PositionAdmin(admin.ModelAdmin):
    list_display = ["point", "member", "organisation", "stance", "date"]
    list_filter = ["stance", "network"]
    list_select_related = ["point", "member", "organisation"]
    search_fields = ["point__title", "member__name", "organisation__name"]
    raw_id_fields = ["member"]
    autocomplete_fields = ["network", "point", "organisation"]
    date_hierarchy = "date"


@admin.register(Milestone)
class MilestoneAdmin(admin.ModelAdmin):
    list_display = ["title", "kind", "date", "dossier", "network"]
    list_filter = ["kind", "network"]
    list_select_related = ["dossier", "network"]
    search_fields = ["title"]
    autocomplete_fields = ["network", "dossier"]
    date_hierarchy = "date"


@admin.register(HardMoment)
class HardMomentAdmin(admin.ModelAdmin):
    list_display = ["title", "date", "outcome", "network"]
    list_filter = ["outcome", "network"]
    list_select_related = ["network"]
    search_fields = ["title", "description"]
    autocomplete_fields = ["network", "parties"]
    date_hierarchy = "date"
