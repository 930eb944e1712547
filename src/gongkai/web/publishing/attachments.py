"""Attachments: screened as report uploads are (size, content matching the extension, no
encrypted or zip-bomb files, using the readers' ``identify``) and their text extracted, so that the
personal-data scan and the portal search see what the attachment says.
"""

from __future__ import annotations

import io
from pathlib import Path

from gongkai.errors import ReportInputError
from gongkai.readers import KIND_NAMES, identify
from gongkai.readers.office import check_package
from gongkai.web.reports.uploads import UploadRejectedError, max_upload_bytes, too_large_message

EXPECTED: dict[str, str] = {
    ".pdf": "pdf",
    ".docx": "docx",
    ".xlsx": "xlsx",
    ".jpg": "jpeg",
    ".jpeg": "jpeg",
    ".png": "png",
}
MAX_TEXT_CHARS = 500_000  # enough for any attachment of a public notice


def screen_attachment(data: bytes, name: str) -> str:
    """The kind of an acceptable attachment; ``UploadRejectedError`` (in Chinese) otherwise."""
    extension = Path(name).suffix.lower()
    if not data:
        raise UploadRejectedError(f"附件“{name}”为空，未保存。", "empty")
    if len(data) > max_upload_bytes():
        raise UploadRejectedError(too_large_message(), "too_large")
    expected = EXPECTED.get(extension)
    if expected is None:
        raise UploadRejectedError(
            f"附件“{name}”的类型“{extension or '无扩展名'}”不受支持。"
            f"可上传：{'、'.join(EXPECTED)}。",
            "unsupported",
        )
    actual = identify(data)
    if actual != expected:
        raise UploadRejectedError(
            f"附件“{name}”的内容与扩展名不符：扩展名为 {extension}，内容却是"
            f"{KIND_NAMES.get(actual, actual)}。文件未保存。",
            "mismatch",
        )
    if actual in ("docx", "xlsx"):
        try:
            check_package(data, name)
        except ReportInputError as error:
            raise UploadRejectedError(
                f"附件“{name}”：{error.message}。文件未保存。", error.code
            ) from None
    return actual


def extract_text(data: bytes, kind: str) -> tuple[str, str]:
    """(text, note): the attachment's text, and a note when it has none to give."""
    try:
        if kind == "pdf":
            text = _pdf_text(data)
        elif kind == "docx":
            text = _docx_text(data)
        elif kind == "xlsx":
            text = _xlsx_text(data)
        else:
            return "", "图片附件：未做文字识别，请人工核对其中有无个人信息"
    except ReportInputError as error:
        return "", error.message
    except Exception:  # a damaged file must not stop the draft; the reviewer is told
        return "", "无法提取附件文字（文件可能已损坏），请人工核对"
    if not text.strip():
        return "", "附件中没有可提取的文字（可能是扫描件），请人工核对"
    return text[:MAX_TEXT_CHARS], ""


def _pdf_text(data: bytes) -> str:
    from gongkai.readers.pdf import page_texts

    return "\n".join(page.text for page in page_texts(data, None))


def _docx_text(data: bytes) -> str:
    import docx

    document = docx.Document(io.BytesIO(data))
    lines = [paragraph.text for paragraph in document.paragraphs]
    for table in document.tables:
        for row in table.rows:
            lines.append("\t".join(cell.text for cell in row.cells))
    return "\n".join(lines)


def _xlsx_text(data: bytes) -> str:
    from openpyxl import load_workbook

    book = load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    lines = []
    try:
        for sheet in book.worksheets:
            for row in sheet.iter_rows(values_only=True):
                cells = [str(value) for value in row if value is not None]
                if cells:
                    lines.append("\t".join(cells))
    finally:
        book.close()
    return "\n".join(lines)
