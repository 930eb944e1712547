"""Canonical JSON (see :mod:`gongkai.report.canonical`)."""

from __future__ import annotations

from gongkai.report import canonical
from gongkai.report.model import Report


def accepts(data: bytes) -> bool:
    """JSON starts with an object, after an optional byte-order mark and white space."""
    return data.lstrip(b"\xef\xbb\xbf \t\r\n")[:1] == b"{"


def read(data: bytes, *, source_file: str | None = None) -> Report:
    return canonical.loads(data.removeprefix(b"\xef\xbb\xbf"), source_file=source_file)
