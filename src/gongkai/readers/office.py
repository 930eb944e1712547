"""Word (DOCX) and Excel (XLSX) files: both are zip packages, checked before they are opened.

A zip bomb (a small file that unpacks to gigabytes) is refused from its directory alone, before
any part is decompressed. Word tables and worksheets become grid rows: a merged cell counts once
per row (python-docx repeats it in every slot it covers, so slots are grouped by the cell's
``_tc`` element), and an empty cell is a printed zero (``Blank.ZERO``).
"""

from __future__ import annotations

import io
import re
import zipfile
import zlib
from collections.abc import Iterator
from datetime import date, datetime
from decimal import Decimal
from typing import Any

from gongkai.errors import ReportInputError
from gongkai.readers.build import build_report
from gongkai.readers.document import Blank, Document, Line, Piece
from gongkai.readers.witness import Previous
from gongkai.report.model import Report, Source

# An annual report's DOCX or XLSX unpacks to a few megabytes; limits far above that.
MAX_UNPACKED_BYTES = 200 * 1024 * 1024
MAX_RATIO = 200  # unpacked size / packed size of any one part
MAX_PARTS = 5000
MAX_SHEET_CELLS = 200_000  # rows × columns of one worksheet, and of its merged cells together
MAX_GRID_SPAN = 64  # a Word table has at most 63 columns; a cell cannot span more


# What zipfile raises for a damaged package: a bad directory or checksum, a part that does not
# inflate, a header pointing outside the file, a zip version or method it does not know (fuzzing
# found each of these).
ZIP_ERRORS = (zipfile.BadZipFile, zlib.error, EOFError, NotImplementedError, ValueError, OSError)


def package_kind(data: bytes) -> str | None:
    """``"docx"``, ``"xlsx"`` or ``None`` (another zip) from the package's part names."""
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as package:
            names = set(package.namelist())
    except ZIP_ERRORS:
        return None
    if "word/document.xml" in names:
        return "docx"
    if "xl/workbook.xml" in names:
        return "xlsx"
    return None


def check_package(data: bytes, where: str | None, *, contents: bool = True) -> None:
    """Refuse a damaged, encrypted or bomb package from its zip directory; with ``contents``,
    also a worksheet or Word table that would expand far beyond any report (this reads the
    parts, so the web's upload screen leaves it to the bounded reading process)."""
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as package:
            parts = package.infolist()
    except ZIP_ERRORS:
        raise ReportInputError(
            "文件已损坏或不完整（不是有效的 zip 包）", where=where, code="damaged_package"
        ) from None
    if any(part.flag_bits & 0x1 for part in parts):  # a password-protected zip entry
        raise ReportInputError(
            "文件已加密（需要密码），无法读取；请提供未加密的文件", where=where, code="encrypted"
        )
    total = sum(part.file_size for part in parts)
    worst = max((part.file_size / max(part.compress_size, 1) for part in parts), default=0)
    if len(parts) > MAX_PARTS or total > MAX_UNPACKED_BYTES or worst > MAX_RATIO:
        raise ReportInputError(
            f"文件解压后过大（{total // (1024 * 1024)} MB，压缩比 {worst:.0f}:1），"
            "疑似压缩炸弹，已拒绝读取",
            where=where,
            code="zip_bomb",
        )
    if not contents:
        return
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as package:
            for name in (part.filename for part in parts):
                if _SHEET_PART.fullmatch(name):
                    _check_merged_cells(package, name, where)
                elif name == "word/document.xml":
                    _check_grid_spans(package, name, where)
    except ZIP_ERRORS as error:
        raise ReportInputError(
            "文件已损坏或不完整（zip 包中的部件无法解压）", where=where, code="damaged_package"
        ) from error


# Parts whose content is checked before the package is opened: python-docx expands a cell spanning
# two million columns into two million slots, openpyxl a merged range into one object per cell.
_SHEET_PART = re.compile(r"xl/worksheets/[^/]+\.xml")
_MERGED = re.compile(
    rb"<(?:\w+:)?mergeCell\b[^>]*?\bref=\"([A-Z]{1,3})(\d{1,7}):([A-Z]{1,3})(\d{1,7})\""
)
_GRID_SPAN = re.compile(rb"<(?:\w+:)?gridSpan\b[^>]*?\bval=\"(\d{1,12})\"")


def _check_merged_cells(package: zipfile.ZipFile, name: str, where: str | None) -> None:
    area = 0
    for match in _matches(package, name, _MERGED):
        first_column, first_row, last_column, last_row = match.groups()
        rows = abs(int(last_row) - int(first_row)) + 1
        columns = abs(_column_number(last_column) - _column_number(first_column)) + 1
        area += rows * columns
        if area > MAX_SHEET_CELLS:
            raise ReportInputError(
                f"工作表中的合并单元格共覆盖 {area} 个单元格（其中一处为 {_ref(match)}），"
                "不像年报表格，已拒绝读取",
                where=where,
                code="sheet_too_large",
            )


def _check_grid_spans(package: zipfile.ZipFile, name: str, where: str | None) -> None:
    for match in _matches(package, name, _GRID_SPAN):
        span = int(match.group(1))
        if span > MAX_GRID_SPAN:
            raise ReportInputError(
                f"Word 表格中有一个单元格横跨 {span} 列（Word 表格最多 63 列），"
                "文件已损坏或被篡改，已拒绝读取",
                where=where,
                code="damaged_docx",
            )


def _ref(match: re.Match[bytes]) -> str:
    first_column, first_row, last_column, last_row = (part.decode() for part in match.groups())
    return f"{first_column}{first_row}:{last_column}{last_row}"


def _column_number(letters: bytes) -> int:
    number = 0
    for letter in letters:
        number = number * 26 + letter - ord("A") + 1
    return number


def _matches(
    package: zipfile.ZipFile, name: str, pattern: re.Pattern[bytes]
) -> Iterator[re.Match[bytes]]:
    """Matches of ``pattern`` in a part, read a megabyte at a time (a part may be large)."""
    with package.open(name) as part:
        pending = b""
        while chunk := part.read(1024 * 1024):
            pending += chunk
            end = 0
            for match in pattern.finditer(pending):
                yield match
                end = match.end()
            # keep a tail that may hold the start of a match cut by the chunk's end
            pending = pending[max(end, len(pending) - 256) :]


def read_docx(data: bytes, *, source_file: str | None = None, previous: Previous = None) -> Report:
    import docx  # imported here: python-docx is slow to import and only Word files need it
    from docx.table import Table
    from docx.text.paragraph import Paragraph

    check_package(data, source_file)
    try:
        word = docx.Document(io.BytesIO(data))
    except Exception as error:  # python-docx raises many kinds for a broken package
        raise ReportInputError(
            f"Word 文件无法打开（{type(error).__name__}）", where=source_file, code="damaged_docx"
        ) from None
    lines: list[Line] = []
    tables = 0
    for child in word.element.body.iterchildren():
        tag = child.tag.rsplit("}", 1)[-1]
        if tag == "p":
            text = Paragraph(child, word).text.strip()
            if text:
                lines.append(Line([Piece(text, Source(source_file, line=len(lines) + 1))]))
        elif tag == "tbl":
            tables += 1
            lines.extend(_word_table(Table(child, word), tables, source_file))
    return build_report(Document(source_file, "docx", lines, Blank.ZERO), previous)


def _word_table(table: Any, number: int, file: str | None) -> list[Line]:
    lines = []
    for r, row in enumerate(table.rows, start=1):
        pieces: list[Piece] = []
        previous = None
        for c, cell in enumerate(row.cells, start=1):
            if cell._tc is previous:  # one merged cell spanning columns
                continue
            previous = cell._tc
            text = "".join(cell.text.split())
            pieces.append(Piece(text, Source(file, table=number, row=r, column=c)))
        lines.append(Line(pieces, closed=True, grid=True))
    return lines


def read_xlsx(data: bytes, *, source_file: str | None = None, previous: Previous = None) -> Report:
    import openpyxl

    check_package(data, source_file)
    try:
        book = openpyxl.load_workbook(io.BytesIO(data), data_only=True)
    except Exception as error:  # openpyxl raises many kinds for a broken package
        raise ReportInputError(
            f"Excel 文件无法打开（{type(error).__name__}）", where=source_file, code="damaged_xlsx"
        ) from None
    lines: list[Line] = _info_lines(book, source_file)
    for number, sheet in enumerate(book.worksheets, start=1):
        if sheet.title == INFO_SHEET:
            continue
        if sheet.max_row * sheet.max_column > MAX_SHEET_CELLS:
            raise ReportInputError(
                f"工作表“{sheet.title}”有 {sheet.max_row} 行 × {sheet.max_column} 列，不像年报表格",
                where=source_file,
                code="sheet_too_large",
            )
        merged = {
            (row, column): (bounds.min_row, bounds.min_col)
            for bounds in sheet.merged_cells.ranges
            for row in range(bounds.min_row, bounds.max_row + 1)
            for column in range(bounds.min_col, bounds.max_col + 1)
        }
        for r, row in enumerate(sheet.iter_rows(values_only=True), start=1):
            if all(value is None for value in row):
                continue
            pieces: list[Piece] = []
            for c, value in enumerate(row, start=1):
                anchor = merged.get((r, c))
                if anchor is not None and anchor != (r, c) and anchor[0] == r:
                    continue  # the rest of a cell merged across columns
                text = _cell_text(value if anchor is None else sheet.cell(*anchor).value)
                pieces.append(Piece(text, Source(source_file, table=number, row=r, column=c)))
            lines.append(Line(pieces, closed=True, grid=True))
    return build_report(Document(source_file, "xlsx", lines, Blank.ZERO), previous)


# The site's own XLSX names the title, organ and date on a last sheet (writers/xlsxwriter.py);
# the tables' sheets carry none of them, so without it they were lost on upload.
INFO_SHEET = "说明"
_INFO_ROWS = 20


def _info_lines(book: Any, file: str | None) -> list[Line]:
    """The 说明 sheet's title and date as the lines a printed report starts and ends with."""
    if INFO_SHEET not in book.sheetnames:
        return []
    sheet = book[INFO_SHEET]
    info = {
        str(row[0]).strip(): _cell_text(row[1])
        for row in sheet.iter_rows(max_row=_INFO_ROWS, max_col=2, values_only=True)
        if len(row) == 2 and row[0] is not None and row[1] is not None
    }
    where = Source(file, table=book.sheetnames.index(INFO_SHEET) + 1)
    lines = [Line([Piece(info["标题"], where)], closed=True)] if info.get("标题") else []
    if info.get("发布日期"):
        lines.append(Line([Piece(f"发布日期：{info['发布日期']}", where)], closed=True))
    return lines


def _cell_text(value: object) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return str(value)
    if isinstance(value, float):
        # the number as stored, not float noise: 7730.28 stays 7730.28, 5.0 becomes 5
        exact = Decimal(repr(value))
        return str(exact.quantize(Decimal(1))) if exact == exact.to_integral() else str(exact)
    if isinstance(value, datetime | date):
        return value.isoformat()
    return "".join(str(value).split())
