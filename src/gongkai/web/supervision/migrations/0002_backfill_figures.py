"""Key figures for the reports filed before the supervision app recorded them."""

from typing import Any

from django.db import migrations

from gongkai.report.canonical import loads
from gongkai.report.figures import FIGURE_KEYS, key_figures


def backfill(apps: Any, schema_editor: Any) -> None:
    from gongkai.web.supervision.services import arithmetic_errors, tables_digest

    AnnualReport = apps.get_model("reports", "AnnualReport")
    ReportFigures = apps.get_model("supervision", "ReportFigures")
    for filing in AnnualReport.objects.filter(figures__isnull=True).iterator():
        report = loads(filing.report_json)
        figures = key_figures(report)
        row = ReportFigures(
            report=filing,
            tables_digest=tables_digest(report.tables),
            arithmetic_errors=arithmetic_errors(filing.findings),
        )
        for key in FIGURE_KEYS:
            setattr(row, key, figures.get(key))
        row.save()


class Migration(migrations.Migration):
    dependencies = [("supervision", "0001_initial"), ("reports", "0001_initial")]
    operations = [migrations.RunPython(backfill, migrations.RunPython.noop)]
