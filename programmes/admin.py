from django.contrib import admin

from programmes.models import (
    CalendarItem,
    FormRuleOverride,
    MentorshipForm,
    Programme,
    ProgrammeStage,
    RoleModelVariant,
    StageDocument,
)


class VariantInline(admin.TabularInline):
    model = RoleModelVariant
    extra = 0


@admin.register(MentorshipForm)
class MentorshipFormAdmin(admin.ModelAdmin):
    list_display = ["name", "code", "mentee_age_min", "mentee_age_max"]
    inlines = [VariantInline]


admin.site.register(FormRuleOverride, raw_id_fields=["organization"])


class StageInline(admin.TabularInline):
    model = ProgrammeStage
    extra = 0


class CalendarInline(admin.TabularInline):
    model = CalendarItem
    extra = 0


@admin.register(Programme)
class ProgrammeAdmin(admin.ModelAdmin):
    list_display = ["__str__", "organization", "year"]
    raw_id_fields = ["organization", "curator"]
    inlines = [StageInline, CalendarInline]


admin.site.register(StageDocument, raw_id_fields=["stage", "created_by"])
