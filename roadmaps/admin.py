from django.contrib import admin

from roadmaps.models import Comment, Item, Roadmap, Section, Version
from utilities.admin import ReadOnlyAdmin


class SectionInline(ReadOnlyAdmin, admin.TabularInline):
    model = Section
    extra = 0


@admin.register(Roadmap)
class RoadmapAdmin(ReadOnlyAdmin, admin.ModelAdmin):
    list_display = ["title", "organization", "status", "starts_on", "ends_on"]
    raw_id_fields = ["organization"]
    inlines = [SectionInline]


@admin.register(Item)
class ItemAdmin(ReadOnlyAdmin, admin.ModelAdmin):
    list_display = ["__str__", "roadmap", "kind", "due_on", "status"]
    raw_id_fields = ["roadmap", "section", "order"]


class CommentInline(ReadOnlyAdmin, admin.TabularInline):
    model = Comment
    extra = 0


@admin.register(Version)
class VersionAdmin(ReadOnlyAdmin, admin.ModelAdmin):
    list_display = ["__str__", "decision", "sent_at", "decided_at"]
    raw_id_fields = ["roadmap", "sent_by", "decided_by"]
    inlines = [CommentInline]
