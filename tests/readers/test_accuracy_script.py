"""``benchmarks/corpus_accuracy.py`` runs on the shared corpus and finds no cell read wrong (its
figures are quoted in docs/reading.md)."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

SCRIPT = Path(__file__).resolve().parents[2] / "benchmarks" / "corpus_accuracy.py"


def test_the_accuracy_script_reports_every_decidable_cell_of_the_corpus_right() -> None:
    done = subprocess.run(
        [sys.executable, str(SCRIPT)],
        capture_output=True,
        text=True,
        encoding="utf-8",
        timeout=600,
        check=False,
    )
    assert done.returncode == 0, done.stdout + done.stderr
    assert "decidable cells right (100.00%)" in done.stdout
    assert "cells read wrong on any item: 0" in done.stdout
