"""Legacy Office files (.doc, .xls): made here from gongkai's own DOCX/XLSX by LibreOffice's
"MS Word 97" / "MS Excel 97" filters, then read back through LibreOffice — every cell must come
back as written."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from gongkai.errors import ReportInputError
from gongkai.readers import identify, legacy, read_bytes
from gongkai.report.model import Report
from gongkai.report.truth import report_from_truth
from gongkai.writers import render
from support.corpus import TRUTH, load_truth
from support.scans import legacy_file

# 上海市人民政府办公厅 2019 (2019 format) and 淮安市洪泽区 2023 (2021 format).
SOURCES = ["004", "002"]


def _cells(report: Report) -> dict[tuple[str, str, str], object]:
    """The cells that hold a value (a missing cell is left out, so it cannot pass for one)."""
    return {
        (t, r, c): cell.value for t, r, c, cell in report.iter_cells() if cell.value is not None
    }


@pytest.mark.parametrize("item", SOURCES)
@pytest.mark.parametrize("kind", ["doc", "xls"])
def test_a_legacy_file_is_read_cell_for_cell(item: str, kind: str, tmp_path: Path) -> None:
    truth = report_from_truth(load_truth(TRUTH / f"{item}.json"))
    data = legacy_file(truth, kind, tmp_path)
    assert data.startswith(b"\xd0\xcf\x11\xe0")
    assert identify(data) == kind
    read = read_bytes(data, f"{item}.{kind}")
    assert _cells(read) == _cells(truth)
    modern_kind = {"doc": "docx", "xls": "xlsx"}[kind]
    modern = read_bytes(render(truth, modern_kind), f"{item}.{modern_kind}")
    assert (read.organ, read.year, read.format, read.title) == (
        modern.organ,
        modern.year,
        modern.format,
        modern.title,
    )
    assert read.reading[0].rule == "R13"
    assert "LibreOffice" in read.reading[0].message_zh


def test_without_libreoffice_the_message_says_what_to_install(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    truth = report_from_truth(load_truth(TRUTH / "002.json"))
    data = legacy_file(truth, "doc", tmp_path)
    monkeypatch.setenv("PATH", str(tmp_path / "empty"))  # no soffice on the search path
    with pytest.raises(ReportInputError) as raised:
        read_bytes(data, "old.doc")
    assert raised.value.code == "converter_missing"
    assert "LibreOffice" in raised.value.message
    assert ".docx" in raised.value.message


def test_a_damaged_legacy_file_is_refused_plainly() -> None:
    assert legacy.soffice() is not None, "LibreOffice is missing: run scripts/install-system-deps"
    # An OLE2 signature and a Word stream name, and nothing a converter can use.
    data = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + "WordDocument".encode("utf-16-le") + b"\0" * 600
    assert identify(data) == "doc"
    with pytest.raises(ReportInputError) as raised:
        read_bytes(data, "broken.doc")
    assert raised.value.code in ("convert_failed", "not_a_report")


def test_another_compound_file_is_still_refused_as_an_old_office_file() -> None:
    assert identify(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1rest") == "ole"


def test_soffice_is_found_where_installed() -> None:
    assert legacy.soffice() == (shutil.which("soffice") or shutil.which("libreoffice"))
