from django.contrib import admin

from gongkai.web.audit.admin import AuditedAdmin
from gongkai.web.organs.models import Organ, Unit


class UnitInline(admin.TabularInline):
    model = Unit
    extra = 0


@admin.register(Organ)
class OrganAdmin(AuditedAdmin):
    list_display = ("name", "kind", "parent")
    list_filter = ("kind",)
    search_fields = ("name",)
    inlines = [UnitInline]
