from django.urls import path

from gongkai.web.supervision import views

app_name = "supervision"
urlpatterns = [
    path("", views.index, name="index"),
    path("<int:organ_id>/<int:year>/", views.overview, name="overview"),
    path("<int:organ_id>/<int:year>/export.xlsx", views.export, name="export"),
]
