from django.contrib import admin

from programmes.models import FormRuleOverride, MentorshipForm, RoleModelVariant


class VariantInline(admin.TabularInline):
    model = RoleModelVariant
    extra = 0


@admin.register(MentorshipForm)
class MentorshipFormAdmin(admin.ModelAdmin):
    list_display = ["name", "code", "mentee_age_min", "mentee_age_max"]
    inlines = [VariantInline]


admin.site.register(FormRuleOverride, raw_id_fields=["organization"])
