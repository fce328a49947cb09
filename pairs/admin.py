from django.contrib import admin

from pairs.models import Pair, PairMentee
from utilities.admin import ReadOnlyAdmin


class PairMenteeInline(ReadOnlyAdmin, admin.TabularInline):
    model = PairMentee
    raw_id_fields = ["mentee"]
    extra = 0


@admin.register(Pair)
class PairAdmin(ReadOnlyAdmin, admin.ModelAdmin):
    list_display = ["__str__", "organization", "form", "status", "start_date", "planned_end_date"]
    list_filter = ["status", "form"]
    raw_id_fields = ["organization", "mentor"]
    inlines = [PairMenteeInline]
