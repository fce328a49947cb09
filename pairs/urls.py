from django.urls import path

from pairs import views

app_name = "pairs"
urlpatterns = [
    path("", views.pair_list, name="list"),
    path("new/", views.pair_create, name="create"),
    path("summary/", views.pair_summary, name="summary"),
    path("<int:pk>/", views.pair_detail, name="detail"),
    path("<int:pk>/start/", views.pair_transition, {"name": "start"}, name="start"),
    path("<int:pk>/complete/", views.pair_transition, {"name": "complete"}, name="complete"),
    path("<int:pk>/terminate/", views.pair_transition, {"name": "terminate"}, name="terminate"),
    path("<int:pk>/extend/", views.pair_transition, {"name": "extend"}, name="extend"),
    path("<int:pk>/replace-mentor/", views.pair_replace_mentor, name="replace_mentor"),
    path("changes/<int:pk>/cancel/", views.change_cancel, name="change_cancel"),
    path("<int:pk>/plan/", views.plan_detail, name="plan"),
    path("<int:pk>/plan/create/", views.plan_create, name="plan_create"),
    path("<int:pk>/plan/items/", views.plan_item_add, name="plan_item_add"),
    path("<int:pk>/plan/acknowledge/", views.plan_acknowledge, name="plan_acknowledge"),
    path("<int:pk>/plan/approve/", views.plan_approve, name="plan_approve"),
    path("plan-items/<int:pk>/done/", views.plan_item_done, name="plan_item_done"),
]
