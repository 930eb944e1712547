"""Legacy Office files (.doc, .xls, and WPS's .wps/.et), converted by LibreOffice and read as
DOCX/XLSX.

These are OLE2 compound files (first bytes D0 CF 11 E0). Which program wrote one is told by the
names of its streams, stored in UTF-16 in the file's directory: a word processor's file has a
``WordDocument`` stream, a spreadsheet a ``Workbook`` (or, before Excel 97, ``Book``) stream. WPS
Office writes the same streams, so its files convert the same way.

Each conversion runs ``soffice --headless`` with its own throwaway user profile (two conversions
at once would otherwise fight over one profile's lock) and a time limit, in a temporary directory
that is removed afterwards. Without LibreOffice the file is refused with a message saying what to
install or how to save the file instead.
"""

from __future__ import annotations

import shutil
import subprocess
import tempfile
from dataclasses import replace
from pathlib import Path

from gongkai.errors import ReportInputError
from gongkai.readers import office
from gongkai.readers.witness import Previous
from gongkai.report.findings import Finding, Severity
from gongkai.report.model import Report

# A report converts in 2–5 s; a file that takes far longer is damaged or hostile.
CONVERT_TIMEOUT_SECONDS = 120
_PROGRAMS = ("soffice", "libreoffice")

_WORD_STREAM = "WordDocument".encode("utf-16-le")
_SHEET_STREAMS = ("Workbook".encode("utf-16-le"), "Book\x00".encode("utf-16-le"))

# The kind of an OLE2 file: what it converts to and what it is called in messages.
_TARGET = {"doc": "docx", "xls": "xlsx"}
NAMES = {"doc": "Word 97-2003 文件（.doc/.wps）", "xls": "Excel 97-2003 文件（.xls/.et）"}


def ole_kind(data: bytes) -> str | None:
    """``"doc"``, ``"xls"`` or ``None`` (another compound file, e.g. an encrypted .docx or a
    PowerPoint file) from the stream names in an OLE2 file."""
    if _WORD_STREAM in data:
        return "doc"
    if any(name in data for name in _SHEET_STREAMS):
        return "xls"
    return None


def soffice() -> str | None:
    """The LibreOffice program, or ``None`` when it is not installed."""
    return next((path for name in _PROGRAMS if (path := shutil.which(name))), None)


def convert(data: bytes, kind: str, where: str | None) -> bytes:
    """``data`` (a .doc or .xls) as DOCX or XLSX bytes, converted by LibreOffice."""
    program = soffice()
    target = _TARGET[kind]
    if program is None:
        raise ReportInputError(
            f"读取{NAMES[kind]}需要 LibreOffice（Debian 软件包 libreoffice-writer-nogui、"
            f"libreoffice-calc-nogui），本机未安装；请安装，或另存为 .{target} 后再读取",
            where=where,
            code="converter_missing",
        )
    with tempfile.TemporaryDirectory(prefix="gongkai-legacy-") as folder:
        work = Path(folder)
        source = work / f"report.{kind}"
        source.write_bytes(data)
        command = [
            program,
            f"-env:UserInstallation={(work / 'profile').as_uri()}",
            "--headless",
            "--norestore",
            "--convert-to",
            target,
            "--outdir",
            str(work / "out"),
            str(source),
        ]
        try:
            subprocess.run(  # a fixed program with our own arguments, no shell
                command,
                capture_output=True,
                timeout=CONVERT_TIMEOUT_SECONDS,
                check=False,
                cwd=work,
            )
        except subprocess.TimeoutExpired:
            raise ReportInputError(
                f"{NAMES[kind]}转换超时（超过 {CONVERT_TIMEOUT_SECONDS} 秒），文件可能已损坏",
                where=where,
                code="convert_failed",
            ) from None
        converted = work / "out" / f"report.{target}"
        if not converted.is_file() or converted.stat().st_size == 0:
            raise ReportInputError(
                f"{NAMES[kind]}无法转换（文件可能已损坏或已加密）；请另存为 .{target} 后再读取",
                where=where,
                code="convert_failed",
            )
        return converted.read_bytes()


def read_doc(data: bytes, *, source_file: str | None = None, previous: Previous = None) -> Report:
    return _read(data, "doc", source_file, previous)


def read_xls(data: bytes, *, source_file: str | None = None, previous: Previous = None) -> Report:
    return _read(data, "xls", source_file, previous)


def _read(data: bytes, kind: str, source_file: str | None, previous: Previous) -> Report:
    converted = convert(data, kind, source_file)
    reader = office.read_docx if kind == "doc" else office.read_xlsx
    report = reader(converted, source_file=source_file, previous=previous)
    return replace(report, reading=(converted_finding(kind), *report.reading))


def converted_finding(kind: str) -> Finding:
    target = _TARGET[kind]
    return Finding(
        "R13",
        Severity.INFO,
        f"这是{NAMES[kind]}，已由 LibreOffice 转换为 .{target} 后读取；"
        "出处中的表格、行、列指转换后的文件",
        f"A legacy {kind} file, converted to {target} by LibreOffice and read as such",
    )
