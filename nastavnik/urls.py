from django.contrib import admin
from django.urls import include, path

urlpatterns = [
    path("admin/", admin.site.urls),
    path("", include("accounts.urls")),
    path("organizations/", include("organizations.urls")),
    path("people/", include("people.urls")),
    path("audit/", include("audit.urls")),
    path("pairs/", include("pairs.urls")),
]
