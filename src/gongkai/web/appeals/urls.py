from django.urls import path

from gongkai.web.appeals import views

app_name = "appeals"
urlpatterns = [
    path("organ/<int:organ_id>/", views.index, name="index"),
    path("organ/<int:organ_id>/add/", views.add, name="add"),
    path("organ/<int:organ_id>/<int:case_id>/", views.edit, name="edit"),
    path("organ/<int:organ_id>/<int:case_id>/delete/", views.delete, name="delete"),
]
