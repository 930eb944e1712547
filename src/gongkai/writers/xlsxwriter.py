"""XLSX: one sheet per statutory table, laid out and merged as in the national format, with the
numbers stored as numbers (never formulas: a formula has no value until a spreadsheet program
recalculates it, and readers would see nothing). A missing value is the text ``—``, distinct
from 0 (an empty spreadsheet cell is commonly read as 0); text the report printed around a
number (``22（其中修订16件）``) is kept as a cell comment. A last sheet, 说明, names the organ,
year and format."""

from __future__ import annotations

from io import BytesIO

from openpyxl import Workbook
from openpyxl.cell.cell import Cell, MergedCell
from openpyxl.comments import Comment
from openpyxl.styles import Alignment, Border, Font, NamedStyle, Side
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.properties import PageSetupProperties
from openpyxl.worksheet.worksheet import Worksheet

from gongkai.report.labels import TABLE_NAMES
from gongkai.report.model import Number, Report
from gongkai.writers.document import Document, build_document, chinese_date
from gongkai.writers.layout import Role, TableGrid
from gongkai.writers.settings import WriterSettings
from gongkai.writers.values import MISSING_TEXT, number_text, raw_agrees

INFO_SHEET = "说明"
# A text starting with one of these is a formula to a spreadsheet program once it is edited.
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def set_text(cell: Cell | MergedCell, text: str) -> None:
    """Write ``text`` as text, never as a formula: openpyxl stores a string starting with "=" as
    a formula, and an organ named ``=HYPERLINK(…)`` would become a live link. A text that a
    spreadsheet program would take for a formula when edited is marked as quoted text."""
    assert isinstance(cell, Cell), "text goes in the first cell of a merged range"
    cell.value = text
    cell.data_type = "s"
    if text.startswith(_FORMULA_START):
        cell.quotePrefix = True


def append_row(sheet: Worksheet, values: list[object]) -> None:
    """``sheet.append`` with every text written by ``set_text``."""
    sheet.append(values)
    for cell in sheet[sheet.max_row]:
        if isinstance(cell.value, str):
            set_text(cell, cell.value)


_THIN = Side(style="thin", color="000000")
_BORDER = Border(left=_THIN, right=_THIN, top=_THIN, bottom=_THIN)


def sheet_name(grid: TableGrid) -> str:
    """``表三 收到和处理政府信息公开申请情况`` (sheet names are at most 31 characters)."""
    name = f"{TABLE_NAMES.get(grid.table.key, grid.table.key)} {grid.table.title_zh}"
    return name[:31]


def render_xlsx(report: Report, settings: WriterSettings) -> bytes:
    """The report's tables as an XLSX workbook."""
    doc = build_document(report, settings)
    book = Workbook()
    default = book.active
    if default is not None:
        book.remove(default)
    styles = _styles(book, settings)
    for grid in doc.grids:
        _sheet(book.create_sheet(sheet_name(grid)), grid, styles)
    _info_sheet(book.create_sheet(INFO_SHEET), doc)
    properties = book.properties
    properties.title = doc.title
    properties.creator = doc.organ
    properties.subject = doc.subject
    properties.keywords = doc.keywords
    properties.description = doc.marker
    out = BytesIO()
    book.save(out)
    return out.getvalue()


def _styles(book: Workbook, settings: WriterSettings) -> dict[str, str]:
    """Named styles, registered once per workbook: cheaper than styling every cell."""
    font = Font(name=settings.body_font, size=10.5)
    looks = {
        "gk-head": Alignment(horizontal="center", vertical="center", wrap_text=True),
        "gk-label": Alignment(horizontal="left", vertical="center", wrap_text=True),
        "gk-value": Alignment(horizontal="center", vertical="center"),
    }
    for name, alignment in looks.items():
        style = NamedStyle(name=name, font=font, alignment=alignment, border=_BORDER)
        book.add_named_style(style)
    return {
        Role.LABEL: "gk-label",
        Role.VALUE: "gk-value",
        Role.CORNER: "gk-label",
    }


def _number(value: Number) -> int | float:
    # openpyxl stores a Decimal through float anyway; converting here keeps the type explicit.
    return value if isinstance(value, int) else float(number_text(value))


def _sheet(sheet: Worksheet, grid: TableGrid, styles: dict[str, str]) -> None:
    for row in range(1, grid.height + 1):
        for column in range(1, grid.width + 1):
            sheet.cell(row=row, column=column).style = "gk-head"  # borders of merged slots too
    for cell in grid.cells:
        target = sheet.cell(row=cell.top + 1, column=cell.left + 1)
        target.style = styles.get(cell.role, "gk-head")
        if cell.role is Role.VALUE:
            model = cell.cell
            if model is not None and model.value is not None:
                target.value = _number(model.value)
            else:  # a spreadsheet's empty cell is often read as 0: say "missing" in so many words
                set_text(target, MISSING_TEXT)
            if model is not None and model.raw and raw_agrees(model):
                target.comment = Comment(f"原文：{model.raw}", "gongkai")
        elif cell.text:
            set_text(target, cell.text)
        if cell.rowspan > 1 or cell.colspan > 1:
            sheet.merge_cells(
                start_row=cell.top + 1,
                start_column=cell.left + 1,
                end_row=cell.bottom,
                end_column=cell.right,
            )
    _widths(sheet, grid)
    if grid.head_rows:
        corner = f"{get_column_letter(grid.label_columns + 1)}{grid.head_rows + 1}"
        sheet.freeze_panes = corner
    sheet.page_setup.paperSize = sheet.PAPERSIZE_A4
    sheet.page_setup.fitToWidth = 1
    sheet.sheet_properties.pageSetUpPr = PageSetupProperties(fitToPage=True)


def _widths(sheet: Worksheet, grid: TableGrid) -> None:
    labels = grid.label_columns
    widths = [6.0] * max(labels - 1, 0) + ([40.0 if labels > 1 else 18.0] if labels else [])
    widths += [10.0] * (grid.width - labels)
    for index, width in enumerate(widths, start=1):
        sheet.column_dimensions[get_column_letter(index)].width = width


def _info_sheet(sheet: Worksheet, doc: Document) -> None:
    report = doc.report
    rows: list[tuple[str, str | int]] = [
        ("标题", doc.title),
        ("机关", doc.organ),
        ("年度", report.year),
        ("格式", f"{report.spec.name}（{report.spec.document}）"),
        ("发布日期", chinese_date(doc.signed_on) if doc.signed_on else ""),
    ]
    if doc.contact:
        rows.append(("联系方式", doc.contact))
    for row in rows:
        append_row(sheet, list(row))
    sheet.column_dimensions["A"].width = 12
    sheet.column_dimensions["B"].width = 60
