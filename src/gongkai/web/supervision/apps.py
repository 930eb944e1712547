from typing import Any

from django.apps import AppConfig
from django.db.models.signals import post_save


class SupervisionConfig(AppConfig):
    name = "gongkai.web.supervision"
    label = "supervision"
    verbose_name = "监督"

    def ready(self) -> None:
        from gongkai.web.reports.models import AnnualReport

        # A signal, not a call in reports/services: every way of filing (upload, form, import,
        # bulk import) records the key figures and resolves returns, in the filing's transaction,
        # without the reports app knowing about supervision.
        post_save.connect(_report_saved, sender=AnnualReport, dispatch_uid="supervision.figures")


def _report_saved(
    sender: Any, instance: Any, created: bool, raw: bool = False, **kwargs: Any
) -> None:
    if created and not raw:
        from gongkai.web.supervision.services import on_report_filed

        on_report_filed(instance)
