from django.urls import path

from meetings import views

app_name = "meetings"
urlpatterns = [
    path("", views.meeting_list, name="list"),
    path("new/", views.meeting_create, name="create"),
    path("<int:pk>/", views.meeting_detail, name="detail"),
    path("<int:pk>/record/", views.meeting_record, name="record"),
    path("<int:pk>/feedback/", views.meeting_feedback, name="feedback"),
    path("pairs/<int:pk>/pause/", views.pair_pause, name="pause"),
]
