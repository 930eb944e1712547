"""Write, read back with ``gongkai.read``, same numbers: for every writer whose format has a
reader (HTML, PDF, DOCX, XLSX, Markdown), over the whole corpus and over generated consistent
reports of both formats. Each cell is compared; a row the original lacks must come back missing.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import gongkai
from gongkai.report.model import Report
from gongkai.writers import EXTENSIONS, render
from support.reports import consistent_reports
from writers.helpers import SEED, corpus_reports, differences

CORPUS = corpus_reports()
READABLE = ("html", "pdf", "docx", "xlsx", "md")
# WeasyPrint's font subsetting (fontTools) may warn about tables it drops from a CJK font.
pytestmark = pytest.mark.filterwarnings("ignore::UserWarning:fontTools")


def _round_trip(report: Report, to: str, directory: Path) -> Report:
    path = directory / f"report{EXTENSIONS[to]}"
    path.write_bytes(render(report, to))
    return gongkai.read(path)


@pytest.mark.parametrize("to", READABLE)
@pytest.mark.parametrize(("name", "report"), CORPUS, ids=[name for name, _ in CORPUS])
def test_every_corpus_report_reads_back_with_the_same_numbers(
    name: str, report: Report, to: str, tmp_path: Path
) -> None:
    back = _round_trip(report, to, tmp_path)
    assert (back.format, back.year) == (report.format, report.year)
    assert differences(report, back) == []


@pytest.mark.parametrize("to", READABLE)
def test_the_seed_reads_back_with_the_same_numbers_and_sections(to: str, tmp_path: Path) -> None:
    report = gongkai.read(SEED)
    back = _round_trip(report, to, tmp_path)
    assert differences(report, back) == []
    if to != "xlsx":  # a workbook holds the tables only: one sheet per table
        assert back.sections is not None
        assert set(back.sections) >= {"overview", "problems", "other"}


@pytest.mark.parametrize("to", ["html", "docx", "xlsx", "md"])
@settings(max_examples=15, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(report=consistent_reports())
def test_generated_reports_read_back_with_the_same_numbers(
    report: Report, to: str, tmp_path: Path
) -> None:
    assert differences(report, _round_trip(report, to, tmp_path)) == []


@settings(max_examples=4, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(report=consistent_reports(), format_key=st.sampled_from(["2019", "2021"]))
def test_generated_reports_read_back_from_pdf_with_the_same_numbers(
    report: Report, format_key: str, tmp_path: Path
) -> None:
    del format_key  # the strategy draws both formats; this only widens the search
    assert differences(report, _round_trip(report, "pdf", tmp_path)) == []
