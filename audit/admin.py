from django.contrib import admin

from audit.models import AuditEntry
from utilities.admin import ReadOnlyAdmin


@admin.register(AuditEntry)
class AuditEntryAdmin(ReadOnlyAdmin, admin.ModelAdmin):
    """The journal is evidence: nobody writes, edits or deletes it here, superusers included."""

    list_display = ["at", "actor", "action", "object_type", "object_repr", "organization_label"]
    list_filter = ["action", "object_type"]
