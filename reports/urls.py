from django.urls import path

from reports import views

app_name = "reports"
urlpatterns = [
    path("", views.report_list, name="list"),
    path("new/", views.report_create, name="create"),
    path("<int:pk>/", views.report_detail, name="detail"),
    path("<int:pk>/texts/", views.report_texts, name="texts"),
    path("<int:pk>/refresh/", views.report_refresh, name="refresh"),
    path("<int:pk>/send/", views.report_send, name="send"),
    path("<int:pk>/report.docx", views.report_docx, name="docx"),
    path("<int:pk>/report.xlsx", views.report_xlsx, name="xlsx"),
]
