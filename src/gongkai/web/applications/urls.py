from django.urls import path

from gongkai.web.applications.views import corrections, documents, public, staff

app_name = "applications"
urlpatterns = [
    path("applications/", staff.dashboard, name="dashboard"),
    path("applications/cases/", staff.case_list, name="list"),
    path("applications/new/<int:organ_id>/", staff.new_case, name="new"),
    path("applications/<int:case_id>/", staff.case_page, name="case"),
    path("applications/<int:case_id>/act/<str:action>/", staff.act, name="act"),
    path("applications/<int:case_id>/suggest/", documents.suggest, name="suggest"),
    path("applications/letters/<int:letter_id>.<str:fmt>", documents.letter_file, name="letter"),
    path(
        "applications/letters/<int:letter_id>/correct/", corrections.correct, name="correct_letter"
    ),
    path("applications/register/<int:organ_id>/", documents.register_export, name="register"),
    path("applications/table3/<int:organ_id>/", documents.table_three, name="table3"),
    path("applications/templates/<str:kind>/", documents.template_preview, name="template"),
    path("apply/status/", public.status, name="public_status"),
    path("apply/<int:organ_id>/", public.apply, name="public_apply"),
    path("apply/<int:organ_id>/receipt/<str:code>/", public.receipt, name="public_receipt"),
    path(
        "apply/<int:organ_id>/receipt/<str:code>/pdf/",
        public.receipt_pdf,
        name="public_receipt_pdf",
    ),
]
