from django.urls import path

from programmes import views

app_name = "programmes"
urlpatterns = [
    path("", views.programme_index, name="index"),
    path("organization/<int:organization>/", views.programme_detail, name="organization"),
    path("organization/<int:organization>/new/", views.programme_create, name="create"),
    path("<int:pk>/edit/", views.programme_edit, name="edit"),
    path("<int:pk>/calendar/", views.calendar_edit, name="calendar"),
    path("<int:pk>/documents/new/", views.document_create, name="document_create"),
    path("documents/<int:pk>/remove/", views.document_remove, name="document_remove"),
    path("stages/<int:pk>/start/", views.stage_start, name="stage_start"),
    path("stages/<int:pk>/complete/", views.stage_complete, name="stage_complete"),
]
