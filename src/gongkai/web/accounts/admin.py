from typing import Any

from django.contrib import admin, messages
from django.contrib.auth.admin import UserAdmin as BaseUserAdmin
from django.db import transaction
from django.http import HttpResponse

from gongkai.web.accounts import services
from gongkai.web.accounts.models import ApiToken, Membership, User
from gongkai.web.audit.admin import AuditedAdmin


class MembershipInline(admin.TabularInline):
    model = Membership
    extra = 0


@admin.register(User)
class UserAdmin(AuditedAdmin, BaseUserAdmin):
    list_display = ("username", "full_name", "is_active", "last_login")
    fieldsets = (
        *BaseUserAdmin.fieldsets,
        ("gongkai", {"fields": ("full_name",)}),
    )
    inlines = [MembershipInline]
    actions = ["unlock_logins"]

    @admin.action(description="解除所选账号的登录锁定")
    def unlock_logins(self, request: Any, queryset: Any) -> None:
        lifted = sum(services.unlock_account(request.user, user) for user in queryset)
        messages.success(request, f"已解除 {lifted} 处登录锁定。")

    def user_change_password(self, request: Any, id: str, form_url: str = "") -> HttpResponse:
        # the new password and its audit entry (written by log_change) in one transaction
        with transaction.atomic():
            response: HttpResponse = super().user_change_password(request, id, form_url)
        return response

    def log_change(self, request: Any, obj: Any, message: Any) -> Any:
        if (getattr(request.resolver_match, "url_name", None) or "").endswith("password_change"):
            services.record_password_reset(request.user, obj)
        return super().log_change(request, obj, message)


@admin.register(ApiToken)
class ApiTokenAdmin(AuditedAdmin):
    list_display = ("name", "user", "prefix", "created_at", "revoked_at")
    readonly_fields = ("prefix", "digest")
