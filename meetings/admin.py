from django.contrib import admin

from meetings.models import Feedback, Holiday, Meeting, Pause, Report, Schedule
from utilities.admin import ReadOnlyAdmin


@admin.register(Meeting)
class MeetingAdmin(ReadOnlyAdmin, admin.ModelAdmin):
    list_display = ["__str__", "organization", "kind", "starts_at", "format"]
    list_filter = ["kind", "format"]


@admin.register(Feedback, Report, Pause, Holiday, Schedule)
class RecordAdmin(ReadOnlyAdmin, admin.ModelAdmin):
    pass
