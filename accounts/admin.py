from django.contrib import admin
from django.contrib.auth.admin import UserAdmin
from django.db import transaction

from accounts.models import ApiToken, RoleAssignment, User
from audit import log
from audit.models import AuditEntry

ROLE_FIELDS = ["user", "role", "organization", "participant"]


class RoleInline(admin.TabularInline):
    model = RoleAssignment
    raw_id_fields = ["organization", "participant"]
    extra = 0


@admin.register(User)
class NastavnikUserAdmin(UserAdmin):
    """Roles decide what a user sees, so each one granted, changed or taken away here is journalled in the
    organization it concerns, like every change the actions make."""

    inlines = [RoleInline]
    fieldsets = UserAdmin.fieldsets + (("Отчество", {"fields": ["middle_name"]}),)

    @transaction.atomic
    def save_formset(self, request, form, formset, change):
        user = form.instance
        before = {role.pk: role for role in RoleAssignment.objects.filter(user=user).select_related(
            "organization", "participant")}
        super().save_formset(request, form, formset, change)
        after = {role.pk: role for role in RoleAssignment.objects.filter(user=user).select_related(
            "organization", "participant")}
        for pk in before.keys() | after.keys():
            old, new = before.get(pk), after.get(pk)
            changes = log.diff(log.snapshot(old, ROLE_FIELDS) if old else {},
                               log.snapshot(new, ROLE_FIELDS) if new else {k: None for k in ROLE_FIELDS})
            if changes:
                action = AuditEntry.Action.UPDATE if old and new else (
                    AuditEntry.Action.CREATE if new else AuditEntry.Action.DELETE)
                log.record(actor=request.user, action=action, obj=new or old,
                           organization=(new or old).organization, changes=changes)


@admin.register(ApiToken)
class ApiTokenAdmin(admin.ModelAdmin):
    list_display = ["name", "user", "created_at", "last_used_at"]
    readonly_fields = ["key_hash"]
