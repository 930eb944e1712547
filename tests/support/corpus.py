"""The shared corpus of real reports (``../shared/corpus``), located from the repository."""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

from gongkai.report.formats import APPLICANT_KEYS

CORPUS = Path(__file__).resolve().parents[2].parent / "shared" / "corpus"
TRUTH = CORPUS / "truth"


def truth_files() -> list[Path]:
    files = sorted(TRUTH.glob("*.json"))
    if not files:
        raise RuntimeError(f"the shared corpus is missing: no truth files in {TRUTH}")
    return files


def load_truth(path: Path) -> dict[str, Any]:
    data: dict[str, Any] = json.loads(path.read_text(encoding="utf-8"))
    return data


_T3_COLUMNS = (*APPLICANT_KEYS, "total")
_T4_GROUPS = {
    "行政复议": "review",
    "未经复议直接起诉": "litigation_direct",
    "复议后起诉": "litigation_after_review",
}
_T4_RULES = {"review": "A5", "litigation_direct": "A6", "litigation_after_review": "A7"}


def violations(notes: str) -> set[tuple[str, str]]:
    """The truth notes' ``VIOLATION:`` lines as (rule id, row or column key) pairs."""
    found: set[tuple[str, str]] = set()
    for line in notes.splitlines():
        if not line.startswith("VIOLATION:"):
            continue
        if match := re.match(r"VIOLATION: table4 (\S+):", line):
            group = _T4_GROUPS[match.group(1)]
            found.add((_T4_RULES[group], group))
        elif match := re.match(r"VIOLATION: row (\w+):", line):
            found.add(("A2", match.group(1)))
        elif match := re.match(r"VIOLATION: column (\d): result rows", line):
            found.add(("A3", _T3_COLUMNS[int(match.group(1))]))
        elif match := re.match(r"VIOLATION: column (\d):", line):
            found.add(("A1", _T3_COLUMNS[int(match.group(1))]))
        else:
            raise ValueError(f"unrecognised violation line: {line}")
    return found
