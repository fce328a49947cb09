from django.urls import path

from pairs import views

app_name = "pairs"
urlpatterns = [
    path("", views.pair_list, name="list"),
    path("<int:pk>/", views.pair_detail, name="detail"),
]
