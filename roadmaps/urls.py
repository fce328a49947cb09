from django.urls import path

from roadmaps import views

app_name = "roadmaps"
urlpatterns = [
    path("", views.roadmap_list, name="list"),
    path("new/", views.roadmap_create, name="create"),
    path("import/", views.roadmap_import, name="import"),
    path("organizations/", views.standings, name="standings"),
    path("organizations/<int:organization>/remind/", views.remind, name="remind"),
    path("<int:pk>/", views.roadmap_detail, name="detail"),
    path("<int:pk>/items/new/", views.item_add, name="item_add"),
    path("<int:pk>/send/", views.roadmap_send, name="send"),
    path("<int:pk>/reopen/", views.roadmap_reopen, name="reopen"),
    path("<int:pk>/decide/", views.roadmap_decide, name="decide"),
    path("<int:pk>/compare/", views.roadmap_compare, name="compare"),
    path("<int:pk>/control/", views.roadmap_control, name="control"),
    path("items/<int:pk>/edit/", views.item_edit, name="item_edit"),
    path("items/<int:pk>/remove/", views.item_remove, name="item_remove"),
    path("items/<int:pk>/progress/", views.item_progress, name="item_progress"),
    path("items/<int:pk>/evidence/", views.item_evidence, name="item_evidence"),
]
