"""Reports made for the witness tests (示例数据): every cell 0 but the few that matter, printed as
text with tab-separated cells, one row glued together as a crawler leaves it."""

from __future__ import annotations

from gongkai.report.formats import get_format
from gongkai.report.model import Number, Report
from support.textreport import as_text

ORGAN = "青山区示例局"  # 示例数据


def report_with(
    format_key: str,
    year: int,
    cells: dict[tuple[str, str, str], Number],
    organ: str = ORGAN,
) -> Report:
    """A report of ``year`` with every cell 0 but ``cells``."""
    report = Report(format=format_key, organ=organ, year=year)
    for table in get_format(format_key).tables:
        for row in table.data_rows:
            for column in row.columns:
                report.set(table.key, row.key, column.key, 0)
    for (table_key, row_key, column_key), value in cells.items():
        report.set(table_key, row_key, column_key, value)
    return report


def glued(report: Report, label: str) -> bytes:
    """``report`` as text, with the row printed under ``label`` glued into one digit run."""
    lines = []
    for line in as_text(report).splitlines():
        if line.startswith(label + "\t"):
            name, *values = line.split("\t")
            line = f"{name}\t{''.join(values)}"
        lines.append(line)
    return ("\n".join(lines) + "\n").encode("utf-8")
