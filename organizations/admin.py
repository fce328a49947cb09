from django.contrib import admin

from organizations.models import Agreement, Organization


@admin.register(Organization)
class OrganizationAdmin(admin.ModelAdmin):
    list_display = ["code", "name", "kind", "parent"]
    list_filter = ["kind"]
    search_fields = ["code", "name"]
    raw_id_fields = ["parent"]


@admin.register(Agreement)
class AgreementAdmin(admin.ModelAdmin):
    list_display = ["number", "partner", "counterparty", "signed_on", "valid_from", "valid_until"]
    raw_id_fields = ["partner", "counterparty"]
