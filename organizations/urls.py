from django.urls import path

from organizations import import_views, views

app_name = "organizations"
urlpatterns = [
    path("", views.organization_list, name="list"),
    path("<int:pk>/", views.organization_detail, name="detail"),
    path("partners/", views.partner_list, name="partners"),
    path("partners/<int:pk>/agreements/new/", views.agreement_create, name="agreement_create"),
    path("agreements/<int:pk>/edit/", views.agreement_edit, name="agreement_edit"),
    path("import/", import_views.import_organizations, name="import"),
]
