from django.urls import path

from gongkai.web.supervision.views import actions, downloads, imports, pages

app_name = "supervision"
urlpatterns = [
    path("", pages.index, name="index"),
    path("inbox/", pages.inbox, name="inbox"),
    path("<int:organ_id>/<int:year>/", pages.overview, name="overview"),
    path("<int:organ_id>/<int:year>/totals/", pages.totals, name="totals"),
    path("<int:organ_id>/<int:year>/export.xlsx", downloads.export, name="export"),
    path("<int:organ_id>/<int:year>/export.pdf", downloads.export_pdf, name="export_pdf"),
    path("<int:organ_id>/<int:year>/data.json", downloads.overview_data, name="overview_data"),
    path("<int:organ_id>/<int:year>/copies/", pages.copies, name="copies"),
    path("<int:organ_id>/trends/", pages.region, name="region"),
    path("<int:organ_id>/trends/data.json", downloads.region_data, name="region_data"),
    path("<int:root_id>/organ/<int:organ_id>/", pages.organ_page, name="organ"),
    path("<int:organ_id>/<int:year>/remind/", actions.remind, name="remind"),
    path("report/<int:report_id>/return/", actions.return_report, name="return"),
    path("<int:organ_id>/import/", imports.start, name="import"),
    path("import/<int:batch_id>/", imports.batch_page, name="import_batch"),
    path("import/<int:batch_id>/progress.json", imports.progress, name="import_progress"),
    path("import/item/<int:item_id>/confirm/", imports.confirm, name="import_confirm"),
]
