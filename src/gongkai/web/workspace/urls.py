from django.urls import path

from gongkai.web.workspace import views

app_name = "workspace"
_BASE = "organ/<int:organ_id>/<int:year>/"
urlpatterns = [
    path(_BASE, views.index, name="index"),
    path(_BASE + "start/", views.start, name="start"),
    path(_BASE + "save/", views.save, name="save"),
    path(_BASE + "recompile/", views.recompile, name="recompile"),
    path(_BASE + "submit/", views.submit, name="submit"),
    path(_BASE + "approve/", views.approve, name="approve"),
    path(_BASE + "return/", views.send_back, name="return"),
    path(_BASE + "sign/", views.sign, name="sign"),
    path(_BASE + "publish/", views.publish, name="publish"),
    path(_BASE + "correct/", views.correct, name="correct"),
    path("published/<int:organ_id>/<int:year>/", views.published, name="published"),
    path(
        "published/<int:organ_id>/<int:year>/report.<str:fmt>",
        views.published_file,
        name="published_file",
    ),
]
