from django.contrib.admin import AdminSite
from django.contrib.admin.apps import AdminConfig


class SuperuserAdminSite(AdminSite):
    """Django's admin is a superuser's tool; staff of organizations work in the product's pages."""

    site_header = "Наставник — администрирование"

    def has_permission(self, request) -> bool:
        return request.user.is_active and request.user.is_superuser


class SuperuserAdminConfig(AdminConfig):
    default_site = "nastavnik.admin_site.SuperuserAdminSite"


class ReadOnlyAdmin:
    """A ModelAdmin or inline mixin: the superuser sees the rows, never adds, changes or deletes
    them. Personal data, pairs, rules and the journal change only through the actions, which check
    the rules and write the journal in the same transaction."""

    def has_add_permission(self, request, obj=None) -> bool:
        return False

    def has_change_permission(self, request, obj=None) -> bool:
        return False

    def has_delete_permission(self, request, obj=None) -> bool:
        return False
