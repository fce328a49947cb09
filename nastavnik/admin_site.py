from django.contrib.admin import AdminSite
from django.contrib.admin.apps import AdminConfig


class SuperuserAdminSite(AdminSite):
    """Django's admin is a superuser's tool; staff of organizations work in the product's pages."""

    site_header = "Наставник — администрирование"

    def has_permission(self, request) -> bool:
        return request.user.is_active and request.user.is_superuser


class SuperuserAdminConfig(AdminConfig):
    default_site = "nastavnik.admin_site.SuperuserAdminSite"
