from django.urls import path

from meetings import views

app_name = "meetings"
urlpatterns = [
    path("", views.meeting_list, name="list"),
    path("new/", views.meeting_create, name="create"),
    path("<int:pk>/", views.meeting_detail, name="detail"),
    path("<int:pk>/record/", views.meeting_record, name="record"),
    path("<int:pk>/feedback/", views.meeting_feedback, name="feedback"),
    path("pairs/<int:pk>/", views.pair_work, name="pair"),
    path("pairs/<int:pk>/pause/", views.pair_pause, name="pause"),
    path("pairs/<int:pk>/reports/<str:kind>/", views.report_create, name="report_create"),
    path("reports/<int:pk>/", views.report_detail, name="report"),
    path("reports/<int:pk>/docx/", views.report_docx, name="report_docx"),
    path("reports/<int:pk>/approve/", views.report_approve, name="report_approve"),
    path("control/", views.control, name="control"),
    path("control.xlsx", views.control_xlsx, name="control_xlsx"),
    path("week/", views.week, name="week"),
    path("schedule/", views.schedule, name="schedule"),
    path("calendar/", views.calendar, name="calendar"),
    path("calendar/<str:token>.ics", views.feed, name="feed"),
]
