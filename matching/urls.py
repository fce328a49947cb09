from django.urls import path

from matching import views

app_name = "matching"
urlpatterns = [
    path("", views.run_list, name="list"),
    path("<int:pk>/", views.run_detail, name="detail"),
    path("<int:pk>/pin/", views.pin, name="pin"),
    path("<int:pk>/forbid/", views.forbid, name="forbid"),
    path("<int:pk>/rerun/", views.rerun, name="rerun"),
    path("<int:pk>/accept/", views.accept, name="accept"),
    path("weights/<int:organization_pk>/", views.weights, name="weights"),
    path("preferences/<int:organization_pk>/", views.preferences, name="preferences"),
    path("preferences/delete/<int:pk>/", views.preference_delete, name="preference_delete"),
]
