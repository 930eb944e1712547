"""Uploads: limited in size before anything is read, streamed to a temporary file as they come
in, and screened before the readers see them.

The screen refuses, with a message in Chinese: a file over the limit (counted while it streams
in, and refused at once when the request announces a larger body), a file whose content does not
match its extension (a JPEG renamed .pdf; the content is identified as the readers identify it),
an encrypted PDF or Office file, and a DOCX or XLSX that would expand far beyond any report (a zip
bomb, judged from the zip directory by the readers' own check). Only a file within the limit is
read into memory.

Scans (PNG, JPEG, TIFF) need Tesseract and its Chinese data, and .doc/.xls (and WPS's .wps/.et)
need LibreOffice: without them such a file is refused here, with a message saying what to
install, before anything is stored. (An image-only PDF is known to be a scan only once it is
read; without Tesseract its reading ends in the same message.)
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from django.conf import settings
from django.core.files.uploadhandler import StopUpload, TemporaryFileUploadHandler
from django.http import QueryDict
from django.utils.datastructures import MultiValueDict

from gongkai.errors import ReportInputError
from gongkai.readers import KIND_NAMES, identify, legacy, ocr
from gongkai.readers.office import check_package


class UploadRejectedError(Exception):
    """An upload that is not stored; ``message`` says why, in Chinese."""

    def __init__(self, message: str, code: str) -> None:
        super().__init__(message)
        self.message = message
        self.code = code


def max_upload_bytes() -> int:
    return int(settings.GONGKAI_MAX_UPLOAD_MB) * 1024 * 1024


def too_large_message() -> str:
    return f"文件过大：上传文件不得超过 {settings.GONGKAI_MAX_UPLOAD_MB} MB，文件未保存。"


class SizeLimitedUploadHandler(TemporaryFileUploadHandler):
    """Streams each uploaded file to a temporary file and stops the upload at the size limit.

    A request that announces a body over the limit is refused before any of it is read. The
    view learns of a stopped upload from ``request.upload_rejected``.
    """

    def handle_raw_input(
        self,
        input_data: Any,
        META: Any,  # noqa: N803  (Django's name for it)
        content_length: int,
        boundary: Any,
        encoding: Any = None,
    ) -> tuple[QueryDict, MultiValueDict] | None:
        self.received = 0
        # The multipart envelope adds a little to the file itself. Returning an empty result
        # ends the parsing before a byte of the body is read.
        if content_length > max_upload_bytes() + 64 * 1024:
            self.request.upload_rejected = UploadRejectedError(too_large_message(), "too_large")
            return QueryDict(), MultiValueDict()
        return None

    def receive_data_chunk(self, raw_data: bytes, start: int) -> bytes | None:
        self.received += len(raw_data)
        if self.received > max_upload_bytes():
            self.file.close()
            self.request.upload_rejected = UploadRejectedError(too_large_message(), "too_large")
            raise StopUpload(connection_reset=True)
        return super().receive_data_chunk(raw_data, start)


# The extensions the readers take, and what the content of each may be (as the readers identify
# it, ``gongkai.readers.identify``): a JPEG named .pdf is refused before it is read.
EXPECTED: dict[str, frozenset[str]] = {
    ".pdf": frozenset({"pdf"}),
    ".docx": frozenset({"docx"}),
    ".xlsx": frozenset({"xlsx"}),
    ".json": frozenset({"json"}),
    ".txt": frozenset({"text", "markdown", "json"}),
    ".md": frozenset({"markdown", "text"}),
    ".html": frozenset({"html", "text"}),
    ".htm": frozenset({"html", "text"}),
    # scans, read by OCR
    ".png": frozenset({"png"}),
    ".jpg": frozenset({"jpeg"}),
    ".jpeg": frozenset({"jpeg"}),
    ".tif": frozenset({"tiff"}),
    ".tiff": frozenset({"tiff"}),
    # legacy Office files, converted by LibreOffice; WPS saves .wps/.et in the same formats (or,
    # in recent versions, as .docx/.xlsx under the old extension)
    ".doc": frozenset({"doc"}),
    ".xls": frozenset({"xls"}),
    ".wps": frozenset({"doc", "docx"}),
    ".et": frozenset({"xls", "xlsx"}),
}
ACCEPTED_EXTENSIONS = tuple(EXPECTED)


def screen(path: Path, original_name: str) -> None:
    """Raise ``UploadRejectedError`` unless the file at ``path`` may be given to the readers."""
    extension = Path(original_name).suffix.lower()
    size = path.stat().st_size
    if size == 0:
        raise UploadRejectedError("文件为空，未保存。", "empty")
    if size > max_upload_bytes():
        raise UploadRejectedError(too_large_message(), "too_large")
    expected = EXPECTED.get(extension)
    if expected is None:
        raise UploadRejectedError(
            f"不支持“{extension or '无扩展名'}”文件。可上传：{'、'.join(ACCEPTED_EXTENSIONS)}。",
            "unsupported",
        )
    data = path.read_bytes()  # within the upload limit, checked above
    actual = identify(data)
    if actual not in expected:
        raise UploadRejectedError(
            f"文件内容与扩展名不符：扩展名为 {extension}，内容却是{KIND_NAMES[actual]}。"
            "请上传原始文件，文件未保存。",
            "mismatch",
        )
    if actual == "pdf" and _pdf_is_encrypted(path):
        raise UploadRejectedError(
            "PDF 文件已加密（设置了密码或权限保护），无法读取。请上传未加密的文件，文件未保存。",
            "encrypted",
        )
    _require_program(actual)
    if actual in ("docx", "xlsx"):
        try:
            # the zip directory only: the parts are read by the bounded reading process
            check_package(data, original_name, contents=False)
        except ReportInputError as error:
            raise UploadRejectedError(f"{error.message}。文件未保存。", error.code) from None


def _require_program(kind: str) -> None:
    """Refuse a scan without Tesseract, or a legacy Office file without LibreOffice."""
    if kind in ("png", "jpeg", "tiff") and not ocr.available():
        raise UploadRejectedError(
            f"这是{KIND_NAMES[kind]}（扫描件），需要文字识别（OCR）才能读取，但服务器未安装"
            "Tesseract 及其中文数据（Debian 软件包 tesseract-ocr、tesseract-ocr-chi-sim），"
            "文件未保存。请联系系统管理员安装，或上传带文字层的 PDF、Word、Excel 原文件。",
            "ocr_missing",
        )
    if kind in ("doc", "xls") and legacy.soffice() is None:
        target = "docx" if kind == "doc" else "xlsx"
        raise UploadRejectedError(
            f"读取{KIND_NAMES[kind]}需要 LibreOffice，但服务器未安装（Debian 软件包 "
            "libreoffice-writer-nogui、libreoffice-calc-nogui），文件未保存。"
            f"请联系系统管理员安装，或另存为 .{target} 后再上传。",
            "converter_missing",
        )


def _pdf_is_encrypted(path: Path) -> bool:
    # An encrypted PDF names its /Encrypt dictionary in the trailer (or the cross-reference
    # stream's dictionary), which sits in the last part of the file.
    with path.open("rb") as file:
        file.seek(0, 2)
        length = file.tell()
        file.seek(max(0, length - 64 * 1024))
        tail = file.read()
        file.seek(0)
        head = file.read(64 * 1024)
    return b"/Encrypt" in tail or b"/Encrypt" in head
