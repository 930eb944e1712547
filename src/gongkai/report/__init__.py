"""The annual report: formats as data, the model, the rules, canonical JSON."""

from gongkai.report.findings import CellRef, Finding, Severity
from gongkai.report.formats import FORMAT_2019, FORMAT_2021, FORMATS, get_format
from gongkai.report.model import MISSING, Cell, Report, Source
from gongkai.report.organs import OrganKind
from gongkai.report.rules import RULES, check
from gongkai.report.settings import CheckSettings

__all__ = [
    "FORMATS",
    "FORMAT_2019",
    "FORMAT_2021",
    "MISSING",
    "RULES",
    "Cell",
    "CellRef",
    "CheckSettings",
    "Finding",
    "OrganKind",
    "Report",
    "Severity",
    "Source",
    "check",
    "get_format",
]
