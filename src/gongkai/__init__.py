"""gongkai (公开): government information disclosure work — the annual report as data, its
checks, and the tools around them.

    >>> import gongkai
    >>> report = gongkai.read("2023年报.pdf")       # PDF, DOCX, XLSX, HTML, text or JSON
    >>> for finding in gongkai.check(report):
    ...     print(finding.rule, finding.message_zh)
    >>> pdf = gongkai.write(report, "pdf")          # the national layout, as bytes
"""

from __future__ import annotations

from importlib.metadata import PackageNotFoundError, version

from gongkai.errors import GongkaiError, ReportInputError
from gongkai.readers import read_bytes
from gongkai.readers import read_report as read
from gongkai.report import (
    Cell,
    CellRef,
    CheckSettings,
    Finding,
    OrganKind,
    Report,
    Severity,
    Source,
    check,
)
from gongkai.report.canonical import dumps, json_schema, loads
from gongkai.writers import render as write

try:
    __version__ = version("gongkai")
except PackageNotFoundError:  # running from a source tree that was not installed
    __version__ = "0.0.0"

__all__ = [
    "Cell",
    "CellRef",
    "CheckSettings",
    "Finding",
    "GongkaiError",
    "OrganKind",
    "Report",
    "ReportInputError",
    "Severity",
    "Source",
    "__version__",
    "check",
    "dumps",
    "json_schema",
    "loads",
    "read",
    "read_bytes",
    "write",
]
