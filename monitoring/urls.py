from django.urls import path

from monitoring import views

app_name = "monitoring"
urlpatterns = [
    path("", views.index, name="index"),
    path("<int:pk>/", views.dashboard, name="dashboard"),
    path("<int:pk>/details/", views.details, name="details"),
    path("<int:pk>/export.xlsx", views.export, name="export"),
    path("<int:pk>/figures/", views.figures, name="figures"),
]
