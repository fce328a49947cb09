from django.urls import path

from pairs import views

app_name = "pairs"
urlpatterns = [
    path("", views.pair_list, name="list"),
    path("new/", views.pair_create, name="create"),
    path("<int:pk>/", views.pair_detail, name="detail"),
]
