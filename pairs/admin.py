from django.contrib import admin

from nastavnik.admin_site import ReadOnlyAdmin
from pairs.models import Pair, PairMentee


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
