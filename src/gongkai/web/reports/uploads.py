"""Uploads: limited in size before anything is read, written to a temporary file (never held in
memory), and screened before the readers see them.

The screen refuses, with a message in Chinese: a file over the limit (counted while it streams
in, and refused at once when the request announces a larger body), a file whose content does not
match its extension (a JPEG renamed .pdf), an encrypted PDF, and an archive (DOCX, XLSX, ZIP) that
would expand far beyond the limit (a zip bomb).
"""

from __future__ import annotations

import zipfile
from pathlib import Path
from typing import Any

from django.conf import settings
from django.core.files.uploadhandler import StopUpload, TemporaryFileUploadHandler
from django.http import QueryDict
from django.utils.datastructures import MultiValueDict


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


# What a file starts with, and what it is then.
_SIGNATURES: tuple[tuple[bytes, str], ...] = (
    (b"%PDF-", "pdf"),
    (b"PK\x03\x04", "zip"),
    (b"\xff\xd8\xff", "jpeg"),
    (b"\x89PNG\r\n\x1a\n", "png"),
    (b"GIF8", "gif"),
    (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1", "ole"),  # old .doc/.xls
    (b"Rar!", "rar"),
    (b"7z\xbc\xaf\x27\x1c", "7z"),
    (b"\x1f\x8b", "gzip"),
)
_KIND_NAMES = {
    "pdf": "PDF 文件",
    "zip": "压缩包（ZIP/DOCX/XLSX）",
    "jpeg": "JPEG 图片",
    "png": "PNG 图片",
    "gif": "GIF 图片",
    "ole": "旧版 Word/Excel（.doc/.xls）文件",
    "rar": "RAR 压缩包",
    "7z": "7z 压缩包",
    "gzip": "gzip 压缩包",
    "text": "文本文件",
}
# The extensions the readers take, and the content each must have.
EXPECTED = {
    ".pdf": "pdf",
    ".docx": "zip",
    ".xlsx": "zip",
    ".json": "text",
    ".txt": "text",
    ".md": "text",
    ".html": "text",
    ".htm": "text",
}
ACCEPTED_EXTENSIONS = tuple(EXPECTED)
# An archive expanding beyond this many times the limit, or at a ratio beyond this, is a bomb.
MAX_EXPANSION_RATIO = 200


def sniff(head: bytes) -> str:
    for signature, kind in _SIGNATURES:
        if head.startswith(signature):
            return kind
    return "text"


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
    with path.open("rb") as file:
        head = file.read(16)
    actual = sniff(head)
    if actual != expected:
        raise UploadRejectedError(
            f"文件内容与扩展名不符：扩展名为 {extension}，内容却是{_KIND_NAMES[actual]}。"
            "请上传原始文件，文件未保存。",
            "mismatch",
        )
    if actual == "pdf" and _pdf_is_encrypted(path):
        raise UploadRejectedError(
            "PDF 文件已加密（设置了密码或权限保护），无法读取。请上传未加密的文件，文件未保存。",
            "encrypted",
        )
    if actual == "zip":
        _screen_archive(path, size)


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


def _screen_archive(path: Path, size: int) -> None:
    try:
        with zipfile.ZipFile(path) as archive:
            members = archive.infolist()
    except (zipfile.BadZipFile, OSError):
        raise UploadRejectedError(
            "文件已损坏：不是完整的 DOCX/XLSX 文件，文件未保存。", "corrupt"
        ) from None
    if any(member.flag_bits & 0x1 for member in members):
        raise UploadRejectedError(
            "文件已加密，无法读取。请上传未加密的文件，文件未保存。", "encrypted"
        )
    expanded = sum(member.file_size for member in members)
    if expanded > max_upload_bytes() * 10 or expanded > size * MAX_EXPANSION_RATIO + 1024 * 1024:
        raise UploadRejectedError(
            "文件解压后异常巨大（疑似“压缩炸弹”），已拒绝，文件未保存。", "zip_bomb"
        )
