from django.contrib import admin
from django.contrib.auth.admin import UserAdmin

from accounts.models import ApiToken, RoleAssignment, User


class RoleInline(admin.TabularInline):
    model = RoleAssignment
    raw_id_fields = ["organization", "participant"]
    extra = 0


@admin.register(User)
class NastavnikUserAdmin(UserAdmin):
    inlines = [RoleInline]
    fieldsets = UserAdmin.fieldsets + (("Отчество", {"fields": ["middle_name"]}),)


@admin.register(ApiToken)
class ApiTokenAdmin(admin.ModelAdmin):
    list_display = ["name", "user", "created_at", "last_used_at"]
    readonly_fields = ["key_hash"]
