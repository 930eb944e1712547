"""``compile_tables(organ, year)``: the three tables of an organ's report from its records.

Each table has one source, a function ``(organ, year) -> {row: {column: number}}`` or ``None``
when the organ keeps no such records in gongkai. Table 二 comes from the registers, table 四 from
the case register; table 三 from the applications workbench's cases when the organ keeps its
cases in gongkai (with its opening balance), else as filed or entered for the year.

``compile_draft`` adds the narrative: the sentences of :mod:`gongkai.report.draft` with the
figures of the compiled tables and of the publishing records (channels, items, adoptions) and the
fees paid on the applications.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import Any

from gongkai.report.draft import Sentence, draft_sentences, table_figures
from gongkai.report.formats import expected_format
from gongkai.report.model import Number, Report
from gongkai.web.appeals.compiling import compile_table4
from gongkai.web.applications.selectors import compile_table_three
from gongkai.web.registers.compiling import compile_table2
from gongkai.web.reports import selectors as reports
from gongkai.web.workspace import records

Cells = Mapping[str, Mapping[str, Number | None]]
Source = Callable[[Any, int], Cells | None]


def table3_as_filed(organ: Any, year: int) -> Cells | None:
    """Table 三 of the year's current report on file (uploaded or entered), if there is one."""
    filing = reports.get_current(organ, year)
    if filing is None:
        return None
    rows = reports.report_of(filing).tables.get("table3")
    if not rows:
        return None
    return {row: {col: cell.value for col, cell in cols.items()} for row, cols in rows.items()}


def table3_from_cases(organ: Any, year: int) -> Cells | None:
    """Table 三 counted from the organ's cases when it keeps them in gongkai, else as filed."""
    if not records.keeps_cases(organ):
        return table3_as_filed(organ, year)
    spec = expected_format(year)
    return compile_table_three(organ, year, spec.key if spec is not None else "2021")


TABLE_SOURCES: dict[str, Source] = {
    "table2": compile_table2,
    "table3": table3_from_cases,
    "table4": compile_table4,
}


def compile_tables(organ: Any, year: int) -> Report:
    """The year's report with its tables from the records (no narrative yet)."""
    spec = expected_format(year)
    if spec is None:
        raise ValueError(f"{year}年没有统一的年报格式")
    report = Report(format=spec.key, organ=organ.name, year=year, organ_kind=organ.organ_kind)
    for table, source in TABLE_SOURCES.items():
        cells = source(organ, year)
        for row, columns in (cells or {}).items():
            for column, value in columns.items():
                report.set(table, row, column, value)
    return report


def compile_draft(organ: Any, year: int) -> tuple[Report, list[Sentence]]:
    """The year's report compiled from the records, with its draft narrative's sentences."""
    report = compile_tables(organ, year)
    figures: dict[str, Any] = {"organ": organ.name, "year": year}
    figures |= records.channel_figures(organ, year)
    figures |= records.fee_figures(organ, year)
    figures |= table_figures(report)
    return report, draft_sentences(figures)
