"""Files built to exhaust a reader, as found when the site was attacked (issue 15). Each is made
at test time, never committed: small on disk, enormous for whoever reads it naively."""

from __future__ import annotations

import io
import re
import zipfile
import zlib
from collections.abc import Iterator

import docx
import openpyxl


def _pdf(content: bytes) -> bytes:
    """A one-page PDF whose page content is ``content`` (already Flate-compressed)."""
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R"
        b" /Resources << /Font << /F1 5 0 R >> >> >>",
        b"<< /Length %d /Filter /FlateDecode >>\nstream\n" % len(content)
        + content
        + b"\nendstream",
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
    ]
    out = io.BytesIO()
    out.write(b"%PDF-1.7\n")
    offsets = []
    for number, body in enumerate(objects, start=1):
        offsets.append(out.tell())
        out.write(b"%d 0 obj\n" % number + body + b"\nendobj\n")
    xref = out.tell()
    out.write(b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1))
    for offset in offsets:
        out.write(b"%010d 00000 n \n" % offset)
    out.write(
        b"trailer << /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (len(objects) + 1, xref)
    )
    return out.getvalue()


def _deflate(chunks: Iterator[bytes]) -> bytes:
    compressor = zlib.compressobj(9)
    parts = [compressor.compress(chunk) for chunk in chunks]
    parts.append(compressor.flush())
    return b"".join(parts)


def pdf_of_text_operators(count: int = 20_000_000) -> bytes:
    """One page drawing ``count`` text-showing operators (about 2 MB for twenty million)."""
    block = b"(1) Tj\n" * 100_000

    def chunks() -> Iterator[bytes]:
        yield b"BT /F1 1 Tf 10 10 Td\n"
        for _ in range(count // 100_000):
            yield block
        yield b"ET\n"

    return _pdf(_deflate(chunks()))


def pdf_of_spaces(size: int = 1024**3) -> bytes:
    """One page whose content stream inflates to ``size`` bytes of spaces (1 GiB in about 1 MB)."""
    block = b" " * (16 * 1024 * 1024)
    return _pdf(_deflate(block for _ in range(size // len(block))))


def _rewrite_part(package: bytes, part: str, change: tuple[bytes, bytes], count: int = 1) -> bytes:
    source = zipfile.ZipFile(io.BytesIO(package))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for item in source.infolist():
            data = source.read(item.filename)
            if item.filename == part:
                pattern, replacement = change
                data, replaced = re.subn(pattern, replacement, data, count=count)
                assert replaced, f"{part}: {pattern!r} not found"
            target.writestr(item.filename, data)
    return out.getvalue()


def xlsx_merged_over_the_whole_sheet() -> bytes:
    """A workbook of a few kilobytes with one ``<mergeCell ref="A1:XFD1048576"/>``."""
    book = openpyxl.Workbook()
    book.active["A1"] = "表一"
    buffer = io.BytesIO()
    book.save(buffer)
    return _rewrite_part(
        buffer.getvalue(),
        "xl/worksheets/sheet1.xml",
        (
            rb"</sheetData>",
            b'</sheetData><mergeCells count="1"><mergeCell ref="A1:XFD1048576"/></mergeCells>',
        ),
    )


def docx_with_wide_cells(span: int = 2_000_000, rows: int = 40) -> bytes:
    """A Word file of tens of kilobytes whose table cells each span ``span`` grid columns."""
    document = docx.Document()
    document.add_paragraph("表二 收到和处理政府信息公开申请情况")
    table = document.add_table(rows=rows, cols=2)
    for row in table.rows:
        row.cells[0].text = "本年新收政府信息公开申请数量"
        row.cells[1].text = "5"
    buffer = io.BytesIO()
    document.save(buffer)
    return _rewrite_part(
        buffer.getvalue(),
        "word/document.xml",
        (rb"<w:tcPr>", b'<w:tcPr><w:gridSpan w:val="%d"/>' % span),
        count=0,  # every cell
    )


def text_of_digits(size: int = 10 * 1024 * 1024) -> bytes:
    """Digits and line breaks: a table's numbers with nothing around them, 10 MB of them."""
    line = b"1234567890" * 8 + b"\n"
    return line * (size // len(line))


def text_of_one_line(size: int = 15 * 1024 * 1024) -> bytes:
    """One line of words with no break, 15 MB long."""
    words = "本年新收政府信息公开申请数量 5 件 ".encode()
    return words * (size // len(words))
