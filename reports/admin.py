from django.contrib import admin

from reports.models import Report
from utilities.admin import ReadOnlyAdmin


@admin.register(Report)
class ReportAdmin(ReadOnlyAdmin, admin.ModelAdmin):
    list_display = ["__str__", "year", "status", "day", "sent_at"]
    raw_id_fields = ["organization", "sent_by"]
