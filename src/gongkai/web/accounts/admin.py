from django.contrib import admin
from django.contrib.auth.admin import UserAdmin as BaseUserAdmin

from gongkai.web.accounts.models import ApiToken, Membership, User
from gongkai.web.audit.admin import AuditedAdmin


class MembershipInline(admin.TabularInline):
    model = Membership
    extra = 0


@admin.register(User)
class UserAdmin(AuditedAdmin, BaseUserAdmin):
    list_display = ("username", "full_name", "is_active", "locked_until", "last_login")
    fieldsets = (
        *BaseUserAdmin.fieldsets,
        ("gongkai", {"fields": ("full_name", "failed_logins", "locked_until")}),
    )
    inlines = [MembershipInline]


@admin.register(ApiToken)
class ApiTokenAdmin(AuditedAdmin):
    list_display = ("name", "user", "prefix", "created_at", "revoked_at")
    readonly_fields = ("prefix", "digest")
