"""Administrators edit an organ's application settings and the letter templates here; cases
change only through the workflow's services, so they are read-only in the admin."""

from __future__ import annotations

from typing import Any

from django.contrib import admin

from gongkai.web.applications.models import (
    Application,
    DisclosureSuggestion,
    LetterTemplate,
    OpeningBalance,
    OrganSettings,
)


@admin.register(OrganSettings)
class OrganSettingsAdmin(admin.ModelAdmin):
    list_display = ("organ", "short_name", "review_levels", "reconsideration_body")


@admin.register(LetterTemplate)
class LetterTemplateAdmin(admin.ModelAdmin):
    list_display = ("kind", "updated_at")


@admin.register(OpeningBalance)
class OpeningBalanceAdmin(admin.ModelAdmin):
    list_display = ("organ", "year", "source")


@admin.register(DisclosureSuggestion)
class DisclosureSuggestionAdmin(admin.ModelAdmin):
    list_display = ("organ", "title", "request_count", "picked_up", "created_at")


@admin.register(Application)
class ApplicationAdmin(admin.ModelAdmin):
    list_display = ("number", "organ", "status", "received_on", "reply_due")
    list_filter = ("status",)
    exclude = ("identity_number", "phone")  # 个人信息: shown on the case page to its handlers

    def has_change_permission(self, request: Any, obj: Any = None) -> bool:
        return False

    def has_delete_permission(self, request: Any, obj: Any = None) -> bool:
        return False

    def has_add_permission(self, request: Any) -> bool:
        return False
