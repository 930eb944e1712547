"""The audit log in the admin is read-only; other admins record what they change."""

from __future__ import annotations

from typing import Any

from django.contrib import admin
from django.db import transaction
from django.forms.models import model_to_dict

from gongkai.web.audit.models import AuditEntry
from gongkai.web.audit.services import _plain, record_change

# Bulk deletion from a change list would bypass the audit log.
admin.site.disable_action("delete_selected")


@admin.register(AuditEntry)
class AuditEntryAdmin(admin.ModelAdmin):
    list_display = ("at", "actor_name", "action", "target_type", "target_repr", "organ")
    list_filter = ("action",)
    search_fields = ("actor_name", "target_repr", "action")

    def has_add_permission(self, request: Any) -> bool:
        return False

    def has_change_permission(self, request: Any, obj: Any = None) -> bool:
        return False

    def has_delete_permission(self, request: Any, obj: Any = None) -> bool:
        return False


def _state(obj: Any) -> dict[str, Any]:
    return {name: _plain(value) for name, value in model_to_dict(obj).items() if name != "password"}


class AuditedAdmin(admin.ModelAdmin):
    """A model admin whose saves and deletions go to the audit log in the same transaction."""

    def save_model(self, request: Any, obj: Any, form: Any, change: bool) -> None:
        with transaction.atomic():
            before = _state(type(obj).objects.get(pk=obj.pk)) if change else None
            super().save_model(request, obj, form, change)
            action = f"admin.{obj._meta.model_name}.{'change' if change else 'create'}"
            record_change(request.user, action, obj, before, _state(obj))

    def delete_model(self, request: Any, obj: Any) -> None:
        with transaction.atomic():
            record_change(
                request.user, f"admin.{obj._meta.model_name}.delete", obj, _state(obj), None
            )
            super().delete_model(request, obj)

    def save_formset(self, request: Any, form: Any, formset: Any, change: bool) -> None:
        with transaction.atomic():
            saved = formset.save()
            for obj in saved:
                record_change(
                    request.user, f"admin.{obj._meta.model_name}.save", obj, None, _state(obj)
                )
            for obj in formset.deleted_objects:
                record_change(
                    request.user, f"admin.{obj._meta.model_name}.delete", obj, _state(obj), None
                )
