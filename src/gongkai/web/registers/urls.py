from django.urls import path

from gongkai.web.registers import views

app_name = "registers"
urlpatterns = [
    path("organ/<int:organ_id>/", views.index, name="index"),
    path("organ/<int:organ_id>/documents/add/", views.add_document, name="add_document"),
    path(
        "organ/<int:organ_id>/documents/<int:document_id>/",
        views.edit_document,
        name="edit_document",
    ),
    path(
        "organ/<int:organ_id>/documents/<int:document_id>/delete/",
        views.delete_document,
        name="delete_document",
    ),
    path("organ/<int:organ_id>/months/", views.save_months, name="save_months"),
    path("organ/<int:organ_id>/months/import/", views.import_months, name="import_months"),
    path("organ/<int:organ_id>/items/", views.save_items, name="save_items"),
]
