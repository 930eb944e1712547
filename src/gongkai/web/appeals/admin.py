from django.contrib import admin

from gongkai.web.appeals.models import Case
from gongkai.web.registers.admin import ReadOnly


@admin.register(Case)
class CaseAdmin(ReadOnly):
    list_display = ("organ", "kind", "number", "body", "filed_on", "result", "closed_on")
    list_filter = ("kind", "result")
    search_fields = ("organ__name", "number", "application_reference")
