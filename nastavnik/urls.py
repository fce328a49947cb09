from django.contrib import admin
from django.urls import include, path

from nastavnik.api import api

urlpatterns = [
    path("admin/", admin.site.urls),
    path("api/v1/", api.urls),
    path("", include("accounts.urls")),
    path("organizations/", include("organizations.urls")),
    path("people/", include("people.urls")),
    path("audit/", include("audit.urls")),
    path("pairs/", include("pairs.urls")),
    path("programme/", include("programmes.urls")),
    path("matching/", include("matching.urls")),
    path("documents/", include("documents.urls")),
    path("logins/", include("logins.urls")),
    path("meetings/", include("meetings.urls")),
    path("indicators/", include("monitoring.urls")),
    path("roadmaps/", include("roadmaps.urls")),
    path("surveys/", include("surveys.urls")),
    path("reports/", include("reports.urls")),
]
