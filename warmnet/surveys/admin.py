"""The admin shows survey rounds and their settings, never answers or who answered.

Responses, partner ratings, open answers, invitations and links are deliberately not
registered: not even a superuser reads individual answers or participation here.
"""

from __future__ import annotations

from typing import Any

from django.contrib import admin
from django.http import HttpRequest

from warmnet.surveys.models import SurveyRound, SurveySettings


@admin.register(SurveyRound)
class SurveyRoundAdmin(admin.ModelAdmin):
    list_display = ["title", "network", "opens_on", "closes_on", "closed_at", "min_group"]
    list_filter = ["network"]
    list_select_related = ["network"]
    fields = ["network", "title", "opens_on", "closes_on", "whole_network", "organisations"]
    readonly_fields = ["network"]
    search_fields = ["title"]

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False  # rounds are opened in the product, which sets the minimum group

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return obj is None or obj.closed_at is None


@admin.register(SurveySettings)
class SurveySettingsAdmin(admin.ModelAdmin):
    list_display = ["network", "min_group"]
