from django.urls import path

from documents import views

app_name = "documents"
urlpatterns = [
    path("", views.order_list, name="list"),
    path("new/", views.order_create, name="create"),
    path("<int:pk>/", views.order_detail, name="detail"),
    path("<int:pk>/edit/", views.order_update, name="update"),
    path("<int:pk>/register/", views.order_register, name="register"),
    path("<int:pk>/docx/", views.order_docx, name="docx"),
    path("templates/", views.template_list, name="templates"),
    path("templates/upload/", views.template_upload, name="template_upload"),
    path("templates/<int:pk>/reset/", views.template_reset, name="template_reset"),
    path("templates/<int:organization_pk>/<slug:kind>.docx", views.template_file, name="template_file"),
    path("consents/", views.consent_list, name="consents"),
    path("consents/<int:pk>/<slug:kind>.docx", views.consent_docx, name="consent_docx"),
    path("registry.xlsx", views.registry_xlsx, name="registry_xlsx"),
    path("pairs.xlsx", views.pairs_xlsx, name="pairs_xlsx"),
]
