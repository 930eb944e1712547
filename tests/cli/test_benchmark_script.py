"""``benchmarks/check_speed.py`` runs (a smoke run; no test asserts a speed)."""

from __future__ import annotations

import importlib.util
import subprocess
import sys
from pathlib import Path
from types import ModuleType

import pytest

from cli.helpers import REPO

SCRIPT = REPO / "benchmarks" / "check_speed.py"


@pytest.fixture(scope="module")
def quick_run() -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, str(SCRIPT), "--quick"],
        capture_output=True,
        text=True,
        encoding="utf-8",
        cwd=REPO,
        timeout=600,
        check=False,
    )


def test_the_quick_benchmark_exits_0(quick_run: subprocess.CompletedProcess[str]) -> None:
    assert quick_run.returncode == 0, quick_run.stderr


def test_the_quick_benchmark_prints_reports_per_second_for_both_rule_sets(
    quick_run: subprocess.CompletedProcess[str],
) -> None:
    assert "reports/s" in quick_run.stdout
    assert "Single-report rules" in quick_run.stdout
    assert "With the previous year's report" in quick_run.stdout
    assert "Target ≥ 5,000 reports/s for single-report rules:" in quick_run.stdout


def test_the_benchmark_synthetic_reports_are_consistent(
    quick_run: subprocess.CompletedProcess[str],
) -> None:
    assert "synthetic, tables: 50 reports, consistent;" in quick_run.stdout
    assert "synthetic, narrative: 50 reports, consistent;" in quick_run.stdout


@pytest.fixture
def check_speed(monkeypatch: pytest.MonkeyPatch) -> ModuleType:
    """The script imported as a module (its ``main`` does not run)."""
    monkeypatch.syspath_prepend(str(SCRIPT.parent))  # for its ``timing`` helper
    spec = importlib.util.spec_from_file_location("check_speed", SCRIPT)
    assert spec is not None
    assert spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    monkeypatch.setitem(sys.modules, "check_speed", module)  # dataclasses look the module up
    spec.loader.exec_module(module)
    return module


def test_the_benchmark_says_clearly_when_the_corpus_is_missing(
    check_speed: ModuleType, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(check_speed, "TRUTH", tmp_path / "truth")
    with pytest.raises(SystemExit, match="the shared corpus is missing") as exit_info:
        check_speed.truth_reports()
    assert str(tmp_path / "truth") in str(exit_info.value)


def test_the_synthetic_reports_are_the_same_on_every_run(check_speed: ModuleType) -> None:
    first = check_speed.synthetic_pairs(5, narrative=True)
    second = check_speed.synthetic_pairs(5, narrative=True)
    assert [report.tables for report, _ in first] == [report.tables for report, _ in second]
    assert [report.sections for report, _ in first] == [report.sections for report, _ in second]
