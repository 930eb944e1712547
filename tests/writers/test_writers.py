"""The writers' public API, the organ's settings, what a printed report says, and the 批注版."""

from __future__ import annotations

import io
import json
import subprocess
import zipfile
from datetime import date
from pathlib import Path

import docx
import openpyxl
import pypdfium2
import pytest

import gongkai
from gongkai.errors import GongkaiError
from gongkai.report.model import Cell, Report
from gongkai.writers import WRITER_FORMATS, WriterSettings, render, render_annotated
from gongkai.writers.errors import UnsupportedOutputError, WriterSettingsError
from writers.helpers import HONGZE, SEED

pytestmark = pytest.mark.filterwarnings("ignore::UserWarning:fontTools")


@pytest.fixture(scope="module")
def seed() -> Report:
    return gongkai.read(SEED)


@pytest.fixture(scope="module")
def hongze() -> Report:
    return gongkai.read(HONGZE)


def _pdf_text(data: bytes) -> list[str]:
    pdf = pypdfium2.PdfDocument(data)
    try:
        return [page.get_textpage().get_text_range() for page in pdf]
    finally:
        pdf.close()


@pytest.mark.parametrize("to", ["odt", "PDF", "", "txt"])
def test_an_unknown_format_is_refused_with_a_stable_code(seed: Report, to: str) -> None:
    with pytest.raises(UnsupportedOutputError) as raised:
        render(seed, to)
    assert isinstance(raised.value, GongkaiError)
    assert raised.value.code == "unsupported_output"
    assert "不支持的输出格式" in raised.value.message


def test_the_annotated_version_is_html_or_pdf_only(hongze: Report) -> None:
    with pytest.raises(UnsupportedOutputError):
        render_annotated(hongze, [], "docx")


@pytest.mark.parametrize("to", WRITER_FORMATS)
def test_every_writer_writes_bytes(seed: Report, to: str) -> None:
    assert len(render(seed, to)) > 500


def test_the_html_page_is_print_ready_with_all_six_sections(seed: Report) -> None:
    page = render(seed, "html").decode("utf-8")
    assert "size: A4" in page
    assert '"第 " counter(page) " 页 共 " counter(pages) " 页"' in page
    assert '"Noto Serif CJK SC"' in page
    assert '"Noto Sans CJK SC"' in page
    for title in ("一、总体情况", "二、主动公开政府信息情况", "六、其他需要报告的事项"):
        assert f"<h2>{title}</h2>" in page
    assert 'rowspan="22"' in page  # 三、本年度办理结果 over the 22 outcome rows (2021)
    assert 'colspan="10"' in page  # 行政诉讼


def _poppler(tool: str, data: bytes, tmp_path: Path, *options: str) -> str:
    path = tmp_path / "report.pdf"
    path.write_bytes(data)
    done = subprocess.run([tool, *options, str(path)], capture_output=True, text=True, check=True)
    return done.stdout


def test_the_pdf_embeds_its_fonts_and_numbers_its_pages(seed: Report, tmp_path: Path) -> None:
    data = render(seed, "pdf")
    fonts = _poppler("pdffonts", data, tmp_path).splitlines()[2:]
    assert {line.split()[0].split("+")[1] for line in fonts} == {
        "Noto-Serif-CJK-SC",
        "Noto-Serif-CJK-SC-Bold",
        "Noto-Sans-CJK-SC",
    }
    assert all(" yes yes yes " in line for line in fonts)  # embedded, subset, with Unicode map
    pages = _pdf_text(data)
    assert len(pages) >= 3
    for number, text in enumerate(pages, start=1):
        assert f"第 {number} 页 共 {len(pages)} 页" in text
    assert "收到和处理政府信息公开申请情况" in "".join(pages)


# WeasyPrint 70 leaves its sRGB profile file open when it writes PDF/A (its bug, not ours).
@pytest.mark.filterwarnings("ignore:unclosed file.*sRGB2014.icc:ResourceWarning")
@pytest.mark.filterwarnings("ignore::pytest.PytestUnraisableExceptionWarning")
def test_the_pdfa_option_writes_pdfa_2b_metadata(hongze: Report, tmp_path: Path) -> None:
    data = render(hongze, "pdf", settings=WriterSettings(pdfa=True))
    metadata = _poppler("pdfinfo", data, tmp_path, "-meta")
    assert 'pdfaid:part="2" pdfaid:conformance="B"' in metadata
    assert "pdfaid:part" not in _poppler("pdfinfo", render(hongze, "pdf"), tmp_path, "-meta")


def test_the_organ_settings_change_title_signature_and_contact(seed: Report) -> None:
    settings = WriterSettings(
        title="青山区司法局2023年政府信息公开工作年度报告",
        organ="包头市青山区司法局",
        date=date(2024, 1, 20),
        contact="联系电话：0472-3616739",
    )
    page = render(seed, "html", settings=settings).decode("utf-8")
    assert "<h1>青山区司法局2023年政府信息公开工作年度报告</h1>" in page
    assert "<p>包头市青山区司法局</p>\n<p>2024年1月20日</p>" in page
    assert "联系电话：0472-3616739" in page
    word = docx.Document(io.BytesIO(render(seed, "docx", settings=settings)))
    texts = [paragraph.text for paragraph in word.paragraphs]
    assert texts[0] == settings.title
    assert "2024年1月20日" in texts
    assert word.core_properties.author == "包头市青山区司法局"


def test_fonts_are_settings_and_are_named_in_every_output(seed: Report) -> None:
    settings = WriterSettings(body_font="FangSong", heading_font="SimHei")
    page = render(seed, "html", settings=settings).decode("utf-8")
    assert 'font-family: "FangSong", "Noto Serif CJK SC", serif' in page
    word = docx.Document(io.BytesIO(render(seed, "docx", settings=settings)))
    assert word.styles["Normal"].font.name == "FangSong"
    assert word.styles["Heading 1"].font.name == "SimHei"


def test_settings_come_from_a_toml_file_and_refuse_unknown_keys(tmp_path: Path) -> None:
    path = tmp_path / "机关.toml"
    path.write_text('organ = "青山区司法局"\ndate = 2024-01-18\npdfa = true\n', encoding="utf-8")
    settings = WriterSettings.from_toml(path)
    assert (settings.organ, settings.date, settings.pdfa) == (
        "青山区司法局",
        date(2024, 1, 18),
        True,
    )
    path.write_text('organ = "x"\ncolour = "red"\n', encoding="utf-8")
    with pytest.raises(WriterSettingsError, match="不认识的设置项：colour"):
        WriterSettings.from_toml(path)
    with pytest.raises(WriterSettingsError, match="字体文件不存在"):
        WriterSettings(body_font_file=tmp_path / "none.ttf")


def test_missing_is_distinct_from_zero_in_every_writer() -> None:
    report = Report(format="2021", organ="某局", year=2023)
    report.set("table4", "review", "upheld", 0)
    report.set("table4", "review", "corrected", None)
    assert '<td class="n">0</td><td class="n missing">—</td>' in render(report, "html").decode()
    markdown = render(report, "md").decode()
    assert "| 0 | — |" in markdown
    book = openpyxl.load_workbook(io.BytesIO(render(report, "xlsx")))
    sheet = book["表四 政府信息公开行政复议、行政诉讼情况"]
    assert (sheet["A4"].value, sheet["B4"].value) == (0, "—")
    data = json.loads(render(report, "json"))
    assert data["tables"]["table4"]["review"] == {"upheld": 0, "corrected": None}


def test_printed_text_around_a_number_is_kept() -> None:
    report = Report(format="2021", organ="某局", year=2023)
    report.set("table2", "normative_docs", "issued", Cell(22, raw="22（其中修订16件）"))
    assert "22（其中修订16件）" in render(report, "html").decode()
    book = openpyxl.load_workbook(io.BytesIO(render(report, "xlsx")))
    cell = book.worksheets[0]["B4"]
    assert cell.value == 22  # the number, not text: numbers stay numbers in a spreadsheet
    assert cell.comment is not None
    assert "22（其中修订16件）" in cell.comment.text


def test_the_xlsx_has_one_sheet_per_table_and_no_formulas(seed: Report) -> None:
    data = render(seed, "xlsx")
    book = openpyxl.load_workbook(io.BytesIO(data))
    assert book.sheetnames[:3] == [
        "表二 主动公开政府信息情况",
        "表三 收到和处理政府信息公开申请情况",
        "表四 政府信息公开行政复议、行政诉讼情况",
    ]
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        sheets = [name for name in archive.namelist() if name.startswith("xl/worksheets/")]
        assert not any(b"<f>" in archive.read(name) for name in sheets)


def test_markdown_text_is_not_turned_into_lists_or_headings() -> None:
    report = Report(format="2021", organ="某局", year=2023, sections={"overview": "1. 第一\n# 二"})
    markdown = render(report, "md").decode()
    assert "1\\. 第一" in markdown
    assert "\\# 二" in markdown


def test_the_annotated_html_marks_and_links_every_cell_of_a_finding(hongze: Report) -> None:
    findings = gongkai.check(hongze)
    page = render_annotated(hongze, findings, "html").decode("utf-8")
    a5 = next(number for number, f in enumerate(findings, 1) if f.rule == "A5")
    assert f'<li id="f-{a5}" class="finding sev-error">' in page
    for ref in next(f for f in findings if f.rule == "A5").cells:
        anchor = f"c-{ref.table}-{ref.row}-{ref.column}"
        assert f'href="#{anchor}"' in page  # the finding links to the cell
        cell = page.split(f'id="{anchor}"')[1].split("</td>")[0]
        assert f'<a href="#f-{a5}">{a5}</a>' in cell  # the cell is numbered and links back
    assert 'class="n flag flag-error" id="c-table4-review-total"' in page
    assert 'id="c-table3-other"' in page  # F1 names the whole row: its label is marked
    assert "批注版" in page


def test_the_annotated_pdf_lists_the_findings(hongze: Report) -> None:
    text = "".join(_pdf_text(render_annotated(hongze, gongkai.check(hongze), "pdf")))
    assert "检查发现的问题" in text
    assert "行政复议：各列之和为 11，但总计填报为 0" in text


def test_an_annotated_report_without_findings_says_so(seed: Report) -> None:
    assert "未发现问题。" in render_annotated(seed, [], "html").decode()
