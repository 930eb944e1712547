from typing import Any

from django.contrib import admin

from gongkai.web.reports.models import AnnualReport


@admin.register(AnnualReport)
class AnnualReportAdmin(admin.ModelAdmin):
    """Read-only: reports are filed and replaced through the site, which keeps the history."""

    list_display = (
        "organ",
        "year",
        "version",
        "is_current",
        "error_count",
        "warning_count",
        "filed_at",
    )
    list_filter = ("year", "is_current")
    search_fields = ("organ__name",)

    def has_add_permission(self, request: Any) -> bool:
        return False

    def has_change_permission(self, request: Any, obj: Any = None) -> bool:
        return False

    def has_delete_permission(self, request: Any, obj: Any = None) -> bool:
        return False
