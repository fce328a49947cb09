from django.urls import path

from people import import_views, views

app_name = "people"
urlpatterns = [
    path("", views.participant_list, name="list"),
    path("new/", views.participant_create, name="create"),
    path("mentor-base/", views.mentor_base, name="mentor_base"),
    path("<int:pk>/", views.participant_detail, name="detail"),
    path("<int:pk>/edit/", views.participant_edit, name="edit"),
    path("<int:pk>/mentor-profile/", views.mentor_profile_edit, name="mentor_profile"),
    path("<int:pk>/mentee-profile/", views.mentee_profile_edit, name="mentee_profile"),
    path("<int:pk>/requests/new/", views.request_create, name="request_create"),
    path("<int:pk>/consents/new/", views.consent_create, name="consent_create"),
    path("consents/<int:pk>/withdraw/", views.consent_withdraw, name="consent_withdraw"),
    path("consents/<int:pk>/scan/", views.consent_scan, name="consent_scan"),
    path("import/", import_views.import_participants, name="import"),
    path("export.xlsx", import_views.export_participants, name="export"),
    path("template.xlsx", import_views.import_template, name="template"),
]
