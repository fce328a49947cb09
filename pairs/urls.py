from django.urls import path

from pairs import views

app_name = "pairs"
urlpatterns = [
    path("", views.pair_list, name="list"),
    path("new/", views.pair_create, name="create"),
    path("<int:pk>/", views.pair_detail, name="detail"),
    path("<int:pk>/start/", views.pair_transition, {"name": "start"}, name="start"),
    path("<int:pk>/complete/", views.pair_transition, {"name": "complete"}, name="complete"),
    path("<int:pk>/terminate/", views.pair_transition, {"name": "terminate"}, name="terminate"),
    path("<int:pk>/extend/", views.pair_transition, {"name": "extend"}, name="extend"),
    path("<int:pk>/replace-mentor/", views.pair_replace_mentor, name="replace_mentor"),
    path("changes/<int:pk>/cancel/", views.change_cancel, name="change_cancel"),
]
