from django.urls import path

from gongkai.web.reports import views

app_name = "reports"
urlpatterns = [
    path("organ/<int:organ_id>/", views.archive, name="archive"),
    path("organ/<int:organ_id>/upload/", views.upload, name="upload"),
    path("reading/<int:reading_id>/", views.reading, name="reading"),
    path("organ/<int:organ_id>/enter/", views.enter, name="enter"),
    path("<int:report_id>/", views.detail, name="detail"),
    path("<int:report_id>/download/<str:fmt>/", views.download, name="download"),
    path("<int:report_id>/annotated/<str:fmt>/", views.annotated, name="annotated"),
    path("<int:report_id>/original/", views.original, name="original"),
    path("<int:report_id>/withdraw/", views.withdraw, name="withdraw"),
]
