"""Admin: items and their review steps are read-only (they change only through the services,
which keep the review record); settings, 目录 and channels may be corrected here."""

from typing import Any

from django.contrib import admin

from gongkai.web.publishing.models import (
    Adoption,
    CatalogueNode,
    Channel,
    FollowerCount,
    Item,
    Publication,
    PublishingSettings,
    ReviewStep,
)


class ReadOnly(admin.ModelAdmin):
    def has_add_permission(self, request: Any, obj: Any = None) -> bool:
        return False

    def has_change_permission(self, request: Any, obj: Any = None) -> bool:
        return False

    def has_delete_permission(self, request: Any, obj: Any = None) -> bool:
        return False


class StepInline(admin.TabularInline):
    model = ReviewStep
    fields = ("at", "level", "action", "actor_name", "comment")
    readonly_fields = fields
    extra = 0
    can_delete = False

    def has_add_permission(self, request: Any, obj: Any = None) -> bool:
        return False


@admin.register(Item)
class ItemAdmin(ReadOnly):
    list_display = ("title", "organ", "unit", "state", "index_number", "published_at")
    list_filter = ("state", "disclosure", "item_type")
    search_fields = ("title", "index_number")
    inlines = [StepInline]


@admin.register(PublishingSettings)
class SettingsAdmin(admin.ModelAdmin):
    list_display = ("organ", "review_levels", "index_rule", "scoring_preset")


@admin.register(CatalogueNode)
class NodeAdmin(admin.ModelAdmin):
    list_display = ("name", "organ", "parent", "category", "is_dynamic", "position")
    list_filter = ("organ",)


@admin.register(Channel)
class ChannelAdmin(admin.ModelAdmin):
    list_display = ("name", "kind", "organ", "address")


@admin.register(Publication)
class PublicationAdmin(ReadOnly):
    list_display = ("title", "channel", "published_on", "is_original", "reads")
    list_filter = ("channel__kind", "is_original")
    search_fields = ("title",)


@admin.register(FollowerCount)
class FollowerAdmin(ReadOnly):
    list_display = ("channel", "counted_on", "count")


@admin.register(Adoption)
class AdoptionAdmin(ReadOnly):
    list_display = ("title", "unit", "outlet", "level", "adopted_on")
    list_filter = ("level",)
