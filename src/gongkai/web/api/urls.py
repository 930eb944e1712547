from django.urls import path

from gongkai.web.api import views

app_name = "api"
urlpatterns = [
    path("openapi.json", views.schema, name="schema"),
    path("organs/", views.organs, name="organs"),
    path("reports/", views.reports, name="reports"),
    path("reports/<int:report_id>/", views.report, name="report"),
    path("reports/<int:report_id>/findings/", views.findings, name="findings"),
]
