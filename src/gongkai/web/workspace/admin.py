from django.contrib import admin

from gongkai.web.registers.admin import ReadOnly
from gongkai.web.workspace.models import Draft


@admin.register(Draft)
class DraftAdmin(ReadOnly):
    list_display = ("organ", "year", "state", "review_level", "error_count", "updated_at")
    list_filter = ("state", "year")
