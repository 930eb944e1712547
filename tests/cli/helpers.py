"""Helpers of the CLI tests (fixtures are in ``conftest.py``); importable as ``cli.helpers``."""

from __future__ import annotations

import json
import subprocess
from collections.abc import Callable
from pathlib import Path
from typing import Any

from click.testing import Result

import gongkai

SAMPLES = Path(gongkai.__file__).parent / "samples"
CLEAN_SAMPLE = SAMPLES / "qingshan-justice-2023.json"
HONGZE_SAMPLE = SAMPLES / "hongze-2023-tables.json"
REPO = Path(__file__).resolve().parents[2]

Invoke = Callable[..., Result]
RunInstalled = Callable[..., subprocess.CompletedProcess[str]]
WriteReport = Callable[[str, Any], Path]


def load_sample(path: Path) -> dict[str, Any]:
    data: dict[str, Any] = json.loads(path.read_text(encoding="utf-8"))
    return data


def assert_exit(result: Result, code: int) -> None:
    """The command ended through ``sys.exit(code)`` (or returned, for 0), not by an exception."""
    assert result.exit_code == code, result.output
    if code == 0:
        assert result.exception is None, result.exception
    else:
        assert isinstance(result.exception, SystemExit), repr(result.exception)
    assert "Traceback" not in result.output


def json_output(result: Result) -> list[dict[str, Any]]:
    data = json.loads(result.stdout)
    assert isinstance(data, list)
    return data


def findings_of(entry: dict[str, Any], rule: str) -> list[dict[str, Any]]:
    return [finding for finding in entry["findings"] if finding["rule"] == rule]


def table_rows(output: str) -> list[list[str]]:
    """The body rows of the rich tables in ``output``, each as its cells' text: a line whose first
    cell is blank continues the row above, and its fragments are appended without white space."""
    rows: list[list[str]] = []
    for line in output.splitlines():
        if not line.startswith("│"):
            continue
        cells = [cell.strip() for cell in line.strip().strip("│").split("│")]
        if cells[0] == "" and rows:
            rows[-1] = [before + after for before, after in zip(rows[-1], cells, strict=True)]
        else:
            rows.append(cells)
    return rows


def without_space(text: str) -> str:
    return "".join(text.split())
