from typing import Any

from django.contrib import admin

from gongkai.web.registers.models import Document, MonthlyFigures, YearItems


class ReadOnly(admin.ModelAdmin):
    """Read-only: the registers change through the site, which writes the audit log."""

    def has_add_permission(self, request: Any) -> bool:
        return False

    def has_change_permission(self, request: Any, obj: Any = None) -> bool:
        return False

    def has_delete_permission(self, request: Any, obj: Any = None) -> bool:
        return False


@admin.register(Document)
class DocumentAdmin(ReadOnly):
    list_display = ("organ", "kind", "title", "number", "issued_on", "abolished_on")
    list_filter = ("kind",)
    search_fields = ("organ__name", "title", "number")


@admin.register(MonthlyFigures)
class MonthlyFiguresAdmin(ReadOnly):
    list_display = ("organ", "year", "month", "licensing", "punishment", "coercion", "fees")
    list_filter = ("year",)


@admin.register(YearItems)
class YearItemsAdmin(ReadOnly):
    list_display = ("organ", "year")
