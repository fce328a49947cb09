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
from utilities.admin import ReadOnlyAdmin


class VariantInline(ReadOnlyAdmin, admin.TabularInline):
    model = RoleModelVariant
    extra = 0


@admin.register(MentorshipForm)
class MentorshipFormAdmin(ReadOnlyAdmin, admin.ModelAdmin):
    list_display = ["name", "code", "mentee_age_min", "mentee_age_max"]
    inlines = [VariantInline]


@admin.register(FormRuleOverride)
class FormRuleOverrideAdmin(ReadOnlyAdmin, admin.ModelAdmin):
    raw_id_fields = ["organization"]


class StageInline(ReadOnlyAdmin, admin.TabularInline):
    model = ProgrammeStage
    extra = 0


class CalendarInline(ReadOnlyAdmin, admin.TabularInline):
    model = CalendarItem
    extra = 0


@admin.register(Programme)
class ProgrammeAdmin(ReadOnlyAdmin, admin.ModelAdmin):
    list_display = ["__str__", "organization", "year"]
    raw_id_fields = ["organization", "curator"]
    inlines = [StageInline, CalendarInline]


@admin.register(StageDocument)
class StageDocumentAdmin(ReadOnlyAdmin, admin.ModelAdmin):
    raw_id_fields = ["stage", "created_by"]
