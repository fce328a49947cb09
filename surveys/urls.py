from django.urls import path

from surveys import views

app_name = "surveys"
urlpatterns = [
    path("", views.campaign_list, name="list"),
    path("new/", views.campaign_create, name="create"),
    path("results/", views.results_page, name="results"),
    path("<int:pk>/", views.campaign_detail, name="detail"),
    path("<int:pk>/remind/", views.campaign_remind, name="remind"),
    path("<int:pk>/close/", views.campaign_close, name="close"),
    path("<int:pk>/answer/", views.staff_answer, name="staff_answer"),
    path("<int:pk>/paper/<int:participant>/", views.paper_answer, name="paper"),
    path("programmes/<int:pk>/monitoring.docx", views.monitoring_sheet, name="monitoring_sheet"),
]
