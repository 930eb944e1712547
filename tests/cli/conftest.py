"""Fixtures of the CLI tests: the bundled samples, report files written under ``tmp_path``, the
command invoked in-process through click's ``CliRunner``, and the installed entry point run as a
subprocess (where ``gongkai.cli.main`` decides the exit status and what reaches the user)."""

from __future__ import annotations

import copy
import json
import os
import shutil
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner, Result

from cli.helpers import CLEAN_SAMPLE, Invoke, RunInstalled, WriteReport, load_sample
from gongkai.cli import cli

# Variables that would make rich colour or re-size its output, or gongkai show tracebacks.
_NOISY_ENVIRONMENT = (
    "FORCE_COLOR",
    "TTY_COMPATIBLE",
    "TTY_INTERACTIVE",
    "COLUMNS",
    "GONGKAI_DEBUG",
)


@pytest.fixture(autouse=True)
def _plain_environment(monkeypatch: pytest.MonkeyPatch) -> None:
    for name in _NOISY_ENVIRONMENT:
        monkeypatch.delenv(name, raising=False)


@pytest.fixture(scope="session")
def _clean_data() -> dict[str, Any]:
    return load_sample(CLEAN_SAMPLE)


@pytest.fixture
def clean_data(_clean_data: dict[str, Any]) -> dict[str, Any]:
    """The clean sample (青山区司法局 2023) as a dict that a test may change."""
    return copy.deepcopy(_clean_data)


@pytest.fixture
def write_report(tmp_path: Path) -> WriteReport:
    """Write a report file under ``tmp_path``: a dict as JSON, ``str`` as UTF-8 text, ``bytes``
    as is."""

    def write(name: str, content: Any) -> Path:
        path = tmp_path / name
        if isinstance(content, bytes):
            path.write_bytes(content)
        elif isinstance(content, str):
            path.write_text(content, encoding="utf-8")
        else:
            path.write_text(json.dumps(content, ensure_ascii=False, indent=1), encoding="utf-8")
        return path

    return write


def _arguments(args: tuple[object, ...], tmp_path: Path) -> list[str]:
    """Command-line arguments; files under ``tmp_path`` by their short relative name, so that
    pytest's long temporary paths do not make rich wrap the lines under test."""
    return [
        str(arg.relative_to(tmp_path))
        if isinstance(arg, Path) and arg.is_relative_to(tmp_path)
        else str(arg)
        for arg in args
    ]


@pytest.fixture
def invoke(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Invoke:
    """Run ``gongkai ARGS…`` in-process, from ``tmp_path``."""
    monkeypatch.chdir(tmp_path)
    runner = CliRunner()

    def run(*args: object) -> Result:
        return runner.invoke(cli, _arguments(args, tmp_path))

    return run


@pytest.fixture(scope="session")
def gongkai_command() -> str:
    """The installed console script: next to this interpreter, else on PATH."""
    beside = Path(sys.executable).parent / "gongkai"
    found = str(beside) if beside.exists() else shutil.which("gongkai")
    assert found, "the gongkai entry point is not installed (pip install -e .)"
    return found


@pytest.fixture
def run_installed(gongkai_command: str, tmp_path: Path) -> RunInstalled:
    """Run the installed ``gongkai ARGS…`` from ``tmp_path`` as a user would."""
    environment = {k: v for k, v in os.environ.items() if k not in _NOISY_ENVIRONMENT}
    environment["PYTHONUTF8"] = "1"

    def run(*args: object) -> subprocess.CompletedProcess[str]:
        return subprocess.run(
            [gongkai_command, *_arguments(args, tmp_path)],
            capture_output=True,
            text=True,
            encoding="utf-8",
            cwd=tmp_path,
            env=environment,
            timeout=120,
            check=False,
        )

    return run
